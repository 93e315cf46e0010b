// Once per run: a migrated PGlite snapshot and, for TEST_DB=postgres, a migrated template database.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations } from "../../server/db/migrate.ts";
import { openDatabase } from "../../server/db/index.ts";
import type { TestProject } from "vitest/node";
import { TEST_DB, PGLITE_SNAPSHOT, adminQuery, pgUrl } from "./db.ts";

export default async function setup(project: TestProject) {
  fs.mkdirSync(path.dirname(PGLITE_SNAPSHOT), { recursive: true });
  const pglite = await PGlite.create();
  await applyMigrations(pglite);
  const dump = await pglite.dumpDataDir("gzip");
  fs.writeFileSync(PGLITE_SNAPSHOT, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();

  if (TEST_DB !== "postgres") return;
  const template = `rt_template_${crypto.randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${template}`);
  const db = await openDatabase({ databaseUrl: pgUrl(template) });
  await db.close();
  project.provide("pgTemplate", template);
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  };
}
