// Reading the domain event log back, in commit order (see record.ts for why seq order is commit order).
import type { Tx } from "../db/index.ts";
import { Prisma } from "../db/generated/client.ts";
import { readRows } from "../db/direct-reads.ts";
import type { LoggedEvent } from "./types.ts";

export interface EventFilter {
  threadId?: string;
  consultationId?: string;
  types?: readonly string[];
}

interface EventLogRow {
  /** int8: a string from pg, a bigint from Prisma's $queryRaw. */
  seq: string | bigint;
  consultation_id: string;
  thread_id: string | null;
  type: string;
  payload: unknown;
  created_at: Date;
}

/**
 * Events with after < seq <= upTo (when given), oldest first. A plain statement (db/direct-reads.ts): every
 * process's tail runs it on every commit it hears of and on every poll, and Prisma's query builder
 * compiled it afresh each time (issue 12, W3's CPU per post).
 */
export async function readEvents(db: Tx, opts: { after: number; upTo?: number; limit: number } & EventFilter): Promise<LoggedEvent[]> {
  const conditions = [Prisma.sql`seq > ${opts.after}::int8`];
  if (opts.upTo !== undefined) conditions.push(Prisma.sql`seq <= ${opts.upTo}::int8`);
  if (opts.threadId) conditions.push(Prisma.sql`thread_id = ${opts.threadId}`);
  if (opts.consultationId) conditions.push(Prisma.sql`consultation_id = ${opts.consultationId}`);
  if (opts.types) conditions.push(Prisma.sql`type = ANY(${[...opts.types]}::text[])`);
  const rows = await readRows<EventLogRow>(
    db,
    Prisma.sql`SELECT seq, consultation_id, thread_id, type, payload, created_at FROM domain_events WHERE ${Prisma.join(conditions, " AND ")} ORDER BY seq LIMIT ${opts.limit}::int`,
  );
  return rows.map(
    (r) => ({ seq: Number(r.seq), consultationId: r.consultation_id, threadId: r.thread_id, type: r.type, payload: r.payload, createdAt: r.created_at }) as unknown as LoggedEvent,
  );
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
