// `npm run admin -- <command> ...`: account and organisation administration, backup and restore, from a
// shell or a script.
// Non-interactive; exit 0 on success, 1 when the command could not be carried out, 2 on a usage error.
import { parseArgs } from "node:util";
import { z } from "zod";
import { zEmail, zNewPassword, zRegisterBody } from "../../shared/schemas/accounts.ts";
import { zRequiredText } from "../../shared/schemas/common.ts";
import { LIMITS } from "../../shared/limits.ts";
import { AppError } from "../http/errors.ts";
import { emailKey, registerUser, setPassword } from "../accounts/service.ts";
import { hashPassword } from "../accounts/password.ts";
import { endUserSessions } from "../accounts/sessions.ts";
import { inTransaction } from "../events/record.ts";
import { setOrganisationVerified } from "../organisations/service.ts";
import type { Database } from "../db/index.ts";
import { CliError, EXIT, loadCliConfig, runCli, usageError, withDatabase } from "./common.ts";
import { backupEmbedded, restoreEmbedded } from "./backup-embedded.ts";
import { backupPostgres, restorePostgres } from "./backup-postgres.ts";

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-admin --email E --password P [--name N] [--promote]
      Creates an administrator account (display name N, default "Administrator").
      If an account with this email already exists, nothing is changed and the command fails (exit 1),
      so that a typo cannot take over someone's account. With --promote, that existing account is
      made an administrator instead and its password is set to P.
  set-password --email E --password P
      Sets the password of an existing account.
  verify-org --name N
      Marks the organisation named N (case-insensitive) as verified.
  backup --out FILE
      Writes a consistent copy of the whole database to FILE: as it was at one moment, between two
      transactions. FILE is written atomically (a temporary file, then renamed), readable by you only;
      prints its size and SHA-256.
      Embedded database: a gzipped tarball of the data folder. Works while the server runs (the server
      makes the copy, over its control socket DATA_DIR.control.sock); otherwise this command holds the
      folder and makes it. FILE must be outside DATA_DIR.
      PostgreSQL: runs pg_dump --format=custom (prints the command instead if pg_dump is missing).
  restore --in FILE
      Replaces the database with the backup in FILE. Migrations newer than the backup are applied when
      the server next starts.
      Embedded database: refuses while the server runs; stop it first. Checks that FILE opens as a
      Roundtable database before touching anything, then moves the data folder's contents to
      DATA_DIR.before-restore-<time> (printed; delete it when satisfied) and restores into DATA_DIR.
      PostgreSQL: runs pg_restore --clean --if-exists --no-owner --single-transaction (all or nothing;
      objects in the backup replace their namesakes). Stop the servers first.

Options:
  -h, --help   Show this help (also: <command> --help).

The database is the one the server uses: DATABASE_URL (PostgreSQL) if set, else the embedded database in
DATA_DIR (default ./data). The embedded database allows one process at a time: except for backup, stop
the server first.
Passwords need at least ${LIMITS.passwordMin} characters. A password given on the command line may be kept
in your shell history; clear it, or set a temporary password and change it after logging in.

Exit codes: 0 done; 1 not done (unknown account or organisation, account exists, database in use, backup
unreadable, pg_dump missing); 2 usage error (unknown command, missing or invalid option).`;

type Options = Record<string, { type: "string" | "boolean"; short?: string }>;

type Values = Record<string, string | boolean | undefined>;

interface Command {
  options: Options;
  /** Checks the options before the database is opened; returns them validated. */
  validate(values: Values): Values;
  /** Does the work and returns what to print. */
  execute(values: Values): Promise<string>;
}

/** For the account commands: the database opened (refusing while the server holds a PGlite folder). */
function onDatabase(name: string, run: (db: Database, values: Values) => Promise<string>): Command["execute"] {
  return (values) => withDatabase((db) => run(db, values).catch((err) => explain(name, values, err)));
}

function check<T>(schema: z.ZodType<T>, option: string, value: string | boolean | undefined): T {
  if (value === undefined) throw usageError(`Missing --${option}. See --help.`);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw usageError(`--${option} ${parsed.error.issues[0]?.message ?? "is invalid"}.`);
  return parsed.data;
}

const zName = zRegisterBody.shape.displayName;
const zOrganisationName = zRequiredText(LIMITS.organisationNameMax);
const zPath = z.string().min(1, "needs a file name");

const COMMANDS: Record<string, Command> = {
  "create-admin": {
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, promote: { type: "boolean" } },
    validate: (v) => ({
      email: check(zEmail, "email", v.email),
      password: check(zNewPassword, "password", v.password),
      name: v.name === undefined ? "Administrator" : check(zName, "name", v.name),
      promote: v.promote ?? false,
    }),
    execute: onDatabase("create-admin", async ({ prisma }, v) => {
      const email = v.email as string;
      const existing = await prisma.user.findUnique({ where: { emailKey: emailKey(email) } });
      if (existing && !v.promote) {
        throw new CliError(
          `An account with the email ${existing.email} already exists; nothing was changed. ` +
            `Use --promote to make it an administrator (and set its password), or set-password to change only the password.`,
        );
      }
      if (existing) {
        const passwordHash = await hashPassword(v.password as string);
        // A new password and a new role: whoever held a session of this account is logged out.
        await inTransaction(prisma, async (tx) => {
          await tx.user.update({ where: { id: existing.id }, data: { isAdmin: true, passwordHash } });
          await endUserSessions(tx, existing.id, "password_changed");
        });
        const note = existing.status === "suspended" ? " Note: the account is suspended; reinstate it before it can log in." : "";
        return `Made the existing account ${existing.email} an administrator and set its password.${note}`;
      }
      const user = await registerUser(prisma, { email, password: v.password as string, displayName: v.name as string, isAdmin: true });
      return `Created administrator ${user.email} (${user.displayName}).`;
    }),
  },
  "set-password": {
    options: { email: { type: "string" }, password: { type: "string" } },
    validate: (v) => ({ email: check(zEmail, "email", v.email), password: check(zNewPassword, "password", v.password) }),
    execute: onDatabase("set-password", async ({ prisma }, v) => {
      await setPassword(prisma, v.email as string, v.password as string);
      return `Password set for ${v.email}.`;
    }),
  },
  "verify-org": {
    options: { name: { type: "string" } },
    validate: (v) => ({ name: check(zOrganisationName, "name", v.name) }),
    execute: onDatabase("verify-org", async ({ prisma }, v) => {
      const org = await setOrganisationVerified(prisma, null, { name: v.name as string }, true);
      return `Organisation "${org.name}" is verified.`;
    }),
  },
  // Backup and restore reach the database their own way: through the running server, the data folder's
  // lock, or PostgreSQL's tools (see backup-embedded.ts and backup-postgres.ts).
  backup: {
    options: { out: { type: "string" } },
    validate: (v) => ({ out: check(zPath, "out", v.out) }),
    execute(v) {
      const config = loadCliConfig();
      const out = v.out as string;
      return config.databaseUrl ? backupPostgres(config.databaseUrl, out) : backupEmbedded(config.dataDir, out);
    },
  },
  restore: {
    options: { in: { type: "string" } },
    validate: (v) => ({ in: check(zPath, "in", v.in) }),
    execute(v) {
      const config = loadCliConfig();
      const file = v.in as string;
      return config.databaseUrl ? restorePostgres(config.databaseUrl, file) : restoreEmbedded(config.dataDir, file);
    },
  },
};

/** Service errors the CLI expects, in the words of the command that met them. */
function explain(command: string, values: Record<string, unknown>, err: unknown): never {
  if (err instanceof AppError && err.code === "not_found") {
    if (command === "verify-org") throw new CliError(`No organisation is named "${values.name}" (names are compared case-insensitively).`);
    throw new CliError(`No account has the email ${values.email}.`);
  }
  if (err instanceof AppError && err.code === "conflict") throw new CliError(err.message);
  throw err;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    console.log(USAGE);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) throw usageError(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(", ")}. See --help.`);

  let values: Values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw usageError(`${(err as Error).message}. See --help.`);
  }
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const valid = command.validate(values);
  const message = await command.execute(valid);
  console.log(message);
  return EXIT.ok;
}

runCli(() => main(process.argv.slice(2)));
