// Statements without Prisma's client runtime, for the hottest and the largest reads (the session and its user on
// every signed-in request, the thread page, data exports). Prisma's $queryRaw maps every value of every
// row through its runtime: an export of 250,000 rows spent more time there than PostgreSQL took to
// produce them. On PostgreSQL, a statement run on the root client (not inside a transaction) goes
// straight to the request pool instead; everywhere else (PGlite, whose one connection Prisma's
// transactions hold, and any transaction client) it stays on $queryRaw.
//
// Both paths return the same values for text, int4, bool, json and timestamp (a Date, read as UTC like
// Prisma does), not for int8 or numeric (cast counts to int) nor enums (cast to text). Exports format
// their timestamps in SQL (isoTimestamp): cheaper than a Date per value.
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Prisma } from "./generated/client.ts";
import type { PrismaClient, QueryListener, Tx } from "./index.ts";
import { inRequestScope } from "../http/request-scope.ts";

// Our timestamps are stored in UTC without a zone (Prisma's convention); pg would read them as local time.
const TIMESTAMP_OID = 1114;
const UTC_TIMESTAMPS = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? (v: string) => new Date(`${v.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const directReaders = new WeakMap<object, { pool: pg.Pool; onQuery?: QueryListener }>();

/** Lets readRows send this client's statements straight to its pool (openDatabase, PostgreSQL only). */
export function readDirectlyFrom(prisma: object, pool: pg.Pool, onQuery?: QueryListener): void {
  directReaders.set(prisma, { pool, onQuery });
}

/** One statement on a pool or on one of its connections, told to the query listener like Prisma's. */
async function runOn<T>(on: pg.Pool | pg.PoolClient, query: Prisma.Sql, onQuery: QueryListener | undefined): Promise<T[]> {
  onQuery?.(query.text, { inRequest: inRequestScope() });
  return (await on.query({ text: query.text, values: query.values, types: UTC_TIMESTAMPS })).rows as T[];
}

export async function readRows<T>(db: Tx, query: Prisma.Sql): Promise<T[]> {
  const direct = directReaders.get(db);
  if (!direct) return db.$queryRaw<T[]>(query);
  return runOn<T>(direct.pool, query, direct.onQuery);
}

/** A timestamp(3) column as Date.prototype.toISOString() writes it (our timestamps are stored in UTC). */
export const isoTimestamp = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Runs one statement of a directTransaction and returns its rows. */
export type RunStatement = <T>(query: Prisma.Sql) => Promise<T[]>;

/**
 * A short transaction of a few plain statements, for a write that comes in bursts (a submission): on
 * PostgreSQL on a pool connection of its own (BEGIN … COMMIT, no Prisma runtime, the connection held only
 * for those statements), elsewhere through Prisma's interactive transaction. Rolled back if `work` throws.
 */
export async function directTransaction<T>(prisma: PrismaClient, work: (run: RunStatement) => Promise<T>, opts: { timeoutMs?: number; maxWaitMs?: number } = {}): Promise<T> {
  const direct = directReaders.get(prisma);
  // `timeoutMs` bounds Prisma's interactive transaction (5 s unless told) and, on a connection of our own,
  // each of its statements (statement_timeout, for this transaction only).
  // `maxWaitMs`: how long Prisma may wait for the connection (PGlite has one) before giving up; 2 s unless told.
  const limits = { ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}), ...(opts.maxWaitMs ? { maxWait: opts.maxWaitMs } : {}) };
  if (!direct) return prisma.$transaction((tx) => work(<R,>(query: Prisma.Sql) => tx.$queryRaw<R[]>(query)), limits);
  const client = await direct.pool.connect();
  let broken = false;
  try {
    // One round trip: a simple query may hold several statements (no parameters; the timeout is an integer).
    await client.query(opts.timeoutMs ? `BEGIN; SET LOCAL statement_timeout = ${Math.round(opts.timeoutMs)}` : "BEGIN");
    const result = await work(<R,>(query: Prisma.Sql) => runOn<R>(client, query, direct.onQuery));
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw err;
  } finally {
    // A connection whose rollback failed is in an unknown state: the pool closes it instead of reusing it.
    client.release(broken);
  }
}

/** Whether copyOut can run on this client (PostgreSQL, not inside a transaction). */
export function copiesDirectly(db: Tx): boolean {
  return directReaders.has(db);
}

/**
 * Streams `COPY (query) TO STDOUT` of a statement without parameters into `into`, which it ends unless
 * `end: false`; on PostgreSQL only (false, having written nothing, where readRows would use Prisma). The
 * connection is held until the copy ends, and closed rather than reused if it fails midway.
 */
export async function copyOut(db: Tx, query: Prisma.Sql, format: "csv", into: Writable, opts: { end?: boolean } = {}): Promise<boolean> {
  const direct = directReaders.get(db);
  if (!direct) return false;
  if (query.values.length > 0) throw new Error("copyOut takes a statement without parameters");
  const statement = `COPY (${query.text}) TO STDOUT WITH (FORMAT ${format})`;
  direct.onQuery?.(statement, { inRequest: inRequestScope() });
  const client = await direct.pool.connect();
  let failed: Error | undefined;
  try {
    // A statement over a whole table is costed high enough for JIT compilation, which takes longer than
    // the copy saves on these row counts (1.5 s of a 4 s export).
    await client.query("SET jit = off");
    await pipeline(client.query(copyTo(statement)), into, { end: opts.end ?? true });
    await client.query("RESET jit");
  } catch (err) {
    failed = err as Error;
    throw err;
  } finally {
    client.release(failed);
  }
  return true;
}
