// The server under test: a real process in production mode on loopback, on the benchmark database.
import { startServerProcess, type ServerProcess } from "../../support/processes.ts";
import { BENCH_SECRET } from "./seed.ts";

export async function startBenchServer(env: Record<string, string>): Promise<ServerProcess> {
  return startServerProcess({
    NODE_ENV: "production",
    SESSION_SECRET: BENCH_SECRET,
    // Benchmarks measure the forum, not the rate limiter: limits far above the offered load.
    RATE_LIMIT_SCALE: "1000",
    ...env,
  });
}
