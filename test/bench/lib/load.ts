// HTTP load with autocannon (closed loop, `connections` at a time), and the server's CPU over the run.
// Signed in, each connection carries its own user's session cookie ("session per connection").
import autocannon from "autocannon";
import { cpuSecondsOf } from "./machine.ts";

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Answers other than 2xx, not counting the overload guard's 503s (shed). */
  non2xx: number;
  /** 503 with Retry-After: the overload guard shedding a queue deeper than production allows, not a failure. */
  shed: number;
  /** Server CPU (user + system, from /proc) per answered request, in ms. */
  cpuMsPerRequest: number;
}

const shedOf = (result: autocannon.Result) => (result as autocannon.Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats?.["503"]?.count ?? 0;

export async function load(opts: { url: string; connections: number; seconds: number; pid: number; cookies?: string[] }): Promise<LoadResult> {
  const cpuBefore = cpuSecondsOf(opts.pid);
  let next = 0;
  const cookies = opts.cookies;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    ...(cookies
      ? {
          requests: [
            {
              setupRequest: (req: { headers?: Record<string, string> }, context: { cookie?: string }) => {
                context.cookie ??= cookies[next++ % cookies.length];
                return { ...req, headers: { ...req.headers, cookie: context.cookie! } };
              },
            },
          ],
        }
      : {}),
  } as autocannon.Options);
  const cpu = cpuSecondsOf(opts.pid) - cpuBefore;
  const answered = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx - shedOf(result),
    shed: shedOf(result),
    cpuMsPerRequest: answered > 0 ? (cpu * 1000) / answered : NaN,
  };
}
