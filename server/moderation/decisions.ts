// Decisions on posts and positions (amendments: server/amendments/moderation.ts, through recordDecision): approve, reject, hide, restore, edit with a note, move; each in one
// transaction with its decision record, its audit row and the author's notification.
import { about, type About } from "../notifications/about.ts";
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { renderRichText } from "../content/rich-text.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { viewerFor } from "../consultations/access.ts";
import type { ContentAction, ReasonCode, TContentDecisionBody } from "../../shared/schemas/moderation.ts";
import { RESTRICTING_ACTIONS } from "../../shared/schemas/moderation.ts";
import type { Consultation, Post, Position } from "../db/generated/client.ts";
import { notify } from "../notifications/service.ts";
import { notifyReply } from "../posts/write.ts";
import { recordAudit } from "./audit.ts";
import { loadDecisionFacts } from "./facts.ts";
import { moderationPolicy } from "./policy.ts";
import { inTransaction, recordEvent, type EventTx } from "../events/record.ts";
import type { DomainEvent } from "../events/types.ts";

const NEXT_STATUS: Partial<Record<ContentAction, { from: string[]; to: "published" | "rejected" | "hidden" }>> = {
  approve: { from: ["pending"], to: "published" },
  reject: { from: ["pending"], to: "rejected" },
  hide: { from: ["published"], to: "hidden" },
  restore: { from: ["hidden", "rejected"], to: "published" },
};

function wrongState(action: string, status: string) {
  return errors.conflict(`Cannot ${action} a contribution that is ${status}.`, [{ path: "action", message: `not applicable to a ${status} contribution` }]);
}

/** Which contribution's flags: a post's, a position's or an amendment's. */
export type FlagTarget = { postId: string } | { positionId: string } | { amendmentId: string };

/** The first moment the item needed a moderator: creation for held items, otherwise the first open flag. */
export async function queuedAt(tx: Tx, item: { createdAt: Date; status: string }, where: FlagTarget) {
  if (item.status === "pending") return item.createdAt;
  const firstFlag = await tx.flag.findFirst({ where: { ...where, resolvedAt: null }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  return firstFlag?.createdAt ?? null;
}

export interface DecisionRecord {
  consultation: Consultation;
  action: string;
  reasonCode?: ReasonCode | null;
  statement?: string | null;
  automated?: boolean;
  decidedById: string | null;
  subjectUserId: string | null;
  subjectCategory?: string | null;
  target: { postId?: string; positionId?: string; amendmentId?: string; threadId?: string };
  queuedAt?: Date | null;
  /** For the author's notification: what the decision was about, in words they may see. */
  about: About;
  before?: unknown;
  after?: unknown;
  confirmed?: boolean;
  /** False: the subject is not told (dismissed flags: the item did not change). */
  notifySubject?: boolean;
}

/** What a decision means for real-time readers. */
function eventFor(d: DecisionRecord): DomainEvent | null {
  const base = { consultationId: d.consultation.id, threadId: d.target.threadId ?? null };
  if (d.confirmed === false || d.action === "dismiss_flags") return null;
  if (d.target.postId) {
    const postId = d.target.postId;
    const from = (d.before as { threadId?: string } | undefined)?.threadId;
    if (d.action === "move" && from) return { ...base, type: "post:moved", payload: { postId, fromThreadId: from } };
    const type = d.action === "approve" || d.action === "restore" ? "post:approved" : d.action === "edit" ? "post:edited" : "post:hidden";
    return { ...base, type, payload: { postId } };
  }
  if (d.target.positionId) return { ...base, type: d.action === "approve" || d.action === "restore" ? "position:published" : "position:hidden", payload: { positionId: d.target.positionId } };
  if (d.target.amendmentId) return { consultationId: d.consultation.id, type: "amendment:changed", payload: { amendmentId: d.target.amendmentId } };
  if (d.target.threadId) return { ...base, type: "thread:updated", payload: { threadId: d.target.threadId } };
  return null;
}

/** Writes the decision, its audit row and the author's notification, in the caller's transaction. */
export async function recordDecision(tx: EventTx, d: DecisionRecord) {
  const decision = await tx.moderationDecision.create({
    data: {
      consultationId: d.consultation.id,
      action: d.action as never,
      postId: d.target.postId ?? null,
      positionId: d.target.positionId ?? null,
      amendmentId: d.target.amendmentId ?? null,
      threadId: d.target.threadId ?? null,
      subjectUserId: d.subjectUserId,
      subjectCategory: (d.subjectCategory as never) ?? null,
      reasonCode: d.reasonCode ?? null,
      statement: d.statement ?? null,
      automated: d.automated ?? false,
      decidedById: d.decidedById,
      queuedAt: d.queuedAt ?? null,
      ...(d.confirmed === false ? {} : { confirmedAt: new Date() }),
    },
  });
  const event = eventFor(d);
  if (event) recordEvent(tx, event);
  const queueItem = d.target.postId
    ? { kind: "post" as const, id: d.target.postId }
    : d.target.positionId
      ? { kind: "position" as const, id: d.target.positionId }
      : d.target.amendmentId
        ? { kind: "amendment" as const, id: d.target.amendmentId }
        : null;
  if (queueItem) recordEvent(tx, { consultationId: d.consultation.id, type: "queue:decided", payload: { ...queueItem, action: d.action } });
  const targetType = d.target.postId ? "post" : d.target.positionId ? "position" : d.target.amendmentId ? "amendment" : d.target.threadId ? "thread" : "user";
  await recordAudit(tx, {
    consultationId: d.consultation.id,
    actorId: d.decidedById,
    automated: d.automated,
    action: d.confirmed === false ? `propose_${d.action}` : d.action,
    targetType,
    targetId: d.target.postId ?? d.target.positionId ?? d.target.amendmentId ?? d.target.threadId ?? d.subjectUserId!,
    reasonCode: d.reasonCode,
    statement: d.statement,
    before: d.before,
    after: d.after,
  });
  if (d.subjectUserId && d.confirmed !== false && d.notifySubject !== false && d.subjectUserId !== d.decidedById) {
    await notify(tx, d.subjectUserId, "decision", {
      decisionId: decision.id,
      action: d.action,
      automated: d.automated ?? false,
      reasonCode: d.reasonCode ?? null,
      statement: d.statement ?? null,
      consultationId: d.consultation.id,
      about: d.about,
      ...d.target,
    });
  }
  return decision;
}

async function loadPostForDecision(tx: Tx, postId: string) {
  const post = await tx.post.findUnique({ where: { id: postId }, include: { consultation: true, thread: true } });
  if (!post) throw errors.notFound("Post");
  return post;
}

/** `what` names the target as a missing one would be named: a refusal must not tell a position from a post. */
async function authorize(tx: Tx, actor: Actor, consultation: Consultation, item: { authorId: string; onBehalfOfOrganisationId: string | null }, action: string, what: "Post" | "Position") {
  const viewer = await viewerFor(tx, actor, consultation.id);
  if (!consultationPolicy.moderate(viewer, consultation)) throw errors.notFound(what);
  const facts = await loadDecisionFacts(tx, actor, consultation, { userId: item.authorId, onBehalfOfOrganisationId: item.onBehalfOfOrganisationId });
  const restricting = (RESTRICTING_ACTIONS as readonly string[]).includes(action);
  if (!moderationPolicy.decide(facts, restricting)) {
    throw errors.forbidden("You cannot decide on this contribution: it is your own, speaks for your organisation, or its author ranks at or above you.");
  }
  return facts;
}

async function moveSubtree(tx: Tx, post: Post, threadId: string, parentId: string | undefined, consultationId: string) {
  const thread = await tx.thread.findUnique({ where: { id: threadId } });
  if (!thread || thread.consultationId !== consultationId) throw errors.invalidInput("The destination thread is not in this consultation.", [{ path: "threadId", message: "is not a thread of this consultation" }]);
  if (post.isOpening) throw errors.invalidInput("An opening post cannot be moved.", [{ path: "action", message: "opening posts stay with their thread" }]);
  let depth = 0;
  if (parentId) {
    const parent = await tx.post.findUnique({ where: { id: parentId } });
    if (!parent || parent.threadId !== threadId) throw errors.invalidInput("The new parent is not in the destination thread.", [{ path: "parentId", message: "is not a post of the destination thread" }]);
    depth = parent.depth + 1;
  }
  // Collect the subtree breadth-first, then move it whole: its replies follow it.
  const subtree: { id: string; depth: number }[] = [{ id: post.id, depth }];
  for (let i = 0; i < subtree.length; i++) {
    if (subtree[i]!.id === parentId) throw errors.invalidInput("A post cannot be moved under its own reply.", [{ path: "parentId", message: "is inside the moved subtree" }]);
    const children = await tx.post.findMany({ where: { parentId: subtree[i]!.id }, select: { id: true } });
    subtree.push(...children.map((c) => ({ id: c.id, depth: subtree[i]!.depth + 1 })));
  }
  if (parentId && subtree.some((s) => s.id === parentId)) throw errors.invalidInput("A post cannot be moved under its own reply.");
  await tx.post.update({ where: { id: post.id }, data: { threadId, parentId: parentId ?? null, depth } });
  for (const s of subtree.slice(1)) await tx.post.update({ where: { id: s.id }, data: { threadId, depth: s.depth } });
  return { from: { threadId: post.threadId, parentId: post.parentId }, to: { threadId, parentId: parentId ?? null }, moved: subtree.length };
}

export async function decideOnPost(prisma: PrismaClient, actor: Actor, postId: string, input: TContentDecisionBody) {
  return inTransaction(prisma, async (tx) => {
    const post = await loadPostForDecision(tx, postId);
    const { consultation } = post;
    await authorize(tx, actor, consultation, post, input.action, "Post");
    const common = {
      consultation,
      action: input.action,
      reasonCode: input.reasonCode,
      statement: input.statement,
      decidedById: actor.id,
      subjectUserId: post.authorId,
      subjectCategory: post.authorCategory,
      target: { postId: post.id, threadId: post.threadId },
      about: about.post(post.thread.title),
      queuedAt: await queuedAt(tx, post, { postId: post.id }),
    };
    if (input.action === "dismiss_flags" || (input.action === "approve" && post.status === "published")) return dismissFlags(tx, common, { postId: post.id }, post.status);
    const move = NEXT_STATUS[input.action];
    if (move) {
      if (!move.from.includes(post.status)) throw wrongState(input.action, post.status);
      // Guarded update: a concurrent decision on the same post makes this one a conflict, not a double.
      const { count } = await tx.post.updateMany({
        where: { id: post.id, status: post.status as never },
        data: { status: move.to, ...(input.action === "restore" ? { quarantined: false } : {}) },
      });
      if (count === 0) throw errors.conflict("Someone else decided on this contribution first.");
      if (input.action === "approve") await notifyReply(tx, post, post.thread.title);
      await tx.flag.updateMany({ where: { postId: post.id, resolvedAt: null }, data: { resolvedAt: new Date() } });
      const decision = await recordDecision(tx, { ...common, before: { status: post.status }, after: { status: move.to } });
      return { decision: presentDecisionId(decision), status: move.to };
    }
    if (input.action === "edit") {
      if (post.status === "withdrawn") throw wrongState("edit", post.status);
      if (post.quarantined) throw errors.conflict("Content reported as illegal is not edited: hide or restore it.", [{ path: "action", message: "not applicable to quarantined content" }]);
      const bodyHtml = renderRichText(input.body!);
      await tx.postRevision.create({ data: { postId: post.id, version: post.version, bodySource: post.bodySource, bodyHtml: post.bodyHtml, editedById: actor.id, note: input.statement ?? null } });
      await tx.post.update({ where: { id: post.id }, data: { bodySource: input.body!, bodyHtml, version: { increment: 1 }, editedAt: new Date() } });
      // The audit row names the versions; the texts live in the post's revisions (so the log never
      // copies content that may later be quarantined).
      const decision = await recordDecision(tx, { ...common, before: { version: post.version }, after: { version: post.version + 1 } });
      return { decision: presentDecisionId(decision), status: post.status };
    }
    // move
    const moved = await moveSubtree(tx, post, input.threadId!, input.parentId, consultation.id);
    const decision = await recordDecision(tx, { ...common, target: { postId: post.id, threadId: input.threadId }, before: moved.from, after: moved.to });
    return { decision: presentDecisionId(decision), status: post.status };
  });
}

/**
 * Dismissing flags (or approving a published item that was flagged) means "reviewed, no action needed":
 * the open flags are resolved and the decision is recorded as dismiss_flags (the transparency report's
 * "flags rejected"), with no change to the item. The author is not told: nothing happened to their text.
 */
export async function dismissFlags(tx: EventTx, record: DecisionRecord, where: FlagTarget, status: string) {
  const { count } = await tx.flag.updateMany({ where: { ...where, resolvedAt: null }, data: { resolvedAt: new Date() } });
  if (count === 0) throw errors.conflict("This contribution has no open flags to dismiss.", [{ path: "action", message: "no open flags" }]);
  const decision = await recordDecision(tx, { ...record, action: "dismiss_flags", reasonCode: null, notifySubject: false, before: { status, openFlags: count }, after: { status, openFlags: 0 } });
  return { decision: presentDecisionId(decision), status, awaitingConfirmation: false };
}

function presentDecisionId(d: { id: string; action: string; createdAt: Date; confirmedAt: Date | null }) {
  return { id: d.id, action: d.action, createdAt: d.createdAt.toISOString(), confirmed: d.confirmedAt !== null };
}

/**
 * Positions: approving is immediate; removing (reject, hide) an organisation's statement needs a second
 * moderator's confirmation, so the first decision is recorded as a proposal and changes nothing visible.
 */
export async function decideOnPosition(prisma: PrismaClient, actor: Actor, positionId: string, input: TContentDecisionBody) {
  if (input.action === "edit" || input.action === "move") throw errors.invalidInput("Positions can be approved, rejected, hidden or restored.", [{ path: "action", message: "is not available for positions" }]);
  return inTransaction(prisma, async (tx) => {
    const position = await tx.position.findUnique({ where: { id: positionId }, include: { consultation: true, question: true } });
    if (!position) throw errors.notFound("Position");
    await authorize(tx, actor, position.consultation, { authorId: position.authorId, onBehalfOfOrganisationId: position.organisationId }, input.action, "Position");
    const removes = input.action === "reject" || input.action === "hide";
    const keeps = input.action === "dismiss_flags" || (input.action === "approve" && position.status === "published");
    const move = NEXT_STATUS[input.action] ?? { from: [] as string[], to: position.status };
    if (!keeps && !move.from.includes(position.status)) throw wrongState(input.action, position.status);
    const record: DecisionRecord = {
      consultation: position.consultation,
      action: removes ? "remove_position" : input.action,
      reasonCode: input.reasonCode,
      statement: input.statement,
      decidedById: actor.id,
      subjectUserId: position.authorId,
      subjectCategory: position.category,
      target: { positionId: position.id },
      about: about.position(position.question.ordinal),
      queuedAt: await queuedAt(tx, position, { positionId: position.id }),
      before: { status: position.status },
      after: { status: move.to },
      confirmed: !removes,
    };
    if (keeps) return dismissFlags(tx, record, { positionId: position.id }, position.status);
    if (removes) {
      const open = await tx.moderationDecision.findFirst({ where: { positionId: position.id, action: "remove_position", confirmedAt: null } });
      if (open) throw errors.conflict("A removal of this position already awaits a second moderator's confirmation.", [{ path: "action", message: `confirm decision ${open.id} instead` }]);
      const decision = await recordDecision(tx, record);
      return { decision: presentDecisionId(decision), status: position.status, awaitingConfirmation: true };
    }
    await tx.position.update({ where: { id: position.id }, data: { status: move.to, ...(input.action === "restore" ? { quarantined: false } : {}) } });
    await tx.flag.updateMany({ where: { positionId: position.id, resolvedAt: null }, data: { resolvedAt: new Date() } });
    const decision = await recordDecision(tx, record);
    return { decision: presentDecisionId(decision), status: move.to, awaitingConfirmation: false };
  });
}

/** The second moderator confirms a proposed removal of a position: now it takes effect. */
export async function confirmPositionRemoval(prisma: PrismaClient, actor: Actor, decisionId: string) {
  return inTransaction(prisma, async (tx) => {
    const decision = await tx.moderationDecision.findUnique({ where: { id: decisionId } });
    if (!decision || decision.action !== "remove_position" || !decision.positionId) throw errors.notFound("Decision");
    if (decision.confirmedAt) throw errors.conflict("This removal was already confirmed.");
    const position = await tx.position.findUniqueOrThrow({ where: { id: decision.positionId }, include: { consultation: true, question: true } });
    const viewer = await viewerFor(tx, actor, position.consultationId);
    if (!consultationPolicy.moderate(viewer, position.consultation)) throw errors.notFound("Decision");
    const facts = await loadDecisionFacts(tx, actor, position.consultation, { userId: position.authorId, onBehalfOfOrganisationId: position.organisationId });
    if (!moderationPolicy.confirmRemoval(facts, decision.decidedById)) throw errors.forbidden("A second, neutral moderator must confirm this removal.");
    const to = position.status === "pending" ? "rejected" : "hidden";
    const { count } = await tx.moderationDecision.updateMany({ where: { id: decision.id, confirmedAt: null }, data: { confirmedById: actor.id, confirmedAt: new Date() } });
    if (count === 0) throw errors.conflict("This removal was already confirmed.");
    await tx.position.update({ where: { id: position.id }, data: { status: to } });
    recordEvent(tx, { consultationId: position.consultationId, type: "position:hidden", payload: { positionId: position.id } });
    await tx.flag.updateMany({ where: { positionId: position.id, resolvedAt: null }, data: { resolvedAt: new Date() } });
    await recordAudit(tx, { consultationId: position.consultationId, actorId: actor.id, action: "confirm_remove_position", targetType: "position", targetId: position.id, reasonCode: decision.reasonCode, statement: decision.statement, before: { status: position.status }, after: { status: to } });
    await notify(tx, position.authorId, "decision", {
      decisionId: decision.id, action: "remove_position", automated: false, reasonCode: decision.reasonCode, statement: decision.statement,
      consultationId: position.consultationId, about: about.position(position.question.ordinal), positionId: position.id,
    });
    return { status: to };
  });
}
