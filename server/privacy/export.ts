// "Download my data": everything the account holds about its owner, as one JSON document. Only the
// owner's own data: their profile, memberships, what they wrote (with its revisions), endorsed, flagged
// and appealed, the decisions about their content, their notifications and sessions. Never other
// people's private data: not who moderated (moderators' names, notes), not other flaggers, not other
// members. Content quarantined as illegal is listed without its text: it is never redistributed, even
// to its author (its record is kept for the authorities).
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { getMe } from "../accounts/service.ts";
import { hasTwoFactor } from "../accounts/two-factor.ts";
import { listMySessions } from "../accounts/session-list.ts";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function exportMyData(prisma: PrismaClient, actor: Actor, currentSessionId: string) {
  const userId = actor.id;
  const pseudonymRequests = await prisma.pseudonymRequest.findMany({ where: { userId }, select: { pseudonym: true, legalName: true, note: true, status: true, createdAt: true, decidedAt: true } });
  const [profile, twoFactor, threads, posts, positions, endorsements, flags, decisions, appeals, notifications, responses, sessions, roles] = await Promise.all([
    getMe(prisma, userId),
    hasTwoFactor(prisma, userId),
    prisma.thread.findMany({ where: { authorId: userId }, select: { id: true, consultationId: true, title: true, status: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    prisma.post.findMany({
      where: { authorId: userId },
      select: {
        id: true, threadId: true, consultationId: true, parentId: true, status: true, quarantined: true, bodySource: true, authorCategory: true,
        onBehalfOfOrganisationId: true, version: true, createdAt: true, editedAt: true,
        revisions: { select: { version: true, bodySource: true, createdAt: true }, orderBy: { version: "asc" } },
      },
      orderBy: { createdAt: "asc" },
    }),
    prisma.position.findMany({
      where: { authorId: userId },
      select: { id: true, consultationId: true, questionId: true, organisationId: true, stance: true, summary: true, argumentSource: true, amendmentText: true, declarationOfInterests: true, fundingSources: true, status: true, quarantined: true, version: true, createdAt: true, updatedAt: true, revisions: { where: { authorId: userId }, select: { version: true, snapshot: true, createdAt: true } } },
      orderBy: { createdAt: "asc" },
    }),
    prisma.endorsement.findMany({ where: { userId }, select: { postId: true, positionId: true, category: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    prisma.flag.findMany({ where: { flaggerId: userId }, select: { postId: true, positionId: true, consultationId: true, reason: true, note: true, createdAt: true, resolvedAt: true }, orderBy: { createdAt: "asc" } }),
    prisma.moderationDecision.findMany({ where: { subjectUserId: userId }, select: { id: true, action: true, postId: true, positionId: true, threadId: true, reasonCode: true, statement: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    prisma.appeal.findMany({ where: { authorId: userId }, select: { decisionId: true, message: true, status: true, outcomeStatement: true, createdAt: true, decidedAt: true }, orderBy: { createdAt: "asc" } }),
    prisma.notification.findMany({ where: { userId }, select: { kind: true, payload: true, readAt: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    prisma.response.findMany({ where: { respondentId: userId }, select: { id: true, consultationId: true, onBehalfOfOrganisationId: true, status: true, consent: true, answers: true, submissionNumber: true, submittedAt: true, createdAt: true } }),
    listMySessions(prisma, actor, currentSessionId),
    prisma.consultationMember.findMany({ where: { userId }, select: { consultationId: true, role: true, createdAt: true } }),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    profile: { ...profile, twoFactorEnabled: twoFactor },
    consultationMemberships: roles.map((r) => ({ consultationId: r.consultationId, role: r.role, since: iso(r.createdAt) })),
    threads: threads.map((t) => ({ ...t, createdAt: iso(t.createdAt) })),
    posts: posts.map((p) => ({
      ...p,
      // Illegal-content quarantine: listed, never sent out again (not even to its author).
      bodySource: p.quarantined ? null : p.bodySource,
      revisions: p.quarantined ? [] : p.revisions.map((r) => ({ version: r.version, bodySource: r.bodySource, createdAt: iso(r.createdAt) })),
      createdAt: iso(p.createdAt),
      editedAt: iso(p.editedAt),
    })),
    positions: positions.map((p) => ({
      ...p,
      argumentSource: p.quarantined ? null : p.argumentSource,
      revisions: p.quarantined ? [] : p.revisions.map((r) => ({ version: r.version, snapshot: r.snapshot, createdAt: iso(r.createdAt) })),
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
    })),
    endorsements: endorsements.map((e) => ({ ...e, createdAt: iso(e.createdAt) })),
    flagsMade: flags.map((f) => ({ ...f, createdAt: iso(f.createdAt), resolvedAt: iso(f.resolvedAt) })),
    decisionsAboutMyContent: decisions.map((d) => ({ ...d, createdAt: iso(d.createdAt) })),
    appeals: appeals.map((a) => ({ ...a, createdAt: iso(a.createdAt), decidedAt: iso(a.decidedAt) })),
    notifications: notifications.map((n) => ({ ...n, readAt: iso(n.readAt), createdAt: iso(n.createdAt) })),
    responses: responses.map((r) => ({ ...r, submittedAt: iso(r.submittedAt), createdAt: iso(r.createdAt) })),
    sessions: sessions.items,
    // Who decided is staff's business; what was asked and what came of it is the person's.
    pseudonymRequests: pseudonymRequests.map((r) => ({ ...r, createdAt: iso(r.createdAt), decidedAt: iso(r.decidedAt) })),
  };
}
