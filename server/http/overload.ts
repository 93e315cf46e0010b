// Shedding load early: when the process is overloaded, answer 503 with Retry-After at once instead of
// queueing work for seconds (and then failing it anyway). Overload is measured two ways: the event
// loop's delay (CPU saturated) and requests waiting for a database connection (database saturated).
// The same 503 answers transactions that could not get a connection in time (see isOverloadError in
// errors.ts): a clear "busy, retry", never a 500, and nothing was written.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { RequestHandler } from "express";
import { errors } from "./errors.ts";

export interface OverloadLimits {
  /** Shed when the event loop's p99 delay over the last interval exceeds this (ms). */
  eventLoopDelayMs: number;
  /** Shed when more requests than this wait for a database connection. */
  poolQueue: number;
}

export interface OverloadMonitor {
  overloaded(): boolean;
  /** Sheds requests while overloaded (health checks pass through). */
  middleware: RequestHandler;
  stop(): void;
}

export function createOverloadMonitor(limits: OverloadLimits, poolWaiting: () => number): OverloadMonitor {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let delayMs = 0;
  // The delay over the last half second, not since start: a past spike must not shed load for ever.
  const timer = setInterval(() => {
    delayMs = histogram.percentile(99) / 1e6;
    histogram.reset();
  }, 500);
  timer.unref();
  const overloaded = () => delayMs > limits.eventLoopDelayMs || poolWaiting() > limits.poolQueue;
  return {
    overloaded,
    middleware: (req, _res, next) => next(overloaded() && !req.path.startsWith("/health") ? errors.busy() : undefined),
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
