// `backup` and `restore` on the embedded database (PGlite in DATA_DIR). PGlite must never be open in two
// processes at once, so: backup asks the running server for the copy over its control channel, or, with no
// server running, takes the data folder's lock and makes the copy itself; restore takes the lock (so it
// refuses while a server runs, and no server can start half-way), checks the archive, and swaps folders.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { DataFolderLockedError, LOCK_NAME, lockDataDir, openDatabase } from "../db/index.ts";
import { readMigrations } from "../db/migrate.ts";
import { requestBackup } from "../db/control-channel.ts";
import { snapshotDataDir } from "../db/snapshot.ts";
import { describeArchive, describeFile, writeAtomically, writeStreamAtomically } from "./archive-file.ts";
import { CliError } from "./common.ts";

/** Entries of a data folder that belong to this process, not to the database (they also appear in dumps). */
const NOT_DATABASE = new Set([LOCK_NAME]);

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

export async function backupEmbedded(dataDirOption: string, outFile: string): Promise<string> {
  const dataDir = path.resolve(dataDirOption);
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new CliError(`There is no embedded database in ${dataDir} (DATA_DIR) to back up.`);
  }
  const out = path.resolve(outFile);
  if (isInside(out, fs.realpathSync(dataDir)) || isInside(out, dataDir)) {
    throw new CliError(`--out must be outside the data folder ${dataDir}: every later backup would contain it, and a restore would move it aside.`);
  }

  let fromServer;
  try {
    fromServer = await requestBackup(dataDir);
  } catch (err) {
    throw new CliError(`${(err as Error).message} Nothing was written.`);
  }
  if (fromServer) {
    const { header, body } = fromServer;
    if (header.dataDir !== fs.realpathSync(dataDir)) {
      body.destroy();
      throw new CliError(`The server on the control socket serves ${header.dataDir}, not ${dataDir}. Nothing was written.`);
    }
    const archive = await writeStreamAtomically(out, body, header).catch((err: Error) => {
      throw new CliError(`${err.message} Nothing was written to ${out}.`);
    });
    return `Backed up the embedded database in ${dataDir}: the running server copied it between two transactions.\n${describeArchive(archive)}`;
  }

  // No server answers: make the copy here, holding the folder so that no server starts meanwhile.
  let db;
  try {
    db = await openDatabase({ dataDir, waitForLock: false, migrate: false });
  } catch (err) {
    if (err instanceof DataFolderLockedError) {
      throw new CliError(
        `A Roundtable process holds ${dataDir} but does not answer on its control socket (it may be starting or stopping, ` +
          `or be an older version without one). Try again in a moment, or stop it and run backup again. Nothing was written.`,
      );
    }
    throw err;
  }
  try {
    const gz = await snapshotDataDir(db.pglite!);
    const archive = await writeAtomically(out, async (temp) => fs.writeFileSync(temp, gz));
    return `Backed up the embedded database in ${dataDir} (no server was running; this command held the folder while copying it).\n${describeArchive(archive)}`;
  } finally {
    await db.close();
  }
}

interface CheckedArchive {
  migrations: string[];
  pending: string[];
}

/**
 * Loads the archive into `staging` as a real PGlite data folder and reads its migration history: proof that
 * it is a Roundtable database this version can run. `staging` is removed again if that fails.
 */
async function loadAndCheck(archivePath: string, staging: string): Promise<CheckedArchive> {
  let tarball: Buffer;
  try {
    tarball = zlib.gunzipSync(fs.readFileSync(archivePath));
  } catch (err) {
    throw new CliError(`${archivePath} is not a backup: it is not a complete gzip file (${(err as Error).message}). Nothing was changed.`);
  }
  let applied: string[];
  try {
    const pglite = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([new Uint8Array(tarball)]) });
    try {
      const { rows: table } = await pglite.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
      const { rows } = table[0]?.present
        ? await pglite.query<{ name: string }>(
            `SELECT migration_name AS name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`,
          )
        : { rows: [] };
      applied = rows.map((r) => r.name);
    } finally {
      await pglite.close();
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    const why = (err as Error).message || String(err);
    throw new CliError(`${archivePath} does not open as a Roundtable database (${why}). Nothing was changed.`);
  }
  const known = readMigrations().map((m) => m.name);
  const unknown = applied.filter((name) => !known.includes(name));
  if (applied.length === 0 || unknown.length > 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new CliError(
      applied.length === 0
        ? `${archivePath} holds a PGlite database without Roundtable's migrations. Nothing was changed.`
        : `${archivePath} was made by a newer version of Roundtable (it has migration ${unknown[0]}, which this version does not know). Nothing was changed.`,
    );
  }
  for (const name of NOT_DATABASE) fs.rmSync(path.join(staging, name), { recursive: true, force: true });
  return { migrations: applied, pending: known.filter((name) => !applied.includes(name)) };
}

export async function restoreEmbedded(dataDirOption: string, inFile: string): Promise<string> {
  const dataDir = path.resolve(dataDirOption);
  const archivePath = path.resolve(inFile);
  if (!fs.statSync(archivePath, { throwIfNoEntry: false })?.isFile()) throw new CliError(`No backup file at ${archivePath}. Nothing was changed.`);

  let release;
  try {
    release = await lockDataDir(dataDir, false);
  } catch (err) {
    if (err instanceof DataFolderLockedError) {
      throw new CliError(`The server is running on ${dataDir} (it holds the data folder): stop it, then run restore again. Nothing was changed.`);
    }
    throw err;
  }
  try {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const staging = `${dataDir}.restoring-${stamp}`;
    const { migrations, pending } = await loadAndCheck(archivePath, staging);
    const { bytes, sha256 } = await describeFile(archivePath);

    // The swap. DATA_DIR itself stays, with our lock inside it, so no server can start until we are done;
    // everything else in it moves aside, and the restored folder's entries move in.
    const previous = fs.readdirSync(dataDir).filter((name) => !NOT_DATABASE.has(name));
    const aside = `${dataDir}.before-restore-${stamp}`;
    try {
      if (previous.length) {
        fs.mkdirSync(aside);
        for (const name of previous) fs.renameSync(path.join(dataDir, name), path.join(aside, name));
      }
      for (const name of fs.readdirSync(staging)) fs.renameSync(path.join(staging, name), path.join(dataDir, name));
      fs.rmdirSync(staging);
    } catch (err) {
      throw new CliError(
        `Restore stopped half-way while swapping folders (${(err as Error).message}). Do not start the server yet: ` +
          `the previous contents are in ${aside}, the checked backup in ${staging}, and ${dataDir} may hold a mix of both. ` +
          `Move everything out of ${dataDir} except ${LOCK_NAME}, then move the contents of one of the two folders in.`,
      );
    }

    return [
      `Restored ${archivePath} (${bytes.toLocaleString("en")} bytes, SHA-256 ${sha256}) into ${dataDir}.`,
      previous.length
        ? `The previous contents of the data folder were moved to ${aside}; delete it once the restored database is what you expected.`
        : `The data folder held no database before.`,
      pending.length
        ? `The backup has ${migrations.length} migrations; the server applies the ${pending.length} newer ones when it next starts.`
        : `The backup has all ${migrations.length} migrations of this version.`,
    ].join("\n");
  } finally {
    await release();
  }
}
