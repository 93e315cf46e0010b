// What the command-line tools share: exit codes, opening the configured database without waiting for
// the server's lock, and one place that turns failures into a message on stderr and an exit code.
import { loadConfig, type Config } from "../config.ts";
import { DataFolderLockedError, openDatabase, type Database } from "../db/index.ts";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** An expected failure: its message is printed as is (no stack trace) and the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

/** The server's configuration from the environment; an invalid one is the user's to fix, not a bug. */
export function loadCliConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/**
 * Opens the database the environment names (DATABASE_URL, else DATA_DIR). Never waits for the lock: on
 * the embedded database a running server holds the data folder, and the CLI must refuse, not queue.
 */
export async function openCliDatabase(): Promise<Database> {
  const config = loadCliConfig();
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, waitForLock: false });
  } catch (err) {
    if (err instanceof DataFolderLockedError) throw new CliError(err.message);
    throw err;
  }
}

/** Runs `fn` with an open database and closes it afterwards, whatever happens. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openCliDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * The entry point of every tool: exits with what `main` returns, or with the CliError's code and message.
 * Anything else is a bug or an unreachable database: printed in full, exit 1.
 */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? EXIT.ok),
    (err: unknown) => {
      if (err instanceof CliError) {
        console.error(err.message);
        process.exit(err.exitCode);
      }
      console.error(err);
      process.exit(EXIT.failed);
    },
  );
}
