// Boot: database, session store, HTTP server, and an orderly stop. index.ts wires it to the process.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import type { Config } from "./config.ts";
import { openDatabase, type Database, type QueryListener } from "./db/index.ts";
import { getOrCreateSessionSecret } from "./db/settings.ts";
import { createApp, type AppDeps } from "./app.ts";
import { createSessionStore } from "./http/session.ts";
import type { AppContext } from "./context.ts";
import { startLifecycleScheduler } from "./consultations/lifecycle.ts";
import { Redis } from "ioredis";
import { createAdapter } from "@socket.io/redis-adapter";
import { attachRealtime, type Realtime } from "./realtime/server.ts";
import { startEventPruning } from "./events/retention.ts";
import { startControlChannel } from "./db/control-channel.ts";
import type { ExportJobRunner } from "./exports/job-runner.ts";
import { announced } from "./exports/job-progress.ts";
import { errors } from "./http/errors.ts";
import { rerenderStoredDocuments } from "./content/rerender.ts";
import type { MailSender } from "./mail/sender.ts";

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  ctx: AppContext;
  httpServer: http.Server;
  realtime: Realtime;
  exportJobs: ExportJobRunner;
  mailSender: MailSender;
  /** Fails readiness, stops accepting work, lets requests in flight finish (up to graceMs), then closes the database. */
  close(graceMs?: number): Promise<void>;
}

export async function startServer(
  config: Config,
  opts: { pglite?: PGlite; waitForLock?: boolean; rateLimits?: AppDeps["rateLimits"]; onQuery?: QueryListener } = {},
): Promise<RunningServer> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pglite: opts.pglite,
    waitForLock: opts.waitForLock,
    onQuery: opts.onQuery,
    poolSize: config.databasePoolSize,
  });
  // With REDIS_URL: rate limits shared by every process, and Socket.IO's Redis adapter.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }) : undefined;
  const sessionStore = createSessionStore(db.prisma);
  const sessionSecret = config.sessionSecret ?? (await getOrCreateSessionSecret(db.prisma));
  // Before serving: pages must not show HTML an older renderer stored (a failure only leaves it so).
  await rerenderStoredDocuments(db.prisma).catch((err: unknown) => console.error("re-rendering stored backgrounds failed:", err));
  let stage: "serving" | "draining" | "closing" = "serving";
  const created = createApp({
    config,
    prisma: db.prisma,
    sessionStore,
    sessionSecret,
    redis,
    rateLimits: opts.rateLimits,
    lifecycle: () => stage,
    poolWaiting: () => db.pool?.waitingCount ?? 0,
    scopeRequests: opts.onQuery !== undefined,
  });

  const { app, ctx, exportJobs, mailSender } = created;
  const httpServer = http.createServer(app);
  // Idle keep-alive connections are closed by the client or the balancer first (they use shorter timeouts),
  // never by us just as they send a request on one: that race shows as a reset connection.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  // Requests Node's HTTP parser refuses never reach Express: a URL or headers over its 16 KiB limit (Node
  // would answer a bare 431), a malformed request line or header (a bare 400). They get the one error body
  // too. 400 rather than 431 because every status we send comes from one table of error codes.
  httpServer.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    // Node's own rule (socketOnError in lib/_http_server.js): answer unless a response on this socket has
    // already begun, which an error response would corrupt; then just close it.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) return void socket.destroy();
    const message =
      err.code === "HPE_HEADER_OVERFLOW" ? "The URL and headers of the request are too large."
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "The request took too long to arrive."
      : "The request is malformed.";
    const body = JSON.stringify(errors.invalidInput(message).toBody());
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  const subscriber = redis?.duplicate();
  const realtime = await attachRealtime({
    httpServer,
    prisma: db.prisma,
    eventsPrisma: db.eventsPrisma,
    listen: db.listen,
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
  const stopPruning = startEventPruning(db.prisma, config.eventRetentionMs);
  // Embedded database only: lets `npm run admin -- backup` get a consistent copy from this process.
  const closeControlChannel = await startControlChannel(db);
  // PGlite is opened by one process only: a job left running there belongs to a process that is gone.
  exportJobs.start({ exclusiveDatabase: db.kind === "pglite" });
  mailSender.start();
  ctx.campaignGrouper.start();

  // The stop, in order: readiness fails (and the balancer gets shutdownDrainMs to notice, while requests
  // are still served); then new requests get 503 and the port closes; sockets are told to reconnect;
  // requests in flight finish (up to graceMs); then the database closes. index.ts bounds the whole.
  let closing: Promise<void> | undefined;
  const close = (graceMs = config.shutdownGraceMs) =>
    (closing ??= (async () => {
      stage = "draining";
      if (config.shutdownDrainMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDrainMs));
      stage = "closing";
      stopScheduler();
      stopPruning();
      created.overload.stop();
      // At once: no more claims, and running jobs go back to the queue for another process.
      const jobsStopped = exportJobs.stop();
      const mailStopped = mailSender.stop();
      const groupingStopped = ctx.campaignGrouper.stop();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await realtime.close();
      const timer = setTimeout(() => httpServer.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      await jobsStopped;
      await mailStopped;
      await groupingStopped;
      await announced();
      // After the requests in flight: summary downloads render in the same pool.
      await exportJobs.pool.close();
      await sessionStore.shutdown();
      await closeControlChannel();
      await db.close();
      subscriber?.disconnect();
      redis?.disconnect();
    })());

  return { url: `http://127.0.0.1:${port}`, port, db, ctx, httpServer, realtime, exportJobs, mailSender, close };
}
