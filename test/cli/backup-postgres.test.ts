// backup and restore on PostgreSQL, for real: the CLI runs pg_dump and pg_restore in a child process, and
// a fresh, empty database receives the backup.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/index.ts";
import { seedDemo } from "../../server/seed/demo.ts";
import { adminQuery, pgUrl } from "../support/db.ts";
import { createCliTarget, ROOT, runCli, tableChecksums, type CliTarget } from "./support.ts";

const SLOW = 300_000;

async function checksumsOf(databaseUrl: string) {
  const db = await openDatabase({ databaseUrl, migrate: false });
  try {
    return await tableChecksums(db.prisma);
  } finally {
    await db.close();
  }
}

describe("backup and restore on PostgreSQL", () => {
  let source: CliTarget;
  const fresh = `rt_restore_${crypto.randomBytes(6).toString("hex")}`;
  const freshTarget = { env: { DATABASE_URL: pgUrl(fresh), DATA_DIR: "" } };
  const files = path.join(ROOT, "test/.tmp", `pg-backups-${crypto.randomBytes(6).toString("hex")}`);
  const backupFile = path.join(files, "roundtable.dump");

  beforeAll(async () => {
    fs.mkdirSync(files, { recursive: true });
    source = await createCliTarget();
    await source.withDb((prisma) => seedDemo(prisma));
    await adminQuery(`CREATE DATABASE ${fresh}`); // empty: no tables, no migrations
  }, SLOW);
  afterAll(async () => {
    await source.cleanup();
    await adminQuery(`DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`);
    fs.rmSync(files, { recursive: true, force: true });
  });

  it(
    "pg_dump, then pg_restore into a fresh database: the same rows in every table",
    async () => {
      const res = await runCli("admin.ts", ["backup", "--out", backupFile], source);
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(`pg_dump --format=custom --file=${backupFile} --dbname=`);
      const sha256 = crypto.createHash("sha256").update(fs.readFileSync(backupFile)).digest("hex");
      expect(res.stdout).toContain(`SHA-256: ${sha256}`);
      expect(res.stdout).toContain(`(${fs.statSync(backupFile).size.toLocaleString("en")} bytes)`);
      expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(files)).toEqual(["roundtable.dump"]);

      const restore = await runCli("admin.ts", ["restore", "--in", backupFile], freshTarget);
      expect(restore.stderr).toBe("");
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain(`pg_restore --clean --if-exists --no-owner --single-transaction --dbname=`);

      const expected = await checksumsOf(source.env.DATABASE_URL!);
      expect(Object.keys(expected)).toEqual(expect.arrayContaining(["_prisma_migrations", "users", "posts", "positions", "sessions"]));
      expect(expected.posts!.rows).toBeGreaterThan(0);
      expect(await checksumsOf(pgUrl(fresh))).toEqual(expected);

      // --clean: restoring again over the restored database replaces what is there, not adds to it.
      const again = await runCli("admin.ts", ["restore", "--in", backupFile], freshTarget);
      expect(again.code).toBe(0);
      expect(await checksumsOf(pgUrl(fresh))).toEqual(expected);
    },
    SLOW,
  );

  it(
    "refuses a file that is not a Roundtable pg_dump archive, and changes nothing",
    async () => {
      const before = await checksumsOf(pgUrl(fresh));
      const garbage = path.join(files, "garbage.dump");
      fs.writeFileSync(garbage, crypto.randomBytes(4096));
      const res = await runCli("admin.ts", ["restore", "--in", garbage], freshTarget);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/is not a pg_dump archive pg_restore can read .* Nothing was changed\./s);

      // A real pg_dump archive, of a database that is not Roundtable's.
      const other = `rt_other_${crypto.randomBytes(6).toString("hex")}`;
      await adminQuery(`CREATE DATABASE ${other}`);
      try {
        const foreign = path.join(files, "foreign.dump");
        const dumped = await runCli("admin.ts", ["backup", "--out", foreign], { env: { DATABASE_URL: pgUrl(other), DATA_DIR: "" } });
        expect(dumped.code).toBe(0);
        const refused = await runCli("admin.ts", ["restore", "--in", foreign], freshTarget);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/not of a Roundtable database .* Nothing was changed\./);
      } finally {
        await adminQuery(`DROP DATABASE IF EXISTS ${other} WITH (FORCE)`);
      }
      expect(await checksumsOf(pgUrl(fresh))).toEqual(before);
    },
    SLOW,
  );

  it(
    "without PostgreSQL's tools on PATH, does nothing and prints the exact commands",
    async () => {
      const out = path.join(files, "never-written.dump");
      const noTools = { PATH: path.join(files, "no-such-bin") }; // node itself is started by its full path
      const backup = await runCli("admin.ts", ["backup", "--out", out], source, noTools);
      expect(backup.code).toBe(1);
      expect(backup.stderr).toMatch(/pg_dump is not installed \(or not on PATH\), so nothing was done/);
      expect(backup.stderr).toContain(`pg_dump --format=custom --file=${out} --dbname=${source.env.DATABASE_URL}`);
      expect(fs.existsSync(out)).toBe(false);
      expect(fs.readdirSync(files).filter((f) => f.endsWith(".tmp"))).toEqual([]);

      const restore = await runCli("admin.ts", ["restore", "--in", backupFile], freshTarget, noTools);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain(`pg_restore --clean --if-exists --no-owner --single-transaction --dbname=${pgUrl(fresh)} ${backupFile}`);
    },
    SLOW,
  );
});
