// `npm run seed`: fills an EMPTY database with the demo consultations and prints the demo logins.
// Refuses (exit 1, nothing changed) when the database already has accounts, or while the server holds
// the embedded database's folder.
import { DatabaseNotEmptyError, seedDemo, type DemoLogin } from "../seed/demo.ts";
import { CliError, EXIT, runCli, withDatabase } from "./common.ts";

const USAGE = `Usage: npm run seed

Fills an empty database with demo data: organisations in every stakeholder category, people in every
role, and three consultations (open, draft, closed). Refuses, changing nothing, if any account exists.
The database is the server's: DATABASE_URL if set, else the embedded database in DATA_DIR (default ./data);
on the embedded database, stop the server first.`;

function formatLogins(logins: DemoLogin[]): string {
  const rows = [["Role", "Email", "Password", "What to try"], ...logins.map((l) => [l.role, l.email, l.password, l.tryThis])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  ") + "  -----------", ...rows.slice(1).map(line)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (argv.length > 0) throw new CliError(`Unexpected argument "${argv[0]}". See --help.`, EXIT.usage);

  const logins = await withDatabase(async ({ prisma }) => {
    try {
      return await seedDemo(prisma);
    } catch (err) {
      if (err instanceof DatabaseNotEmptyError) throw new CliError(err.message);
      throw err;
    }
  });
  console.log("Demo data created. Log in with any of these accounts:\n");
  console.log(formatLogins(logins));
  console.log(
    "\nEveryone except the administrator has a role in the open consultation on the EU regulation against\n" +
      "child sexual abuse online, at /consultations/csa-regulation.",
  );
  return EXIT.ok;
}

runCli(() => main(process.argv.slice(2)));
