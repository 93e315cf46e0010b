// The questionnaire of a consultation: read by whoever reads the consultation, built by its organisers,
// fixed once a response has been submitted (answers refer to its keys; sending it unchanged still works).
import { readRows } from "../db/direct-reads.ts";
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import type { Viewer } from "../consultations/policy.ts";
import { Prisma, type Consultation } from "../db/generated/client.ts";
import { inTransaction, recordEvent } from "../events/record.ts";
import { canonicalJson } from "../exports/report/canonical.ts";
import { checkQuestionnaire } from "../../shared/questionnaire/validate.ts";
import type { TQuestionnaire } from "../../shared/schemas/responses.ts";
import { responsePolicy } from "./policy.ts";

export const QUESTIONNAIRE_LOCKED = "The questionnaire is fixed once responses have been submitted: answers refer to its questions.";

export interface StoredQuestionnaire {
  id: string;
  version: number;
  definition: TQuestionnaire;
  updatedAt: Date;
}

export async function findQuestionnaire(db: Tx, consultationId: string): Promise<StoredQuestionnaire | null> {
  // Plain SQL: every submission reads it, and a model query costs more to prepare than to run.
  const [row] = await readRows<StoredQuestionnaire>(db, Prisma.sql`
    SELECT id, version, definition, updated_at AS "updatedAt" FROM questionnaires WHERE consultation_id = ${consultationId}`);
  return row ?? null;
}

async function lockedReason(db: Tx, consultationId: string): Promise<string | null> {
  const submitted = await db.response.findFirst({ where: { consultationId, status: "submitted" }, select: { id: true } });
  return submitted ? QUESTIONNAIRE_LOCKED : null;
}

function present(q: StoredQuestionnaire, viewer: Viewer, c: Consultation, locked: string | null) {
  return {
    id: q.id,
    consultationId: c.id,
    version: q.version,
    ...q.definition,
    updatedAt: q.updatedAt.toISOString(),
    lockedReason: locked,
    abilities: { edit: responsePolicy.editQuestionnaire(viewer, c) && locked === null, respond: responsePolicy.respond(viewer, c, new Date()) },
  };
}

export async function getQuestionnaire(prisma: PrismaClient, actor: Actor | null, idOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const q = await findQuestionnaire(prisma, consultation.id);
  if (!q) throw errors.notFound("Questionnaire");
  return present(q, viewer, consultation, await lockedReason(prisma, consultation.id));
}

const QUESTIONNAIRE_LOCK = 7_270_015;

/**
 * The questionnaire's lock, to the end of the transaction: submissions hold it shared, edits exclusive, so
 * the definition cannot change under a submission. An advisory lock rather than a lock on the
 * consultation's row: a burst of submissions sharing a row lock would each write that row (multixacts).
 */
export async function holdQuestionnaire(tx: Tx, consultationId: string, mode: "shared" | "exclusive"): Promise<void> {
  await tx.$executeRaw(questionnaireLockSql(consultationId, mode));
}

/** The statement holdQuestionnaire runs, for transactions that run their own statements (service.ts). */
export function questionnaireLockSql(consultationId: string, mode: "shared" | "exclusive"): Prisma.Sql {
  return mode === "shared"
    ? Prisma.sql`SELECT pg_advisory_xact_lock_shared(${QUESTIONNAIRE_LOCK}, hashtext(${consultationId}))::text`
    : Prisma.sql`SELECT pg_advisory_xact_lock(${QUESTIONNAIRE_LOCK}, hashtext(${consultationId}))::text`;
}

/** Creates or replaces the questionnaire. Structural problems are a 400 naming each field. */
export async function putQuestionnaire(prisma: PrismaClient, actor: Actor, idOrSlug: string, input: TQuestionnaire) {
  const issues = checkQuestionnaire(input);
  if (issues.length > 0) throw errors.invalidInput(`The questionnaire is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
  return inTransaction(prisma, async (tx) => {
    const { consultation, viewer } = await loadReadableConsultation(tx, actor, idOrSlug);
    if (!responsePolicy.editQuestionnaire(viewer, consultation)) throw errors.forbidden("Only the consultation's organisers may build its questionnaire.");
    // Serialise edits against submissions: a response submitted in between would be left pointing at questions that moved.
    await holdQuestionnaire(tx, consultation.id, "exclusive");
    const existing = await findQuestionnaire(tx, consultation.id);
    if (existing && canonicalJson(existing.definition) === canonicalJson(input)) return present(existing, viewer, consultation, await lockedReason(tx, consultation.id));
    const locked = await lockedReason(tx, consultation.id);
    if (locked) throw errors.conflict(locked, [{ path: "sections", message: "cannot change once responses are submitted" }]);
    const definition = input as object;
    const row = existing
      ? await tx.questionnaire.update({ where: { consultationId: consultation.id }, data: { definition, version: { increment: 1 } } })
      : await tx.questionnaire.create({ data: { consultationId: consultation.id, definition } });
    recordEvent(tx, { consultationId: consultation.id, type: "consultation:updated", payload: { consultationId: consultation.id } });
    return present({ id: row.id, version: row.version, definition: input, updatedAt: row.updatedAt }, viewer, consultation, null);
  });
}
