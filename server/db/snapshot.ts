// A consistent copy of an embedded database's data folder, as a gzipped tarball: what `backup` writes and
// `restore` reads, whether the running server or the CLI makes it.
import { promisify } from "node:util";
import zlib from "node:zlib";
import { PGlite, protocol } from "@electric-sql/pglite";

const gzip = promisify(zlib.gzip);

/**
 * Copies the data folder between two transactions, never inside one.
 *
 * Why the transaction queue (read in @electric-sql/pglite 0.5's src/pglite.ts and src/base.ts): PGlite has
 * two mutexes. `dumpDataDir()` takes only the query mutex, which every single statement takes, also the
 * statements inside `transaction()`; between two statements of a transaction it is free, so a dump on its
 * own could copy the files half-way through one. `transaction()`, `query()` and `exec()` all hold the
 * transaction mutex, and a transaction holds it from BEGIN to COMMIT; Prisma's interactive transactions go
 * through `transaction()` (pglite-prisma-adapter's startTransaction). So we take the transaction mutex
 * first: everything that writes waits until the copy is done, and no transaction is open during it.
 *
 * Inside, CHECKPOINT writes every committed change from shared buffers into the data files, so recovery
 * has nothing to replay when the copy is loaded. It goes through `execProtocol` because `exec()` would wait
 * for the transaction mutex we already hold. The copy itself is a synchronous walk of the folder;
 * compression happens afterwards, outside the lock, so requests wait for the copy only.
 *
 * Honest note: even without the queue and the checkpoint the copy would be crash-consistent (one
 * synchronous image of the folder, which WAL recovery brings to the last commit), and the consistency test
 * in test/cli/backup-embedded.test.ts passes either way. We want a copy that relies on no recovery and is
 * taken where no transaction is open.
 */
export async function snapshotDataDir(pglite: PGlite): Promise<Buffer> {
  const tarball = await pglite._runExclusiveTransaction(async () => {
    if (pglite.isInTransaction()) throw new Error("A transaction is open outside PGlite's transaction queue; not copying the database half-way through it.");
    await pglite.runExclusive(() => pglite.execProtocol(protocol.serialize.query("CHECKPOINT")));
    return new Uint8Array(await (await pglite.dumpDataDir("none")).arrayBuffer());
  });
  return gzip(tarball);
}
