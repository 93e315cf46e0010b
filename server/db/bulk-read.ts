// Large reads (data exports) without Prisma's per-value conversion. Prisma's $queryRaw maps every value of
// every row through its client runtime, which cost an export of 250,000 rows more time than PostgreSQL
// took to produce them. On PostgreSQL, a statement run on the root client (not inside a transaction) goes
// straight to the request pool instead; everywhere else (PGlite, whose one connection Prisma's
// transactions hold, and any transaction client) it stays on $queryRaw.
//
// Both paths return the same values only for the types both decode alike: text, int4, bool, json. Write
// statements for readRows accordingly: timestamps formatted as text (isoTimestamp), counts cast to int,
// enums cast to text.
import type pg from "pg";
import { Prisma } from "./generated/client.ts";
import type { QueryListener, Tx } from "./index.ts";
import { inRequestScope } from "../http/request-scope.ts";

const directReaders = new WeakMap<object, { pool: pg.Pool; onQuery?: QueryListener }>();

/** Lets readRows send this client's statements straight to its pool (openDatabase, PostgreSQL only). */
export function readDirectlyFrom(prisma: object, pool: pg.Pool, onQuery?: QueryListener): void {
  directReaders.set(prisma, { pool, onQuery });
}

export async function readRows<T>(db: Tx, query: Prisma.Sql): Promise<T[]> {
  const direct = directReaders.get(db);
  if (!direct) return db.$queryRaw<T[]>(query);
  direct.onQuery?.(query.text, { inRequest: inRequestScope() });
  return (await direct.pool.query(query.text, query.values)).rows as T[];
}

/** A timestamp(3) column as Date.prototype.toISOString() writes it (our timestamps are stored in UTC). */
export const isoTimestamp = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
