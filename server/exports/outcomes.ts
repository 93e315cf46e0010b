// The organisers' response matrix: one outcome (with reasons) per question, set by organisers and admins,
// read by whoever may read the consultation, and printed in the summary report.
import { inTransaction } from "../events/record.ts";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { recordAudit } from "../moderation/audit.ts";
import type { TPutOutcomeBody } from "../../shared/schemas/exports.ts";

function presentOutcome(q: { id: string; ordinal: number; text: string }, o: { outcome: string; reasons: string; updatedAt: Date } | undefined) {
  return { questionId: q.id, ordinal: q.ordinal, text: q.text, outcome: o?.outcome ?? null, reasons: o?.reasons ?? null, updatedAt: o?.updatedAt.toISOString() ?? null };
}

export async function listOutcomes(prisma: PrismaClient, actor: Actor | null, idOrSlug: string) {
  const { consultation } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const [questions, outcomes] = await Promise.all([
    prisma.question.findMany({ where: { consultationId: consultation.id }, orderBy: { ordinal: "asc" } }),
    prisma.questionOutcome.findMany({ where: { consultationId: consultation.id } }),
  ]);
  const by = new Map(outcomes.map((o) => [o.questionId, o]));
  return questions.map((q) => presentOutcome(q, by.get(q.id)));
}

export async function putOutcome(prisma: PrismaClient, actor: Actor, idOrSlug: string, questionId: string, input: TPutOutcomeBody) {
  return inTransaction(prisma, async (tx) => {
    const { consultation, viewer } = await loadReadableConsultation(tx, actor, idOrSlug);
    if (!consultationPolicy.edit(viewer, consultation)) throw errors.forbidden("Only the consultation's organisers can record outcomes.");
    const question = await tx.question.findUnique({ where: { id: questionId } });
    if (!question || question.consultationId !== consultation.id) throw errors.notFound("Question");
    const before = await tx.questionOutcome.findUnique({ where: { questionId } });
    const data = { outcome: input.outcome, reasons: input.reasons, updatedById: actor.id };
    const saved = await tx.questionOutcome.upsert({ where: { questionId }, create: { questionId, consultationId: consultation.id, ...data }, update: data });
    await recordAudit(tx, {
      consultationId: consultation.id,
      actorId: actor.id,
      action: "set_question_outcome",
      targetType: "consultation",
      targetId: consultation.id,
      before: before ? { questionId, outcome: before.outcome, reasons: before.reasons } : undefined,
      after: { questionId, outcome: saved.outcome, reasons: saved.reasons },
    });
    return presentOutcome(question, saved);
  });
}
