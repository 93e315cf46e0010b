// Migrations from an empty database, on both engines. PostgreSQL is always available in CI (TEST_PG_ADMIN_URL),
// so its case runs whatever TEST_DB says.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations, readMigrations, type SqlExecutor } from "../../server/db/migrate.ts";
import { openDatabase } from "../../server/db/index.ts";
import { Prisma } from "../../server/db/generated/client.ts";
import { adminQuery, pgUrl } from "../support/db.ts";

const MIGRATIONS = readMigrations();

/** Every model the generated Prisma client knows: its table must exist after migrating. */
const MODELS = Object.values(Prisma.ModelName);

function tampered() {
  const [first, ...rest] = MIGRATIONS;
  return [{ ...first!, checksum: crypto.createHash("sha256").update(first!.sql + "\n-- edited").digest("hex") }, ...rest];
}

async function expectMigrated(db: SqlExecutor) {
  const { rows } = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  expect(rows.map((r) => r.migration_name)).toEqual(MIGRATIONS.map((m) => m.name));
  expect(rows.map((r) => r.checksum)).toEqual(MIGRATIONS.map((m) => m.checksum));
  expect(rows.every((r) => r.finished_at !== null)).toBe(true);
}

/** Prisma finds the table of every model it knows: a count on each delegate. */
async function expectPrismaWorks(prisma: Awaited<ReturnType<typeof openDatabase>>["prisma"]) {
  expect(MODELS.length).toBeGreaterThan(10);
  for (const model of MODELS) {
    const delegate = (prisma as unknown as Record<string, { count(): Promise<number> }>)[model[0]!.toLowerCase() + model.slice(1)];
    expect(delegate, model).toBeDefined();
    expect(await delegate!.count(), model).toBe(0);
  }
}

describe("migrations on PGlite", () => {
  it("apply to an empty database, re-apply as a no-op, and refuse a tampered checksum", async () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    const pglite = new PGlite();
    try {
      expect(await applyMigrations(pglite)).toEqual(MIGRATIONS.map((m) => m.name));
      await expectMigrated(pglite);
      expect(await applyMigrations(pglite)).toEqual([]);
      await expectMigrated(pglite);
      await expect(applyMigrations(pglite, tampered())).rejects.toThrow(/changed after it was applied/);
      await expect(applyMigrations(pglite, MIGRATIONS.slice(0, -1))).rejects.toThrow(/does not know/);
      await expectMigrated(pglite);

      // openDatabase migrates again (nothing to do) and Prisma finds every table it expects.
      const db = await openDatabase({ pglite });
      try {
        await expectPrismaWorks(db.prisma);
      } finally {
        await db.close();
      }
    } finally {
      await pglite.close();
    }
  });

  it("leave no trace of a migration that fails", async () => {
    const pglite = new PGlite();
    try {
      const broken = [...MIGRATIONS, { name: "99999999999999_broken", sql: 'CREATE TABLE "Half" (id int); SELECT no_such_function();', checksum: "0".repeat(64) }];
      await expect(applyMigrations(pglite, broken)).rejects.toThrow(/99999999999999_broken failed/);
      const { rows } = await pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'Half'`);
      expect(rows[0]!.n).toBe(0);
      await expectMigrated(pglite);
    } finally {
      await pglite.close();
    }
  });
});

describe("migrations on PostgreSQL", () => {
  it("apply to a fresh database, re-apply as a no-op, and refuse a tampered checksum", async () => {
    const name = `rt_migrate_${crypto.randomBytes(6).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    try {
      const db = await openDatabase({ databaseUrl: pgUrl(name) });
      try {
        await expectPrismaWorks(db.prisma);
      } finally {
        await db.close();
      }

      const client = new pg.Client({ connectionString: pgUrl(name) });
      await client.connect();
      try {
        const executor: SqlExecutor = {
          exec: (sql) => client.query(sql),
          query: async <T,>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }),
        };
        await expectMigrated(executor);
        expect(await applyMigrations(executor)).toEqual([]);
        await expect(applyMigrations(executor, tampered())).rejects.toThrow(/changed after it was applied/);
        await expectMigrated(executor);
      } finally {
        await client.end();
      }

      // Opening again (as a restart would) applies nothing and works.
      const again = await openDatabase({ databaseUrl: pgUrl(name) });
      try {
        await expectPrismaWorks(again.prisma);
      } finally {
        await again.close();
      }
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
