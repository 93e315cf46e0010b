// Consultations: create, edit (including lifecycle moves and the question list), list, read, members.
import type { PrismaClient, Tx } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { canActAgainst, canGrantRole, rankValue } from "../accounts/roles.ts";
import { emailKey } from "../accounts/service.ts";
import { errors } from "../http/errors.ts";
import { renderDocumentText } from "../content/rich-text.ts";
import type { TAddMemberBody, TChangeMemberRoleBody, TCreateConsultationBody, TListMembersQuery, TUpdateConsultationBody } from "../../shared/schemas/consultations.ts";
import { LIMITS } from "../../shared/limits.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { loadReadableConsultation, readableConsultationsWhere, viewerFor } from "./access.ts";
import { announceLifecycle, canMove } from "./lifecycle.ts";
import { recordAudit } from "../moderation/audit.ts";
import { consultationPolicy, rankIn } from "./policy.ts";
import { presentConsultation, presentConsultationSummary } from "./present.ts";
import { endUserSessions } from "../accounts/sessions.ts";
import { inTransaction, recordEvent } from "../events/record.ts";

export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return base.length >= 3 ? base : `consultation-${base}`.replace(/-+$/, "");
}

/** Organisers are admins, or people who are organisers somewhere already. */
async function mayCreateConsultation(prisma: PrismaClient, actor: Actor): Promise<boolean> {
  if (actor.isAdmin) return true;
  return (await prisma.consultationMember.count({ where: { userId: actor.id, role: "organiser" } })) > 0;
}

export async function createConsultation(prisma: PrismaClient, actor: Actor, input: TCreateConsultationBody) {
  if (!(await mayCreateConsultation(prisma, actor))) throw errors.forbidden("Only organisers and admins can create consultations.");
  const slug = input.slug ?? slugify(input.title);
  try {
    const created = await inTransaction(prisma, async (tx) => {
      const row = await tx.consultation.create({
      data: {
        slug,
        title: input.title,
        summary: input.summary,
        backgroundSource: input.background ?? "",
        backgroundHtml: input.background ? renderDocumentText(input.background) : "",
        language: input.language,
        accessMode: input.accessMode,
        moderationMode: input.moderationMode,
        newcomerThreshold: input.newcomerThreshold,
        flagHideThreshold: input.flagHideThreshold,
        opensAt: input.opensAt ?? null,
        closesAt: input.closesAt ?? null,
        status: "draft",
        createdById: actor.id,
        questions: { create: input.questions.map((q, i) => ({ ordinal: i + 1, text: q.text, explanation: q.explanation ?? null })) },
        // The creator organises what they create.
        members: { create: { userId: actor.id, role: "organiser", addedById: actor.id } },
      },
      });
      await recordAudit(tx, { consultationId: row.id, actorId: actor.id, action: "create_consultation", targetType: "consultation", targetId: row.id, after: { title: row.title, slug: row.slug, accessMode: row.accessMode, moderationMode: row.moderationMode } });
      return row;
    });
    return getConsultation(prisma, actor, created.id);
  } catch (err) {
    if (isUniqueViolation(err)) throw errors.conflict("A consultation with this slug already exists.", [{ path: "slug", message: "is taken" }]);
    throw err;
  }
}

export async function getConsultation(prisma: PrismaClient, actor: Actor | null, idOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const editor = consultationPolicy.edit(viewer, consultation);
  const [questions, threads, approvedByViewer, locked] = await Promise.all([
    prisma.question.findMany({ where: { consultationId: consultation.id }, orderBy: { ordinal: "asc" } }),
    prisma.thread.count({ where: { consultationId: consultation.id, posts: { some: { isOpening: true, status: "published" } } } }),
    viewer.userId
      ? prisma.post.count({ where: { consultationId: consultation.id, authorId: viewer.userId, status: "published" } })
      : Promise.resolve(0),
    editor ? hasContributions(prisma, consultation.id) : Promise.resolve(true),
  ]);
  return presentConsultation(consultation, questions, viewer, { threads, approvedByViewer, questionsLockedReason: locked ? QUESTIONS_LOCKED : null });
}

export async function listConsultations(
  prisma: PrismaClient,
  actor: Actor | null,
  query: { status?: string; accessMode?: string; language?: string; cursor?: string; limit: number },
) {
  const after = query.cursor ? decodeCursor(query.cursor, { createdAt: cursorKeys.instant, id: cursorKeys.id }) : null;
  const rows = await prisma.consultation.findMany({
    where: {
      AND: [
        readableConsultationsWhere(actor),
        query.status ? { status: query.status as never } : {},
        query.accessMode ? { accessMode: query.accessMode as never } : {},
        query.language ? { language: query.language } : {},
        after
          ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
          : {},
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { _count: { select: { questions: true } } },
  });
  const page = rows.slice(0, query.limit);
  // Thread counts that include only threads whose opening post is public: one grouped query per page.
  const threadCounts = await prisma.post.groupBy({
    by: ["consultationId"],
    where: { consultationId: { in: page.map((c) => c.id) }, isOpening: true, status: "published" },
    _count: { _all: true },
  });
  const threadsBy = new Map(threadCounts.map((t) => [t.consultationId, t._count._all]));
  const last = page.at(-1);
  return {
    items: page.map((c) => presentConsultationSummary(c, { questions: c._count.questions, threads: threadsBy.get(c.id) ?? 0 })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** Why the questions can no longer change, or null: once people contributed, changing the questions would change what they answered. */
export const QUESTIONS_LOCKED = "The questions are fixed once contributions exist: participants answered them as they are. Add a new consultation, or explain changes in the background.";

async function hasContributions(db: Tx, consultationId: string): Promise<boolean> {
  const [thread, position] = await Promise.all([
    db.thread.findFirst({ where: { consultationId }, select: { id: true } }),
    db.position.findFirst({ where: { consultationId }, select: { id: true } }),
  ]);
  return thread !== null || position !== null;
}

const sameQuestions = (a: { id?: string; text: string; explanation?: string | null }[], b: { id: string; text: string; explanation: string | null }[]) =>
  a.length === b.length && a.every((q, i) => q.id === b[i]!.id && q.text === b[i]!.text && (q.explanation ?? null) === b[i]!.explanation);

async function replaceQuestions(tx: Tx, consultationId: string, questions: NonNullable<TUpdateConsultationBody["questions"]>) {
  const existing = await tx.question.findMany({ where: { consultationId }, orderBy: { ordinal: "asc" }, include: { _count: { select: { threads: true, positions: true } } } });
  // Sending the questions unchanged is fine (an edit form sends everything); changing them is not, once locked.
  if (sameQuestions(questions, existing)) return;
  if (await hasContributions(tx, consultationId)) throw errors.conflict(QUESTIONS_LOCKED, [{ path: "questions", message: "are fixed once contributions exist" }]);
  const byId = new Map(existing.map((q) => [q.id, q]));
  for (const q of questions) {
    if (q.id && !byId.has(q.id)) throw errors.invalidInput("Unknown question id.", [{ path: "questions", message: `question ${q.id} is not in this consultation` }]);
  }
  const kept = new Set(questions.map((q) => q.id).filter(Boolean));
  const removed = existing.filter((q) => !kept.has(q.id));
  const inUse = removed.find((q) => q._count.threads + q._count.positions > 0);
  if (inUse) throw errors.conflict("A question that has threads or positions cannot be removed.", [{ path: "questions", message: `question ${inUse.ordinal} is in use` }]);
  await tx.question.deleteMany({ where: { id: { in: removed.map((q) => q.id) } } });
  for (const [i, q] of questions.entries()) {
    const data = { ordinal: i + 1, text: q.text, explanation: q.explanation ?? null };
    if (q.id) await tx.question.update({ where: { id: q.id }, data });
    else await tx.question.create({ data: { ...data, consultationId } });
  }
}

export async function updateConsultation(prisma: PrismaClient, actor: Actor, idOrSlug: string, input: TUpdateConsultationBody) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!consultationPolicy.edit(viewer, consultation)) throw errors.forbidden("Only the consultation's organisers can edit it.");
  // Contributions were made under the access mode in force: changing it afterwards would publish
  // members-only content or name Chatham House authors. It is fixed once the consultation leaves draft.
  if (input.accessMode && input.accessMode !== consultation.accessMode && consultation.status !== "draft") {
    throw errors.conflict("The access mode can only be changed while the consultation is a draft.", [{ path: "accessMode", message: "is fixed once the consultation has opened" }]);
  }
  if (input.status && !canMove(consultation.status, input.status)) {
    throw errors.conflict(`A consultation cannot move from ${consultation.status} to ${input.status}.`, [{ path: "status", message: "is not a permitted move" }]);
  }
  const opensAt = input.opensAt === undefined ? consultation.opensAt : input.opensAt;
  const closesAt = input.closesAt === undefined ? consultation.closesAt : input.closesAt;
  if (opensAt && closesAt && closesAt <= opensAt) throw errors.invalidInput("closesAt must be after opensAt.", [{ path: "closesAt", message: "must be after opensAt" }]);
  try {
    await inTransaction(prisma, async (tx) => {
      const updated = await tx.consultation.update({
        where: { id: consultation.id },
        data: {
          title: input.title,
          slug: input.slug,
          summary: input.summary,
          ...(input.background !== undefined ? { backgroundSource: input.background, backgroundHtml: renderDocumentText(input.background) } : {}),
          language: input.language,
          accessMode: input.accessMode,
          moderationMode: input.moderationMode,
          newcomerThreshold: input.newcomerThreshold,
          flagHideThreshold: input.flagHideThreshold,
          opensAt: input.opensAt,
          closesAt: input.closesAt,
          status: input.status,
        },
      });
      if (input.questions) await replaceQuestions(tx, consultation.id, input.questions);
      recordEvent(tx, { consultationId: consultation.id, type: "consultation:updated", payload: { consultationId: consultation.id } });
      // A new access mode or status changes who may read: every socket in the consultation re-checks.
      if (input.accessMode || input.status) recordEvent(tx, { consultationId: consultation.id, type: "access:changed", payload: {} });
      if (input.status && input.status !== consultation.status) await announceLifecycle(tx, updated, input.status);
      const changed = Object.keys(input).filter((k) => k !== "questions" && k !== "background") as (keyof typeof consultation)[];
      await recordAudit(tx, {
        consultationId: consultation.id,
        actorId: actor.id,
        action: input.status && input.status !== consultation.status ? `status_${input.status}` : "update_consultation",
        targetType: "consultation",
        targetId: consultation.id,
        before: Object.fromEntries(changed.map((k) => [k, consultation[k]])),
        after: { ...Object.fromEntries(changed.map((k) => [k, updated[k]])), ...(input.questions ? { questions: input.questions.length } : {}), ...(input.background !== undefined ? { background: "changed" } : {}) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw errors.conflict("A consultation with this slug already exists.", [{ path: "slug", message: "is taken" }]);
    throw err;
  }
  return getConsultation(prisma, actor, consultation.id);
}

export async function addMember(prisma: PrismaClient, actor: Actor, idOrSlug: string, input: TAddMemberBody) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const rank = rankIn(viewer, consultation);
  if (!consultationPolicy.manageMembers(viewer, consultation)) throw errors.forbidden("Only organisers can add members.");
  if (!canGrantRole(rank, input.role)) throw errors.forbidden(`You cannot grant the role ${input.role}.`);

  if (input.organisationId) {
    const org = await prisma.organisation.findUnique({ where: { id: input.organisationId } });
    if (!org) throw errors.invalidInput("No such organisation.", [{ path: "organisationId", message: "does not exist" }]);
    if (rankValue(input.role) > rankValue("participant")) throw errors.invalidInput("Organisations join as participants or observers; appoint staff one by one.", [{ path: "role", message: "must be participant or observer for an organisation" }]);
    await inTransaction(prisma, async (tx) => {
      await tx.consultationOrganisation.upsert({
        where: { consultationId_organisationId: { consultationId: consultation.id, organisationId: org.id } },
        create: { consultationId: consultation.id, organisationId: org.id, role: input.role },
        update: { role: input.role },
      });
      await recordAudit(tx, { consultationId: consultation.id, actorId: actor.id, action: "add_member", targetType: "organisation", targetId: org.id, after: { role: input.role } });
      // The organisation's members may now read more (or less): every socket in the consultation re-checks.
      recordEvent(tx, { consultationId: consultation.id, type: "access:changed", payload: {} });
    });
    return { kind: "organisation" as const, consultationId: consultation.id, organisationId: org.id, name: org.name, role: input.role };
  }

  const user = await prisma.user.findUnique({ where: { emailKey: emailKey(input.email!) } });
  if (!user) throw errors.invalidInput("No account has this email.", [{ path: "email", message: "is not registered" }]);
  const current = await viewerFor(prisma, { id: user.id, isAdmin: user.isAdmin }, consultation.id);
  const currentRank = rankIn(current, consultation);
  // Changing someone's existing role is a demotion or promotion: only over people ranked below the actor.
  if (current.role && !canActAgainst(rank, currentRank, user.id === actor.id)) throw errors.forbidden("You cannot change the role of someone at or above your rank.");
  await inTransaction(prisma, async (tx) => {
    await tx.consultationMember.upsert({
      where: { consultationId_userId: { consultationId: consultation.id, userId: user.id } },
      create: { consultationId: consultation.id, userId: user.id, role: input.role, addedById: actor.id },
      update: { role: input.role },
    });
    await recordAudit(tx, { consultationId: consultation.id, actorId: actor.id, action: current.role ? "change_role" : "add_member", targetType: "member", targetId: user.id, before: current.role ? { role: current.role } : undefined, after: { role: input.role } });
    recordEvent(tx, { consultationId: consultation.id, type: "access:changed", payload: { userId: user.id } });
    // A changed role (not a first one): the person logs in again, so no session or socket keeps what the
    // old role allowed, and a new staff role meets its two-factor requirement at that login.
    if (current.role && current.role !== input.role) await endUserSessions(tx, user.id, "role_changed");
  });
  return { kind: "user" as const, consultationId: consultation.id, userId: user.id, displayName: user.displayName, role: input.role };
}

/**
 * The members of a consultation for its staff: people added one by one (a page of them, searchable by
 * name or email, filterable by role, oldest first, each with their organisations and when they were
 * added), and the organisations whose members all take a role.
 */
export async function listMembers(prisma: PrismaClient, actor: Actor, idOrSlug: string, query: TListMembersQuery = { limit: LIMITS.pageSizeMax }) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!consultationPolicy.seeMembers(viewer, consultation)) throw errors.forbidden("Only staff see the member list.");
  const after = query.cursor ? decodeCursor(query.cursor, { createdAt: cursorKeys.instant, userId: cursorKeys.id }) : null;
  const q = query.q?.toLowerCase();
  const [users, organisations] = await Promise.all([
    prisma.consultationMember.findMany({
      where: {
        consultationId: consultation.id,
        ...(query.role ? { role: query.role } : {}),
        ...(q ? { user: { OR: [{ displayName: { contains: q, mode: "insensitive" } }, { emailKey: { contains: q } }] } } : {}),
        ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, userId: { gt: after.userId } }] } : {}),
      },
      include: { user: { select: { id: true, displayName: true, category: true, legalName: true, organisations: { select: { role: true, organisation: { select: { id: true, name: true } } } } } } },
      orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
      take: query.limit + 1,
    }),
    prisma.consultationOrganisation.findMany({ where: { consultationId: consultation.id }, include: { organisation: { select: { id: true, name: true, category: true } } }, orderBy: { createdAt: "asc" } }),
  ]);
  const page = users.slice(0, query.limit);
  const last = page.at(-1);
  return {
    users: page.map((m) => ({
      userId: m.user.id,
      displayName: m.user.displayName,
      category: m.user.category,
      /** Verified pseudonymous participation: who the pseudonym is (staff only; server/privacy/pseudonyms.ts). */
      verifiedIdentity: m.user.legalName,
      role: m.role,
      organisations: m.user.organisations.map((o) => ({ id: o.organisation.id, name: o.organisation.name, role: o.role })),
      addedAt: m.createdAt.toISOString(),
    })),
    nextCursor: users.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), userId: last.userId }) : null,
    organisations: organisations.map((m) => ({ organisationId: m.organisation.id, name: m.organisation.name, category: m.organisation.category, role: m.role, addedAt: m.createdAt.toISOString() })),
  };
}

export async function removeMember(prisma: PrismaClient, actor: Actor, idOrSlug: string, userId: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!consultationPolicy.manageMembers(viewer, consultation)) throw errors.forbidden("Only organisers can remove members.");
  const target = await prisma.user.findUnique({ where: { id: userId } });
  if (!target) throw errors.notFound("Member");
  const targetViewer = await viewerFor(prisma, { id: target.id, isAdmin: target.isAdmin }, consultation.id);
  if (!canActAgainst(rankIn(viewer, consultation), rankIn(targetViewer, consultation), target.id === actor.id)) {
    throw errors.forbidden("You cannot remove someone at or above your rank.");
  }
  await inTransaction(prisma, async (tx) => {
    const { count } = await tx.consultationMember.deleteMany({ where: { consultationId: consultation.id, userId } });
    if (count === 0) throw errors.notFound("Member");
    await recordAudit(tx, { consultationId: consultation.id, actorId: actor.id, action: "remove_member", targetType: "member", targetId: userId, before: { role: targetViewer.role } });
    recordEvent(tx, { consultationId: consultation.id, type: "access:changed", payload: { userId } });
    // Whatever path removes a member (this service serves REST and any job or CLI), their sessions end.
    await endUserSessions(tx, userId, "membership_removed");
  });
  return { consultationId: consultation.id };
}

/**
 * A member's role changed from the member list, which knows people by id (addMember knows them by
 * email). The same rank rules as adding: only over people ranked below the actor, only to roles the
 * actor may grant.
 */
export async function changeMemberRole(prisma: PrismaClient, actor: Actor, idOrSlug: string, userId: string, input: TChangeMemberRoleBody) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const rank = rankIn(viewer, consultation);
  if (!consultationPolicy.manageMembers(viewer, consultation)) throw errors.forbidden("Only organisers can change roles.");
  if (!canGrantRole(rank, input.role)) throw errors.forbidden(`You cannot grant the role ${input.role}.`);
  const target = await prisma.user.findUnique({ where: { id: userId } });
  if (!target) throw errors.notFound("Member");
  const current = await viewerFor(prisma, { id: target.id, isAdmin: target.isAdmin }, consultation.id);
  if (!canActAgainst(rank, rankIn(current, consultation), target.id === actor.id)) throw errors.forbidden("You cannot change the role of someone at or above your rank.");
  await inTransaction(prisma, async (tx) => {
    const member = await tx.consultationMember.findUnique({ where: { consultationId_userId: { consultationId: consultation.id, userId } } });
    if (!member) throw errors.notFound("Member");
    if (member.role === input.role) return;
    await tx.consultationMember.update({ where: { consultationId_userId: { consultationId: consultation.id, userId } }, data: { role: input.role } });
    await recordAudit(tx, { consultationId: consultation.id, actorId: actor.id, action: "change_role", targetType: "member", targetId: userId, before: { role: member.role }, after: { role: input.role } });
    recordEvent(tx, { consultationId: consultation.id, type: "access:changed", payload: { userId } });
    await endUserSessions(tx, userId, "role_changed");
  });
  return { kind: "user" as const, consultationId: consultation.id, userId, displayName: target.displayName, role: input.role };
}
