// Thread decisions (lock, pin, slow mode) and sanctions on people (mute in a consultation, suspend an account).
import { about } from "../notifications/about.ts";
import type { PrismaClient } from "../db/index.ts";
import { inTransaction, recordEvent } from "../events/record.ts";
import { GLOBAL } from "../events/types.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { loadReadableThread } from "../threads/access.ts";
import { accountPolicy } from "../accounts/policy.ts";
import type { TMuteBody, TThreadDecisionBody } from "../../shared/schemas/moderation.ts";
import { recordAudit } from "./audit.ts";
import { notify } from "../notifications/service.ts";
import { recordDecision } from "./decisions.ts";
import { loadDecisionFacts } from "./facts.ts";
import { moderationPolicy } from "./policy.ts";
import { endUserSessions } from "../accounts/sessions.ts";

export async function decideOnThread(prisma: PrismaClient, actor: Actor, threadId: string, input: TThreadDecisionBody) {
  return inTransaction(prisma, async (tx) => {
    const { thread, consultation, viewer, opening } = await loadReadableThread(tx, actor, threadId);
    if (!consultationPolicy.moderate(viewer, consultation)) throw errors.forbidden("Only moderators and organisers can change a thread's state.");
    // The same rank and neutrality rules as decisions on posts: no one locks or slows the thread of someone
    // who ranks at or above them, nor pins, locks or unlocks their own or their organisation's thread.
    const facts = await loadDecisionFacts(tx, actor, consultation, { userId: opening.authorId, onBehalfOfOrganisationId: opening.onBehalfOfOrganisationId });
    const restricts = input.action === "lock" || input.action === "slow_mode";
    if (!moderationPolicy.decide(facts, restricts)) {
      throw errors.forbidden("You cannot take this decision on this thread: it is yours or your organisation's, or its author ranks at or above you.");
    }
    const data =
      input.action === "lock" ? { status: "locked" as const } :
      input.action === "unlock" ? { status: "open" as const } :
      input.action === "pin" ? { pinned: true } :
      input.action === "unpin" ? { pinned: false } :
      { slowModeSeconds: input.seconds ?? 0 };
    const before = { status: thread.status, pinned: thread.pinned, slowModeSeconds: thread.slowModeSeconds };
    await tx.thread.update({ where: { id: thread.id }, data });
    await recordDecision(tx, {
      consultation,
      action: input.action,
      reasonCode: input.reasonCode,
      statement: input.statement,
      decidedById: actor.id,
      subjectUserId: null,
      target: { threadId: thread.id },
      about: about.thread(thread.title),
      before,
      after: { ...before, ...data },
    });
    return { id: thread.id, ...before, ...data };
  });
}

export async function muteParticipant(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string, input: TMuteBody) {
  return inTransaction(prisma, async (tx) => {
    const { consultation, viewer } = await loadReadableConsultation(tx, actor, consultationIdOrSlug);
    if (!consultationPolicy.moderate(viewer, consultation)) throw errors.forbidden("Only moderators and organisers can mute participants.");
    const facts = await loadDecisionFacts(tx, actor, consultation, { userId: input.userId, onBehalfOfOrganisationId: null });
    if (!moderationPolicy.decide(facts, true)) throw errors.forbidden("You cannot mute this person: they rank at or above you, or it is yourself.");
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { category: true } });
    if (!target) throw errors.invalidInput("No such user.", [{ path: "userId", message: "does not exist" }]);
    const until = new Date(Date.now() + input.minutes * 60_000);
    const decision = await recordDecision(tx, {
      consultation,
      action: "mute",
      reasonCode: input.reasonCode,
      statement: input.statement,
      decidedById: actor.id,
      subjectUserId: input.userId,
      subjectCategory: target.category,
      target: {},
      about: about.participation(consultation.title, until.toISOString()),
      after: { until: until.toISOString() },
    });
    await tx.mute.upsert({
      where: { consultationId_userId: { consultationId: consultation.id, userId: input.userId } },
      create: { consultationId: consultation.id, userId: input.userId, until, decisionId: decision.id },
      update: { until, decisionId: decision.id },
    });
    return { userId: input.userId, until: until.toISOString(), decisionId: decision.id };
  });
}

/** Admins suspend and reinstate accounts; a suspended account is logged out on its next request. */
export async function setAccountSuspended(prisma: PrismaClient, actor: Actor, userId: string, suspended: boolean, reason?: { reasonCode?: string; statement?: string }) {
  return inTransaction(prisma, async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId } });
    if (!target) throw errors.notFound("User");
    const allowed = suspended ? accountPolicy.suspend(actor, target) : accountPolicy.reinstate(actor, target);
    if (!allowed) throw errors.forbidden(suspended ? "You cannot suspend this account." : "You cannot reinstate this account.");
    if (suspended && (!reason?.reasonCode || !reason.statement)) {
      throw errors.invalidInput("A suspension needs a reason code and a statement of reasons.", [{ path: reason?.reasonCode ? "statement" : "reasonCode", message: "is required to suspend" }]);
    }
    await tx.user.update({ where: { id: userId }, data: { status: suspended ? "suspended" : "active" } });
    // Whatever path suspends (the admin page, the CLI, a job), every session and socket ends at once.
    // The epoch rises too: a session left unused during the suspension stays void after reinstatement.
    if (suspended) await endUserSessions(tx, userId, "suspended");
    const decision = await tx.moderationDecision.create({
      data: { action: suspended ? "suspend" : "unsuspend", subjectUserId: userId, subjectCategory: target.category, reasonCode: (reason?.reasonCode as never) ?? null, statement: reason?.statement ?? null, decidedById: actor.id, confirmedAt: new Date() },
    });
    await recordAudit(tx, { consultationId: null, actorId: actor.id, action: suspended ? "suspend" : "unsuspend", targetType: "user", targetId: userId, reasonCode: (reason?.reasonCode as never) ?? null, statement: reason?.statement ?? null, before: { status: target.status }, after: { status: suspended ? "suspended" : "active" } });
    // Stored for when they can read it again, and so they can appeal.
    await notify(tx, userId, "decision", { decisionId: decision.id, action: suspended ? "suspend" : "unsuspend", automated: false, reasonCode: reason?.reasonCode ?? null, statement: reason?.statement ?? null, about: about.account() });
    return { id: userId, status: suspended ? "suspended" : "active" };
  });
}
