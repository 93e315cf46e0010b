// A benchmark database: a fresh PostgreSQL database, or a PGlite data folder. Seeding writes SQL directly
// (the API would take too long for 100,000 posts); the server is started afterwards (PGlite allows one
// process at a time).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "../../../server/db/index.ts";

export type DbKind = "postgres" | "pglite";
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

export interface BenchDatabase {
  kind: DbKind;
  /** Environment for the server process. */
  env: Record<string, string>;
  /** For seeding and checks; on PGlite only while the server is stopped. */
  open(): Promise<Sql>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(kind: DbKind): Promise<BenchDatabase> {
  if (kind === "postgres") {
    const name = `rt_bench_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    await (await openDatabase({ databaseUrl })).close(); // migrate
    return {
      kind,
      env: { DATABASE_URL: databaseUrl },
      async open() {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        return { query: (text, params) => client.query(text, params as unknown[]) as never, close: () => client.end() };
      },
      async drop() {
        const a = new pg.Client({ connectionString: ADMIN_URL });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-bench-"));
  await (await openDatabase({ dataDir })).close(); // migrate
  return {
    kind,
    env: { DATA_DIR: dataDir },
    async open() {
      const db = await PGlite.create(dataDir);
      return { query: (text, params) => db.query(text, params) as never, close: () => db.close() };
    },
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
