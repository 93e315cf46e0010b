// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, recording them in
// Prisma's own `_prisma_migrations` table so that `prisma migrate status` agrees with us. We do not
// shell out to `prisma migrate deploy` at start: it is slow, and on PGlite a second process must never
// open the data folder while we hold it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

/** The little a migration runner needs from a connection: PGlite and node-postgres both fit. */
export interface SqlExecutor {
  exec(sql: string): Promise<unknown>;
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Returns the names of the migrations it applied. Refuses a database whose history differs from ours. */
export async function applyMigrations(db: SqlExecutor, migrations = readMigrations()): Promise<string[]> {
  await db.exec(CREATE_TABLE);
  const { rows } = await db.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
  );
  const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const known = new Set(migrations.map((m) => m.name));
  for (const name of applied.keys()) {
    if (!known.has(name)) throw new Error(`Database has migration ${name}, which this version of Roundtable does not know. Is it older than the database?`);
  }
  const done: string[] = [];
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum !== undefined) {
      if (checksum !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs).`);
      continue;
    }
    const id = crypto.randomUUID();
    // One transaction: a migration either applies whole and is recorded, or leaves no trace.
    await db.exec(
      `BEGIN;\n${m.sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('${id}', '${m.checksum}', '${m.name.replace(/'/g, "''")}', now(), 1);\nCOMMIT;`,
    ).catch(async (err) => {
      await db.exec("ROLLBACK").catch(() => {});
      throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
    });
    done.push(m.name);
  }
  return done;
}
