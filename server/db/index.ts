// Opens the database the configuration asks for: embedded PGlite in a data folder by default,
// PostgreSQL when DATABASE_URL is set. Same schema and migrations for both.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import lockfile from "proper-lockfile";
import { PrismaClient } from "./generated/client.ts";
import { applyMigrations } from "./migrate.ts";

export { isUniqueViolation, postgresErrorCode } from "./errors.ts";

export { PrismaClient };
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** An already-open PGlite (tests use in-memory ones). */
  pglite?: PGlite;
  /** Wait for another process to release the data folder (the server after a crash) instead of failing at once. */
  waitForLock?: boolean;
  migrate?: boolean;
  /** Called for every SQL query Prisma sends (tests count queries per page with it). */
  onQuery?: (sql: string) => void;
}

function createClient(adapter: unknown, onQuery?: (sql: string) => void): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter: adapter as never });
  const prisma = new PrismaClient({ adapter: adapter as never, log: [{ emit: "event", level: "query" }] });
  prisma.$on("query" as never, (e: { query: string }) => onQuery(e.query));
  return prisma;
}

export class DataFolderLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `The data folder ${path.resolve(dataDir)} is in use by another Roundtable process (probably the running server). ` +
        `PGlite must never be opened by two processes at once: stop the server first, then run this command again.`,
    );
  }
}

// PGlite does not lock its folder; two processes would both write and lose acknowledged data.
// So we hold an exclusive lock (a lock directory refreshed every few seconds, stale after 10 s).
async function lockDataDir(dataDir: string, wait: boolean): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, "roundtable.lock"),
      stale: 10_000,
      update: 3_000,
      retries: wait ? { retries: 15, minTimeout: 1_000, maxTimeout: 1_000 } : 0,
      onCompromised: (err) => {
        // Someone else took the folder: continuing could lose data, so stop hard.
        console.error(`Lost the lock on ${dataDir}: ${err.message}. Exiting to protect the data.`);
        process.exit(70);
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOCKED") throw new DataFolderLockedError(dataDir);
    throw err;
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const migrate = opts.migrate ?? true;
  if (opts.databaseUrl) {
    if (migrate) await migratePostgres(opts.databaseUrl);
    const prisma = createClient(new PrismaPg({ connectionString: opts.databaseUrl }), opts.onQuery);
    return { prisma, kind: "postgres", close: () => prisma.$disconnect() };
  }

  let release: (() => Promise<void>) | undefined;
  let pglite = opts.pglite;
  if (!pglite) {
    const dataDir = opts.dataDir ?? "./data";
    release = await lockDataDir(dataDir, opts.waitForLock ?? false);
    try {
      pglite = await PGlite.create(dataDir);
    } catch (err) {
      await release();
      throw err;
    }
  }
  const db = pglite;
  if (migrate) await applyMigrations(db);
  // pglite-prisma-adapter bundles its own copy of Prisma's adapter types; they match at run time.
  const prisma = createClient(new PrismaPGlite(db), opts.onQuery);
  return {
    prisma,
    kind: "pglite",
    async close() {
      await prisma.$disconnect();
      if (!opts.pglite) await db.close();
      await release?.();
    },
  };
}

async function migratePostgres(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // Several processes may start at once: one migrates, the others wait and then find nothing to do.
    await client.query("SELECT pg_advisory_lock(7270001)");
    await applyMigrations({
      exec: (sql) => client.query(sql),
      query: async <T,>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }),
    });
  } finally {
    await client.query("SELECT pg_advisory_unlock(7270001)").catch(() => {});
    await client.end();
  }
}

