// Opens the database the configuration asks for: embedded PGlite in a data folder by default,
// PostgreSQL when DATABASE_URL is set. Same schema and migrations for both.
import { inRequestScope } from "../http/request-scope.ts";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import lockfile from "proper-lockfile";
import { PrismaClient } from "./generated/client.ts";
import { applyMigrations } from "./migrate.ts";
import type { Listen } from "../events/tail.ts";
import { listenOn } from "./listen.ts";
import { readDirectlyFrom } from "./direct-reads.ts";

export { isUniqueViolation, postgresErrorCode } from "./errors.ts";

export { PrismaClient };
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Database {
  /** For requests, jobs and the CLI. */
  prisma: PrismaClient;
  /**
   * For the event log tail and real-time reads: on PostgreSQL a pool of its own, so that a burst of
   * requests holding every request connection cannot delay live delivery. On PGlite (one connection) the same client.
   */
  eventsPrisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** The request pool (PostgreSQL), for load shedding: how many wait for a connection. */
  pool?: pg.Pool;
  /** LISTEN on a dedicated connection (PostgreSQL only). */
  listen?: Listen;
  /** The embedded database itself (backups copy it through its exclusive queue). */
  pglite?: PGlite;
  /** Set when this process opened, and holds the lock on, a PGlite data folder. */
  dataDir?: string;
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
  /** Called for every SQL query Prisma sends (tests count queries per page with it), saying whether an HTTP request made it. */
  onQuery?: QueryListener;
  /** Connections in the request pool (PostgreSQL). */
  poolSize?: number;
  /** Connections for the event tail and real-time reads (PostgreSQL). */
  eventsPoolSize?: number;
}

export type QueryListener = (sql: string, made: { inRequest: boolean }) => void;

function createClient(adapter: unknown, onQuery?: QueryListener): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter: adapter as never });
  const prisma = new PrismaClient({ adapter: adapter as never, log: [{ emit: "event", level: "query" }] });
  prisma.$on("query" as never, (e: { query: string }) => onQuery(e.query, { inRequest: inRequestScope() }));
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
// Restore takes it too, without opening the database, so that no server starts while it swaps folders.
export const LOCK_NAME = "roundtable.lock";

export async function lockDataDir(dataDir: string, wait: boolean): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, LOCK_NAME),
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
    const connectionString = opts.databaseUrl;
    if (migrate) await migratePostgres(connectionString);
    // A request that cannot get a connection within 5 s gets a 503 (see isOverloadError), not a wait without end.
    const pool = new pg.Pool({ connectionString, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
    const eventsPool = new pg.Pool({ connectionString, max: opts.eventsPoolSize ?? 3 });
    // An idle connection that the server drops (a database restart, a terminated backend) must not take
    // the process down: the pool forgets it and opens a new one on the next query.
    for (const p of [pool, eventsPool]) p.on("error", (err) => console.error("database connection lost (it will be replaced):", err.message));
    const prisma = createClient(new PrismaPg(pool), opts.onQuery);
    const eventsPrisma = createClient(new PrismaPg(eventsPool));
    readDirectlyFrom(prisma, pool, opts.onQuery);
    // The live dispatcher's reads too (the event log, each event's post), on the events pool it has to itself.
    readDirectlyFrom(eventsPrisma, eventsPool);
    const listeners = new Set<() => Promise<void>>();
    return {
      prisma,
      eventsPrisma,
      kind: "postgres",
      pool,
      listen: async (channel, onNotify) => {
        const stop = await listenOn(connectionString, channel, onNotify);
        listeners.add(stop);
        return async () => {
          listeners.delete(stop);
          await stop();
        };
      },
      async close() {
        await Promise.all([...listeners].map((stop) => stop()));
        await Promise.all([prisma.$disconnect(), eventsPrisma.$disconnect()]);
        await Promise.all([pool.end(), eventsPool.end()]);
      },
    };
  }

  let release: (() => Promise<void>) | undefined;
  let pglite = opts.pglite;
  let dataDir: string | undefined;
  if (!pglite) {
    dataDir = opts.dataDir ?? "./data";
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
    eventsPrisma: prisma,
    kind: "pglite",
    pglite: db,
    dataDir,
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

