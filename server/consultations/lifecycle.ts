// The consultation lifecycle: which manual moves are allowed, and the scheduled ones at opensAt/closesAt.
import { about } from "../notifications/about.ts";
import type { PrismaClient, Tx } from "../db/index.ts";
import { notify } from "../notifications/service.ts";
import type { ConsultationStatus } from "../../shared/schemas/consultations.ts";
import { recordAudit } from "../moderation/audit.ts";
import { inTransaction, recordEvent, type EventTx } from "../events/record.ts";

const MOVES: Record<ConsultationStatus, ConsultationStatus[]> = {
  draft: ["open"],
  open: ["closed"],
  // Reopening a closed consultation is allowed (deadlines get extended); nothing goes back to draft.
  closed: ["open", "summary_published"],
  summary_published: ["archived"],
  archived: [],
};

export function canMove(from: ConsultationStatus, to: ConsultationStatus): boolean {
  return from === to || MOVES[from].includes(to);
}

/** Tells the consultation's members that it opened or closed (stored, and pushed live). */
export async function announceLifecycle(tx: EventTx, consultation: { id: string; title: string }, status: ConsultationStatus) {
  if (status !== "open" && status !== "closed") return;
  const members = await tx.consultationMember.findMany({ where: { consultationId: consultation.id }, select: { userId: true } });
  for (const m of members) {
    await notify(tx, m.userId, status === "open" ? "consultation_opened" : "consultation_closed", { consultationId: consultation.id, about: about.consultation(consultation.title) });
  }
}

/**
 * Opens drafts whose opensAt has passed and closes open consultations whose closesAt has passed.
 * Idempotent single UPDATEs: safe to run from several processes at once. Returns what it moved.
 */
export async function advanceLifecycle(prisma: PrismaClient, now = new Date()) {
  // One transaction: a move and its audit row happen together or not at all.
  return inTransaction(prisma, async (tx) => {
    const opened = await tx.consultation.updateManyAndReturn({
      where: { status: "draft", opensAt: { lte: now }, OR: [{ closesAt: null }, { closesAt: { gt: now } }] },
      data: { status: "open" },
      select: { id: true, title: true },
    });
    const closed = await tx.consultation.updateManyAndReturn({
      where: { status: "open", closesAt: { lte: now } },
      data: { status: "closed" },
      select: { id: true, title: true },
    });
    for (const [rows, action] of [[opened, "status_open"], [closed, "status_closed"]] as const) {
      for (const c of rows) {
        await recordAudit(tx, { consultationId: c.id, actorId: null, automated: true, action, targetType: "consultation", targetId: c.id, statement: "Scheduled (opensAt/closesAt)" });
        recordEvent(tx, { consultationId: c.id, type: "consultation:updated", payload: { consultationId: c.id } });
        recordEvent(tx, { consultationId: c.id, type: "access:changed", payload: {} });
        await announceLifecycle(tx, c, action === "status_open" ? "open" : "closed");
      }
    }
    return { opened: opened.map((c) => c.id), closed: closed.map((c) => c.id) };
  });
}

export function startLifecycleScheduler(prisma: PrismaClient, intervalMs: number, onError = console.error): () => void {
  const tick = () => advanceLifecycle(prisma).catch(onError);
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
