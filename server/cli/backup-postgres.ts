// `backup` and `restore` on PostgreSQL (DATABASE_URL): PostgreSQL's own tools do it best, so we run them
// and say what we run. pg_dump takes its copy in one snapshot (REPEATABLE READ), so it is consistent while
// servers keep writing. When the tools are not installed we print the exact commands instead.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describeArchive, describeFile, writeAtomically } from "./archive-file.ts";
import { CliError } from "./common.ts";

/** Prisma-only URL parameters: libpq rejects unknown ones. */
const PRISMA_PARAMETERS = ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout"];

interface Connection {
  /** The URL without its password: safe on a command line, which every user sees in `ps`. */
  dbname: string;
  env: Record<string, string>;
}

function connection(databaseUrl: string): Connection {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  for (const name of PRISMA_PARAMETERS) url.searchParams.delete(name);
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function commandLine(conn: Connection, program: string, args: string[]): string {
  const env = conn.env.PGPASSWORD ? "PGPASSWORD='…' " : "";
  return env + [program, ...args].map(shellQuote).join(" ");
}

function run(conn: Connection, program: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { env: { ...process.env, ...conn.env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve({ stdout });
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return reject(Object.assign(new Error(`${program} not found`), { code: "ENOENT" }));
      reject(new Error(String(stderr).trim() || err.message));
    });
  });
}

function notInstalled(program: string, commands: string): CliError {
  return new CliError(
    `${program} is not installed (or not on PATH), so nothing was done. Install PostgreSQL's client tools ` +
      `(same major version as the server or newer; Debian/Ubuntu: apt-get install postgresql-client), or run:\n  ${commands}`,
  );
}

const dumpArgs = (conn: Connection, file: string) => ["--format=custom", `--file=${file}`, `--dbname=${conn.dbname}`];
const restoreArgs = (conn: Connection, file: string) => ["--clean", "--if-exists", "--no-owner", "--single-transaction", `--dbname=${conn.dbname}`, file];

export async function backupPostgres(databaseUrl: string, outFile: string): Promise<string> {
  const conn = connection(databaseUrl);
  const out = path.resolve(outFile);
  const shown = commandLine(conn, "pg_dump", dumpArgs(conn, out));
  let archive;
  try {
    archive = await writeAtomically(out, (temp) => run(conn, "pg_dump", dumpArgs(conn, temp)).then(() => {}));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw notInstalled("pg_dump", shown);
    throw new CliError(`pg_dump failed, nothing was written to ${out}:\n${(err as Error).message}`);
  }
  return `Backed up the PostgreSQL database with pg_dump (one consistent snapshot, custom format):\n  ${shown}\n${describeArchive(archive)}`;
}

export async function restorePostgres(databaseUrl: string, inFile: string): Promise<string> {
  const conn = connection(databaseUrl);
  const archivePath = path.resolve(inFile);
  const shown = commandLine(conn, "pg_restore", restoreArgs(conn, archivePath));
  if (!fs.statSync(archivePath, { throwIfNoEntry: false })?.isFile()) throw new CliError(`No backup file at ${archivePath}. Nothing was changed.`);

  // Check first, changing nothing: pg_restore reads the archive's table of contents without a database.
  let list;
  try {
    ({ stdout: list } = await run(conn, "pg_restore", ["--list", archivePath]));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw notInstalled("pg_restore", shown);
    throw new CliError(`${archivePath} is not a pg_dump archive pg_restore can read (${(err as Error).message}). Nothing was changed.`);
  }
  if (!/ TABLE DATA \S+ _prisma_migrations /.test(list)) {
    throw new CliError(`${archivePath} is a pg_dump archive but not of a Roundtable database (it has no _prisma_migrations table). Nothing was changed.`);
  }
  try {
    await run(conn, "pg_restore", restoreArgs(conn, archivePath));
  } catch (err) {
    throw new CliError(`pg_restore failed; it ran in one transaction, so the database is as it was:\n${(err as Error).message}`);
  }
  const { bytes, sha256 } = await describeFile(archivePath);
  return [
    `Restored ${archivePath} (${bytes.toLocaleString("en")} bytes, SHA-256 ${sha256}) with pg_restore, in one transaction:`,
    `  ${shown}`,
    `Objects in the backup replaced their namesakes; the server applies migrations newer than the backup when it next starts.`,
  ].join("\n");
}
