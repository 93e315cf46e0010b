// `npm run admin -- <command> ...`: account and organisation administration from a shell or a script.
// Non-interactive; exit 0 on success, 1 when the command could not be carried out, 2 on a usage error.
import { parseArgs } from "node:util";
import type { z } from "zod";
import { zEmail, zNewPassword, zRegisterBody } from "../../shared/schemas/accounts.ts";
import { zRequiredText } from "../../shared/schemas/common.ts";
import { LIMITS } from "../../shared/limits.ts";
import { AppError } from "../http/errors.ts";
import { emailKey, registerUser, setPassword } from "../accounts/service.ts";
import { hashPassword } from "../accounts/password.ts";
import { setOrganisationVerified } from "../organisations/service.ts";
import type { Database } from "../db/index.ts";
import { CliError, EXIT, runCli, usageError, withDatabase } from "./common.ts";

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

Options:
  -h, --help   Show this help (also: <command> --help).

The database is the one the server uses: DATABASE_URL (PostgreSQL) if set, else the embedded database in
DATA_DIR (default ./data). The embedded database allows one process at a time: stop the server first.
Passwords need at least ${LIMITS.passwordMin} characters. A password given on the command line may be kept
in your shell history; clear it, or set a temporary password and change it after logging in.

Exit codes: 0 done; 1 not done (unknown account or organisation, account exists, database in use);
2 usage error (unknown command, missing or invalid option).`;

type Options = Record<string, { type: "string" | "boolean"; short?: string }>;

interface Command {
  options: Options;
  run(db: Database, values: Record<string, string | boolean | undefined>): Promise<string>;
  /** Checks the options before the database is opened; returns them validated. */
  validate(values: Record<string, string | boolean | undefined>): Record<string, string | boolean | undefined>;
}

function check<T>(schema: z.ZodType<T>, option: string, value: string | boolean | undefined): T {
  if (value === undefined) throw usageError(`Missing --${option}. See --help.`);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw usageError(`--${option} ${parsed.error.issues[0]?.message ?? "is invalid"}.`);
  return parsed.data;
}

const zName = zRegisterBody.shape.displayName;
const zOrganisationName = zRequiredText(LIMITS.organisationNameMax);

const COMMANDS: Record<string, Command> = {
  "create-admin": {
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, promote: { type: "boolean" } },
    validate: (v) => ({
      email: check(zEmail, "email", v.email),
      password: check(zNewPassword, "password", v.password),
      name: v.name === undefined ? "Administrator" : check(zName, "name", v.name),
      promote: v.promote ?? false,
    }),
    async run({ prisma }, v) {
      const email = v.email as string;
      const existing = await prisma.user.findUnique({ where: { emailKey: emailKey(email) } });
      if (existing && !v.promote) {
        throw new CliError(
          `An account with the email ${existing.email} already exists; nothing was changed. ` +
            `Use --promote to make it an administrator (and set its password), or set-password to change only the password.`,
        );
      }
      if (existing) {
        await prisma.user.update({ where: { id: existing.id }, data: { isAdmin: true, passwordHash: await hashPassword(v.password as string) } });
        const note = existing.status === "suspended" ? " Note: the account is suspended; reinstate it before it can log in." : "";
        return `Made the existing account ${existing.email} an administrator and set its password.${note}`;
      }
      const user = await registerUser(prisma, { email, password: v.password as string, displayName: v.name as string, isAdmin: true });
      return `Created administrator ${user.email} (${user.displayName}).`;
    },
  },
  "set-password": {
    options: { email: { type: "string" }, password: { type: "string" } },
    validate: (v) => ({ email: check(zEmail, "email", v.email), password: check(zNewPassword, "password", v.password) }),
    async run({ prisma }, v) {
      await setPassword(prisma, v.email as string, v.password as string);
      return `Password set for ${v.email}.`;
    },
  },
  "verify-org": {
    options: { name: { type: "string" } },
    validate: (v) => ({ name: check(zOrganisationName, "name", v.name) }),
    async run({ prisma }, v) {
      const org = await setOrganisationVerified(prisma, null, { name: v.name as string }, true);
      return `Organisation "${org.name}" is verified.`;
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

  let values: Record<string, string | boolean | undefined>;
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
  const message = await withDatabase((db) => command.run(db, valid).catch((err) => explain(name, valid, err)));
  console.log(message);
  return EXIT.ok;
}

runCli(() => main(process.argv.slice(2)));
