// The server serves the built client (dist/client). Build it when it is missing or older than its
// sources; `npm run test:all` builds first, so then this is only a freshness check.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import lockfile from "proper-lockfile";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const BUILT = path.join(ROOT, "dist/client/index.html");
/** What the bundle is made of: the client, the shared code it imports, the build configuration. */
const SOURCES = [path.join(ROOT, "client"), path.join(ROOT, "shared"), path.join(ROOT, "vite.config.ts")];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

function isFresh(): boolean {
  const built = fs.statSync(BUILT, { throwIfNoEntry: false });
  return !!built && built.mtimeMs >= Math.max(...SOURCES.map(newestMtime));
}

export async function ensureClientBuilt(): Promise<void> {
  if (isFresh()) return;
  // Test files run in parallel workers: one builds while the others wait (Vite empties dist/client first).
  const lockTarget = path.join(ROOT, "test/.tmp/client-build");
  fs.mkdirSync(path.dirname(lockTarget), { recursive: true });
  const release = await lockfile.lock(lockTarget, { realpath: false, stale: 120_000, retries: { retries: 240, minTimeout: 250, maxTimeout: 500 } });
  try {
    if (isFresh()) return;
    const { build } = await import("vite");
    // Vitest sets NODE_ENV=test; the bundle must be the production one the server really serves.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    // Built beside the served directory and swapped in, so that servers of other test files, which
    // serve dist/client meanwhile, never find it empty half-way through a build.
    const outDir = path.join(ROOT, `dist/client.building-${process.pid}`);
    try {
      await build({
        configFile: path.join(ROOT, "vite.config.ts"),
        root: path.join(ROOT, "client"),
        mode: "production",
        logLevel: "warn",
        build: { outDir, emptyOutDir: true },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const served = path.join(ROOT, "dist/client");
    const old = path.join(ROOT, `dist/client.old-${process.pid}`);
    if (fs.existsSync(served)) fs.renameSync(served, old);
    fs.renameSync(outDir, served);
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    await release();
  }
}
