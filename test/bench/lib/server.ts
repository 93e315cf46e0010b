// The server under test: a real process in production mode on loopback, on the benchmark database.
import { startServerProcess, type ServerProcess } from "../../support/processes.ts";
import { BENCH_SECRET } from "./seed.ts";
import { MEMORY_PROBE_ARGS } from "./memory.ts";

export async function startBenchServer(env: Record<string, string>): Promise<ServerProcess> {
  return startServerProcess({
    NODE_ENV: "production",
    SESSION_SECRET: BENCH_SECRET,
    // Benchmarks measure the forum, not the rate limiter: limits far above the offered load.
    RATE_LIMIT_SCALE: "1000",
    // The seeded organisers have no second factor: production would hold their exports at 403
    // two_factor_required (the benchmarks measure exports, not enrolment).
    REQUIRE_STAFF_2FA: "false",
    ...env,
    // On a shared, loaded machine tsx's first compile of the server can take over a minute.
  }, {
    // Production's own overload limits (the tests relax them so a loaded CI machine does not shed).
    testSettings: false,
    // `BENCH_CPU_PROF=<dir>`: the server writes a V8 CPU profile there when it stops (open it in Chrome's
    // DevTools or speedscope) to see where a workload's time goes.
    // The memory probe lets W4 ask the server for its live memory (lib/memory-probe.cjs).
    nodeArgs: [...MEMORY_PROBE_ARGS, ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    timeoutMs: 240_000,
  });
}
