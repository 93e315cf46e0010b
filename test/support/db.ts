// A fresh, migrated database for each test file: an in-memory PGlite cloned from a migrated snapshot,
// or a PostgreSQL database created from a migrated template (TEST_DB=postgres).
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, type Database } from "../../server/db/index.ts";

export const TEST_DB = (process.env.TEST_DB ?? "pglite") as "pglite" | "postgres";
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const PGLITE_SNAPSHOT = new URL("../.tmp/pglite-snapshot.tar.gz", import.meta.url).pathname;

export function pgUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = "/" + database;
  return url.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

export function templateName(): string {
  const name = inject("pgTemplate");
  if (!name) throw new Error("No PostgreSQL template database: the global setup did not run");
  return name;
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** Options for openDatabase / startServer that point at this database. */
  databaseUrl?: string;
  pglite?: PGlite;
  drop(): Promise<void>;
}

/** Creates an empty-but-migrated database. The caller opens it (openDatabase or startServer). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === "postgres") {
    const name = `rt_test_${crypto.randomBytes(6).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
    return { databaseUrl: pgUrl(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const snapshot = new Blob([fs.readFileSync(PGLITE_SNAPSHOT)]);
  const pglite = await PGlite.create({ loadDataDir: snapshot });
  return { pglite, drop: async () => { if (!pglite.closed) await pglite.close(); } };
}

/** Shortcut for tests that want a Prisma client on a fresh database. */
export async function openTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const test = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: test.databaseUrl, pglite: test.pglite });
  return {
    ...db,
    async drop() {
      await db.close();
      await test.drop();
    },
  };
}

export interface ProcessDatabase {
  /** Environment that points a server process at this database. */
  env: Record<string, string>;
  /** Opens it in the test process. On PGlite only while no server process holds it (one process at a time). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A migrated database for server processes: a PostgreSQL database, or a PGlite data folder. */
export async function createProcessDatabase(): Promise<ProcessDatabase> {
  if (TEST_DB === "postgres") {
    const test = await createTestDatabase();
    return { env: { DATABASE_URL: test.databaseUrl! }, open: () => openDatabase({ databaseUrl: test.databaseUrl, migrate: false }), drop: test.drop };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-proc-"));
  const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([fs.readFileSync(PGLITE_SNAPSHOT)]) });
  await pglite.close();
  return {
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir, migrate: false }),
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}
