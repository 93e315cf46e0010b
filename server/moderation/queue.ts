// The moderation queue of a consultation: held and flagged posts, positions and amendments to its draft
// texts (amendments decided through server/amendments/moderation.ts, the same decision rules), reports of illegal
// content first (urgent), then oldest first, each with the context a moderator needs to decide.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { richTextToPlainText } from "../content/rich-text.ts";
import { loadAmendmentContext } from "../amendments/queue.ts";

const NEW_ACCOUNT_DAYS = 7;
/** A queue item's sort key: urgent (0) or not (1), when it was queued, its id. */
const QUEUE_KEY = /^[01]\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[A-Za-z0-9_-]{1,64}$/;
const CANDIDATE_CAP = 1_000;

type AuthorFacts = { id: string; displayName: string; createdAt: Date; organisations: { role: string; organisation: { id: string; name: string; verified: boolean; category: string } }[] };
type FlagFacts = { reason: string; note: string | null; createdAt: Date };

const clip = (text: string, max = 280) => (text.length > max ? text.slice(0, max - 1) + "…" : text);
function excerpt(html: string | null, quarantined: boolean, max = 280): string | null {
  if (quarantined || html === null) return null;
  return clip(richTextToPlainText(html), max);
}

/** Simple signals, shown as hints: never decisions. */
function suspicionHints(author: AuthorFacts, bodyHtml: string, flags: FlagFacts[], now: Date) {
  const hints: string[] = [];
  if (now.getTime() - author.createdAt.getTime() < NEW_ACCOUNT_DAYS * 86_400_000) hints.push("new_account");
  const links = (bodyHtml.match(/<a\s/g) ?? []).length;
  if (links > 0) hints.push(links >= 3 ? "many_links" : "links");
  if (author.organisations.some((m) => !m.organisation.verified)) hints.push("unverified_organisation");
  if (flags.length >= 2) hints.push("many_flags");
  return hints;
}

function presentAuthor(a: AuthorFacts, category: string) {
  return {
    id: a.id,
    displayName: a.displayName,
    category,
    memberSince: a.createdAt.toISOString(),
    organisations: a.organisations.map((m) => ({ id: m.organisation.id, name: m.organisation.name, verified: m.organisation.verified, role: m.role })),
  };
}

export async function getModerationQueue(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string, query: { cursor?: string; limit: number }) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, consultationIdOrSlug);
  if (!consultationPolicy.moderate(viewer, consultation)) throw errors.forbidden("Only moderators and organisers see the moderation queue.");
  const authorSelect = { select: { id: true, displayName: true, createdAt: true, organisations: { select: { role: true, organisation: { select: { id: true, name: true, verified: true, category: true } } } } } } as const;
  const unresolved = { where: { resolvedAt: null }, select: { reason: true, note: true, createdAt: true }, orderBy: { createdAt: "asc" as const } };
  // Proposed removals of positions wait for a second moderator: they belong in the queue too.
  const proposals = await prisma.moderationDecision.findMany({
    where: { consultationId: consultation.id, action: "remove_position", confirmedAt: null, positionId: { not: null } },
    select: { id: true, positionId: true, decidedById: true, reasonCode: true, statement: true },
  });
  const proposalBy = new Map(proposals.map((p) => [p.positionId!, p]));
  const inQueue = { consultationId: consultation.id, OR: [{ status: "pending" as const }, { flags: { some: { resolvedAt: null } } }] };
  const [posts, positions, amendments] = await Promise.all([
    prisma.post.findMany({
      where: inQueue,
      take: CANDIDATE_CAP,
      include: { author: authorSelect, thread: { select: { id: true, title: true, posts: { where: { isOpening: true }, take: 1, select: { quarantined: true } } } }, parent: { select: { id: true, bodyHtml: true, quarantined: true } }, onBehalfOf: { select: { id: true, name: true } }, flags: unresolved },
    }),
    prisma.position.findMany({
      where: { consultationId: consultation.id, OR: [...inQueue.OR, { id: { in: [...proposalBy.keys()] } }] },
      take: CANDIDATE_CAP,
      include: { author: authorSelect, question: { select: { id: true, ordinal: true, text: true } }, organisation: { select: { id: true, name: true, verified: true } }, flags: unresolved },
    }),
    // Amendments to the draft texts held for review or flagged, as posts and positions.
    prisma.amendment.findMany({ where: inQueue, take: CANDIDATE_CAP, include: { author: authorSelect, flags: unresolved } }),
  ]);
  const amendmentContext = await loadAmendmentContext(prisma, consultation.slug, amendments);
  const authorIds = [...new Set([...posts, ...positions, ...amendments].map((i) => i.authorId))];
  const prior = await prisma.moderationDecision.groupBy({ by: ["subjectUserId", "action"], where: { subjectUserId: { in: authorIds }, automated: false }, _count: { _all: true } });
  const priorBy = new Map<string, Record<string, number>>();
  for (const p of prior) {
    const m = priorBy.get(p.subjectUserId!) ?? {};
    m[p.action] = p._count._all;
    priorBy.set(p.subjectUserId!, m);
  }
  const now = new Date();
  /** What a queue item says the same way for posts and positions. */
  const common = (
    item: { id: string; status: string; quarantined: boolean; createdAt: Date; authorId: string; author: AuthorFacts; flags: FlagFacts[] },
    category: string,
    bodyHtml: string,
  ) => ({
    id: item.id,
    status: item.status,
    urgent: item.flags.some((f) => f.reason === "illegal_content"),
    quarantined: item.quarantined,
    // Held items wait from their creation; flagged ones from their first open flag.
    queuedAt: item.status === "pending" || !item.flags[0] ? item.createdAt : item.flags[0].createdAt,
    createdAt: item.createdAt,
    author: presentAuthor(item.author, category),
    priorDecisions: priorBy.get(item.authorId) ?? {},
    flags: { count: item.flags.length, reasons: item.flags.map((f) => ({ reason: f.reason, note: f.note, at: f.createdAt.toISOString() })) },
    hints: suspicionHints(item.author, bodyHtml, item.flags, now),
  });
  const items = [
    ...posts.map((p) => ({
      kind: "post" as const,
      ...common(p, p.authorCategory, p.bodyHtml),
      excerpt: excerpt(p.bodyHtml, p.quarantined),
      // A thread whose opening post is quarantined keeps its title out of the queue, like its body.
      context: { thread: { id: p.thread.id, title: p.thread.posts[0]?.quarantined ? null : p.thread.title }, parentExcerpt: p.parent ? excerpt(p.parent.bodyHtml, p.parent.quarantined, 160) : null, replyType: p.replyType, onBehalfOf: p.onBehalfOf },
    })),
    ...positions.map((p) => {
      const proposal = proposalBy.get(p.id);
      return {
        kind: "position" as const,
        ...common(p, p.category, p.argumentHtml),
        excerpt: p.quarantined ? null : `${p.stance}: ${p.summary}`,
        /** A removal proposed by one moderator, awaiting another's confirmation. */
        awaitingConfirmation: proposal ? { decisionId: proposal.id, proposedById: proposal.decidedById, reasonCode: proposal.reasonCode, statement: proposal.statement } : null,
        context: { question: p.question, organisation: p.organisation },
      };
    }),
    ...amendments.map((a) => ({
      kind: "amendment" as const,
      ...common(a, a.category, a.justificationHtml),
      excerpt: a.quarantined ? null : clip(`${a.kind}: ${a.proposedText || a.quote}`),
      context: amendmentContext(a),
    })),
  ];
  const key = (i: (typeof items)[number]) => `${i.urgent ? 0 : 1}|${i.queuedAt.toISOString()}|${i.id}`;
  items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  // The key is compared as a string: its shape is checked so a forged one cannot be anything else.
  const after = query.cursor ? decodeCursor(query.cursor, { key: cursorKeys.text(100).regex(QUEUE_KEY) }).key : null;
  const rest = after ? items.filter((i) => key(i) > after) : items;
  const page = rest.slice(0, query.limit);
  return {
    items: page.map((i) => ({ ...i, queuedAt: i.queuedAt.toISOString(), createdAt: i.createdAt.toISOString() })),
    nextCursor: rest.length > query.limit ? encodeCursor({ key: key(page.at(-1)!) }) : null,
    total: items.length,
  };
}
