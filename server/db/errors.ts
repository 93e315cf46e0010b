// Reading PostgreSQL's SQLSTATE out of whatever Prisma threw. The two adapters surface it differently
// (measured on Prisma 6.19.3, see test/http/input.test.ts):
//   pglite-prisma-adapter  model queries: a DriverAdapterError, PostgreSQL's code in `err.cause.code`
//   @prisma/adapter-pg     model queries: the same, or (for codes the adapter names, e.g. 22003 as
//                          ValueOutOfRange) a PrismaClientKnownRequestError (P2020, P2000...) whose
//                          `meta.driverAdapterError.cause.originalCode` holds it
//   either, raw queries    a PrismaClientKnownRequestError P2010 with `meta.driverAdapterError.cause`
//   pg itself              (db/direct-reads.ts) a DatabaseError with `code` and `severity`
// This module has no dependencies so the HTTP error handler can use it without opening a database.

type Cause = { code?: unknown; originalCode?: unknown };

function codeOf(cause: Cause | undefined): string | undefined {
  if (!cause || typeof cause !== "object") return undefined;
  if (typeof cause.originalCode === "string") return cause.originalCode;
  // Prisma's own P.... codes live on the error itself, never on its cause.
  if (typeof cause.code === "string" && /^[0-9A-Z]{5}$/.test(cause.code)) return cause.code;
  return undefined;
}

/** PostgreSQL's five-character SQLSTATE behind a Prisma or driver-adapter error, if there is one. */
export function postgresErrorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { cause?: Cause; meta?: { driverAdapterError?: { cause?: Cause } }; severity?: unknown; code?: unknown };
  // pg's own DatabaseError (statements run straight on the pool, db/direct-reads.ts) carries it itself.
  const own = typeof e.severity === "string" ? codeOf({ code: e.code }) : undefined;
  return codeOf(e.cause) ?? codeOf(e.meta?.driverAdapterError?.cause) ?? own;
}

/**
 * True for a unique-constraint violation, for "insert, or detect the duplicate" writes. Prisma reports it
 * as P2002 through @prisma/adapter-pg; pglite-prisma-adapter passes PostgreSQL's own 23505 through as the cause.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  return (err as { code?: string }).code === "P2002" || postgresErrorCode(err) === "23505";
}
