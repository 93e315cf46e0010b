// Reading the domain event log back, in commit order (see record.ts for why seq order is commit order).
import type { Tx } from "../db/index.ts";
import type { DomainEvent as EventRow } from "../db/generated/client.ts";
import type { DomainEvent, LoggedEvent } from "./types.ts";

export interface EventFilter {
  threadId?: string;
  consultationId?: string;
  types?: readonly string[];
}

function toLogged(row: EventRow): LoggedEvent {
  return { ...(row as unknown as DomainEvent), threadId: row.threadId, seq: Number(row.seq), createdAt: row.createdAt };
}

/** Events with after < seq <= upTo (when given), oldest first. */
export async function readEvents(db: Tx, opts: { after: number; upTo?: number; limit: number } & EventFilter): Promise<LoggedEvent[]> {
  const rows = await db.domainEvent.findMany({
    where: {
      seq: { gt: BigInt(opts.after), ...(opts.upTo !== undefined ? { lte: BigInt(opts.upTo) } : {}) },
      ...(opts.threadId ? { threadId: opts.threadId } : {}),
      ...(opts.consultationId ? { consultationId: opts.consultationId } : {}),
      ...(opts.types ? { type: { in: [...opts.types] } } : {}),
    },
    orderBy: { seq: "asc" },
    take: opts.limit,
  });
  return rows.map(toLogged);
}

/** The newest sequence number in the log (0 when empty). */
export async function newestSeq(db: Tx): Promise<number> {
  const row = await db.domainEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return row ? Number(row.seq) : 0;
}

/** The oldest sequence number still kept (events older than the retention are pruned); 0 when empty. */
export async function oldestSeq(db: Tx): Promise<number> {
  const row = await db.domainEvent.findFirst({ orderBy: { seq: "asc" }, select: { seq: true } });
  return row ? Number(row.seq) : 0;
}

/** Deletes events recorded before `before`. Clients away longer than that reload instead of replaying. */
export async function pruneEvents(db: Tx, before: Date): Promise<number> {
  const { count } = await db.domainEvent.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
