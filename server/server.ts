// Boot: database, session store, HTTP server, and an orderly stop. index.ts wires it to the process.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/index.ts";
import { getOrCreateSessionSecret } from "./db/settings.ts";
import { createApp, type AppDeps } from "./app.ts";
import { createSessionStore } from "./http/session.ts";
import type { AppContext } from "./context.ts";
import { startLifecycleScheduler } from "./consultations/lifecycle.ts";
import { Redis } from "ioredis";
import { createAdapter } from "@socket.io/redis-adapter";
import { attachRealtime, type Realtime } from "./realtime/server.ts";
import type { ExportJobRunner } from "./exports/job-runner.ts";

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  ctx: AppContext;
  httpServer: http.Server;
  realtime: Realtime;
  exportJobs: ExportJobRunner;
  /** Stops accepting work, lets requests in flight finish (up to graceMs), then closes the database. */
  close(graceMs?: number): Promise<void>;
}

export async function startServer(
  config: Config,
  opts: { pglite?: PGlite; waitForLock?: boolean; rateLimits?: AppDeps["rateLimits"]; onQuery?: (sql: string) => void } = {},
): Promise<RunningServer> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pglite: opts.pglite,
    waitForLock: opts.waitForLock,
    onQuery: opts.onQuery,
  });
  // With REDIS_URL: rate limits shared by every process, and Socket.IO's Redis adapter.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }) : undefined;
  const sessionStore = createSessionStore(db.prisma);
  const sessionSecret = config.sessionSecret ?? (await getOrCreateSessionSecret(db.prisma));
  let shuttingDown = false;
  const created = createApp({
    config,
    prisma: db.prisma,
    sessionStore,
    sessionSecret,
    redis,
    rateLimits: opts.rateLimits,
    isShuttingDown: () => shuttingDown,
  });

  const { app, ctx, exportJobs } = created;
  const httpServer = http.createServer(app);
  const subscriber = redis?.duplicate();
  const realtime = await attachRealtime({
    httpServer,
    prisma: db.prisma,
    events: ctx.events,
    sessionMiddleware: created.sessionMiddleware,
    passportInitialize: created.passportInitialize,
    passportSession: created.passportSession,
    allowedOrigins: config.allowedOrigins,
    limiter: ctx.rateLimiters.socketPerUser,
    adapter: redis && subscriber ? createAdapter(redis, subscriber) : undefined,
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const stopScheduler = startLifecycleScheduler(db.prisma, config.schedulerIntervalMs);
  // PGlite is opened by one process only: a job left running there belongs to a process that is gone.
  exportJobs.start({ exclusiveDatabase: db.kind === "pglite" });

  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000) =>
    (closing ??= (async () => {
      shuttingDown = true;
      stopScheduler();
      // At once: no more claims, and running jobs go back to the queue for another process.
      const jobsStopped = exportJobs.stop();
      await realtime.close();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const timer = setTimeout(() => httpServer.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      await jobsStopped;
      // After the requests in flight: summary downloads render in the same pool.
      await exportJobs.pool.close();
      await sessionStore.shutdown();
      await db.close();
      subscriber?.disconnect();
      redis?.disconnect();
    })());

  return { url: `http://127.0.0.1:${port}`, port, db, ctx, httpServer, realtime, exportJobs, close };
}
