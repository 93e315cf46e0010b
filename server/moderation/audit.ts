// The audit trail: this module only ever inserts. There is deliberately no update or delete here (and
// the database refuses both with a trigger).
import type { Tx } from "../db/index.ts";
import type { ReasonCode } from "../../shared/schemas/moderation.ts";

export interface AuditInput {
  consultationId: string | null;
  actorId: string | null;
  automated?: boolean;
  action: string;
  targetType: "post" | "position" | "thread" | "user" | "consultation" | "organisation" | "appeal" | "member" | "amendment" | "response";
  targetId: string;
  reasonCode?: ReasonCode | null;
  statement?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      consultationId: entry.consultationId,
      actorId: entry.actorId,
      automated: entry.automated ?? false,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reasonCode: entry.reasonCode ?? null,
      statement: entry.statement ?? null,
      before: entry.before === undefined ? undefined : (entry.before as object),
      after: entry.after === undefined ? undefined : (entry.after as object),
    },
  });
}
