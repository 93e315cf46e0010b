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
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
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

/** Runs `server/cli/<script>` with tsx in a child process. Never rejects: the exit code is the result. */
export function runCli(script: "admin.ts" | "seed.ts", args: string[], target: CliTarget): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join("server/cli", script), ...args],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: "test", ...target.env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
