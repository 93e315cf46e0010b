// Running the real command-line tools in a child process, against a database the test can open too:
// a fresh PGlite data folder under test/.tmp/ (never open in both processes at once), or a fresh
// PostgreSQL test database (TEST_DB=postgres).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openDatabase, type PrismaClient } from "../../server/db/index.ts";
import { TEST_DB, createTestDatabase } from "../support/db.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliTarget {
  /** Environment that points the CLI at this database. */
  env: Record<string, string>;
  /** Set for the embedded database: its data folder. */
  dataDir?: string;
  /** Opens the database, runs `fn`, closes it again (so that the CLI can open a PGlite folder next). */
  withDb<T>(fn: (prisma: PrismaClient) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

export async function createCliTarget(): Promise<CliTarget> {
  let env: Record<string, string>;
  let open: () => ReturnType<typeof openDatabase>;
  let cleanup: () => Promise<void>;
  let dataDir: string | undefined;
  if (TEST_DB === "postgres") {
    const test = await createTestDatabase();
    env = { DATABASE_URL: test.databaseUrl!, DATA_DIR: "" };
    open = () => openDatabase({ databaseUrl: test.databaseUrl });
    cleanup = () => test.drop();
  } else {
    const dir = path.join(ROOT, "test/.tmp", `cli-${crypto.randomBytes(6).toString("hex")}`);
    dataDir = dir;
    env = { DATA_DIR: dir, DATABASE_URL: "" };
    open = () => openDatabase({ dataDir: dir, waitForLock: false });
    // With the folder, whatever backup and restore put next to it (control socket, replaced folders).
    cleanup = async () => {
      for (const name of fs.readdirSync(path.dirname(dir))) {
        if (name === path.basename(dir) || name.startsWith(`${path.basename(dir)}.`)) fs.rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
      }
    };
  }
  return {
    env,
    dataDir,
    async withDb(fn) {
      const db = await open();
      try {
        return await fn(db.prisma);
      } finally {
        await db.close();
      }
    },
    cleanup,
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `server/cli/<script>` with tsx in a child process. Never rejects: the exit code is the result.
 * `env` adds to (or overrides) the target's environment.
 */
export function runCli(script: "admin.ts" | "seed.ts", args: string[], target: Pick<CliTarget, "env">, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join("server/cli", script), ...args],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: "test", ...target.env, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

export interface TableChecksum {
  rows: number;
  md5: string;
}

/**
 * Row count and an md5 over the content of every table in the public schema, in one statement (so one
 * snapshot). Rows are ordered by their own text, which needs no knowledge of keys and is the same on any
 * copy of the same data.
 */
export async function tableChecksums(prisma: PrismaClient): Promise<Record<string, TableChecksum>> {
  // ::text: the catalogue's `name` type is one the PostgreSQL adapters cannot all read.
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const rows = await prisma.$queryRawUnsafe<{ name: string; rows: number; md5: string }[]>(
    tables
      .map(
        ({ name }) =>
          `SELECT '${name.replace(/'/g, "''")}'::text AS name, count(*)::int AS rows, ` +
          `md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS md5 FROM ${quote(name)} t`,
      )
      .join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, md5: r.md5 }]));
}

/** Resolves when `predicate` holds, checking every few milliseconds (a condition, not a sleep). */
export async function until(predicate: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
