// Asking a benchmarked process for its live memory (see memory-probe.cjs, which it preloads).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const PROBE = new URL("./memory-probe.cjs", import.meta.url).pathname;
/** Written by every probed process (one at a time is asked); the env var is inherited by children. */
const FILE = path.join(os.tmpdir(), `rt-bench-memory-${process.pid}.json`);
process.env.BENCH_MEMORY_FILE = FILE;

export const MEMORY_PROBE_ARGS = ["--expose-gc", "--require", PROBE];

/** Heap in use plus memory outside the heap (buffers), in MiB, after a full collection in `pid`. */
export async function liveMemoryMiB(pid: number): Promise<number> {
  fs.rmSync(FILE, { force: true });
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      const m = JSON.parse(fs.readFileSync(FILE, "utf8")) as { heapUsed: number; external: number };
      return (m.heapUsed + m.external) / 2 ** 20;
    } catch {
      /* not written yet */
    }
  }
  throw new Error(`process ${pid} did not report its memory`);
}
