// The event log is for live delivery and catch-up, not an archive (the audit log is the record): events
// older than the retention are pruned. A client that was away longer than that is told to reload
// instead of replaying a log with a hole in it; the watermark says where the hole ends.
import { inTransaction } from "./record.ts";
import type { PrismaClient, Tx } from "../db/index.ts";

const PRUNED_THROUGH = "events.prunedThrough";

/** The highest sequence number pruned: a replay from before it would miss events. */
export async function eventsPrunedThrough(db: Tx): Promise<number> {
  const row = await db.setting.findUnique({ where: { key: PRUNED_THROUGH } });
  return row ? Number(row.value) : 0;
}

/** Deletes events recorded before now - retentionMs; returns how many. */
export async function pruneEventLog(prisma: PrismaClient, retentionMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - retentionMs);
  return inTransaction(prisma, async (tx) => {
    const last = await tx.domainEvent.findFirst({ where: { createdAt: { lt: cutoff } }, orderBy: { seq: "desc" }, select: { seq: true } });
    if (!last) return 0;
    const { count } = await tx.domainEvent.deleteMany({ where: { seq: { lte: last.seq } } });
    // Several processes may prune at once: the watermark only moves forward.
    const through = Math.max(Number(last.seq), await eventsPrunedThrough(tx));
    await tx.setting.upsert({ where: { key: PRUNED_THROUGH }, create: { key: PRUNED_THROUGH, value: String(through) }, update: { value: String(through) } });
    return count;
  });
}

/** Prunes the log now and then (every hour by default); safe in several processes at once. */
export function startEventPruning(prisma: PrismaClient, retentionMs: number, intervalMs = 3_600_000, onError = console.error): () => void {
  const tick = () => void pruneEventLog(prisma, retentionMs).catch(onError);
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
