// Recording domain events: services append events inside the transaction that made the change, so an
// event exists if and only if its change committed (a transactional outbox).
//
// Commit order, not just insertion order: `seq` comes from a sequence, and a transaction that took
// seq 1 can commit after one that took seq 2; a reader that remembers "the last seq I saw" would then
// skip 1 for good. So writers take turns: the events of a transaction are appended as its LAST
// statements, after taking a transaction-level advisory lock that is held until commit. The next writer
// gets its seq only after the previous one committed, so seq order is commit order and a reader's
// `seq > last` never skips an event. The lock is held for one INSERT and the COMMIT, not for the
// transaction's own work, which is why recordEvent only queues and inTransaction appends at the end.
// (The alternatives, xid8 snapshots or LISTEN/NOTIFY order, are compared in README.)
import { EventEmitter } from "node:events";
import type { PrismaClient, Tx } from "../db/index.ts";
import type { DomainEvent } from "./types.ts";

/** The advisory lock key that orders event writers (any constant no other code uses). */
export const COMMIT_ORDER_LOCK = 7_270_002;
/** PostgreSQL NOTIFY channel that wakes the tails of other processes at once. */
export const EVENTS_CHANNEL = "domain_events";

const queued = new WeakMap<object, DomainEvent[]>();

declare const eventsBrand: unique symbol;
/**
 * A transaction opened by inTransaction: the only place events can be recorded. Functions that record
 * events take this type, so calling them outside such a transaction does not compile.
 */
export type EventTx = Tx & { readonly [eventsBrand]: true };

/** In-process signal after a transaction with events committed: this process's tail reads at once. */
export const committedEvents = new EventEmitter();
committedEvents.setMaxListeners(100);

export interface TransactionOptions {
  /** Longest wait for a connection from the pool, ms (then Prisma's P2028, answered as 503). */
  maxWait?: number;
  /** Longest the transaction may run, ms. */
  timeout?: number;
}

export const TRANSACTION_DEFAULTS: Required<TransactionOptions> = { maxWait: 2_000, timeout: 10_000 };

/**
 * Runs `fn` in a transaction whose recorded events are appended, in commit order, just before it commits.
 * Every write that records events goes through here.
 */
export async function inTransaction<T>(prisma: PrismaClient, fn: (tx: EventTx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  let recorded = 0;
  const result = await prisma.$transaction(
    async (tx) => {
      const events: DomainEvent[] = [];
      queued.set(tx, events);
      const value = await fn(tx as EventTx);
      recorded = events.length;
      await appendEvents(tx, events);
      return value;
    },
    { ...TRANSACTION_DEFAULTS, ...opts },
  );
  if (recorded > 0) committedEvents.emit("committed");
  return result;
}

/** Queues an event in the current transaction (opened with inTransaction); appended when it commits. */
export function recordEvent(tx: EventTx, event: DomainEvent): void {
  const events = queued.get(tx);
  if (!events) throw new Error(`recordEvent(${event.type}) outside inTransaction(): the event would not be in commit order`);
  events.push(event);
}

/** One event on its own, for a change that needs no other write (a claim hint, a job's progress). */
export async function recordEventNow(prisma: PrismaClient, event: DomainEvent): Promise<void> {
  await inTransaction(prisma, async (tx) => recordEvent(tx, event));
}

async function appendEvents(tx: Tx, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  // One statement, one round trip while the lock is held: the lock is taken (the CTE is scanned) before
  // any row is formed, so before nextval() gives the rows their seq. The NOTIFY is delivered at commit,
  // and the lock released after the rows became visible.
  const rows = events.map((e) => ({ consultationId: e.consultationId, threadId: e.threadId ?? null, type: e.type, payload: e.payload }));
  await tx.$executeRawUnsafe(
    `WITH turn AS (SELECT pg_advisory_xact_lock(${COMMIT_ORDER_LOCK}), pg_notify('${EVENTS_CHANNEL}', ''))
     INSERT INTO domain_events (consultation_id, thread_id, type, payload)
     SELECT e.value->>'consultationId', e.value->>'threadId', e.value->>'type', e.value->'payload'
     FROM turn, jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
     ORDER BY e.n`,
    JSON.stringify(rows),
  );
}
