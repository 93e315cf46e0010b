// Socket.IO on the same HTTP server and the same session as the REST API (the official express-session
// pattern: the session and Passport middlewares run on the handshake). Anonymous sockets may read what
// anonymous users may read. Origins are checked in allowRequest, because CORS alone does not stop a
// WebSocket. With REDIS_URL, the Redis adapter lets every process reach every socket (disconnects on
// logout, resets when access changes, presence counts); events themselves are delivered by each
// process's dispatcher from the shared event log (see dispatcher.ts).
import type http from "node:http";
import type { RequestHandler } from "express";
import { Server } from "socket.io";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimiterRes } from "rate-limiter-flexible";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import type { Listen } from "../events/tail.ts";
import { AppError, toAppError } from "../http/errors.ts";
import { SOCKET_MAX_BYTES, type Ack, type ClientToServerEvents, type ServerToClientEvents } from "../../shared/events.ts";
import { handlers, REPLIED, type HandlerContext, type SocketData } from "./handlers.ts";
import { rooms } from "./rooms.ts";
import { startDispatcher, type Dispatcher } from "./dispatcher.ts";
import { emitEvent, type AppServer, type AppSocket } from "./types.ts";

export interface RealtimeOptions {
  httpServer: http.Server;
  prisma: PrismaClient;
  /** For the event tail and the reads deciding deliveries (its own connections on PostgreSQL). */
  eventsPrisma: PrismaClient;
  /** LISTEN for other processes' commits (PostgreSQL). */
  listen?: Listen;
  sessionMiddleware: RequestHandler;
  passportInitialize: RequestHandler;
  passportSession: RequestHandler;
  /** Extra origins allowed to open sockets (the server's own host is always allowed). */
  allowedOrigins: string[];
  limiter: RateLimiterAbstract;
  /** A Redis adapter factory when REDIS_URL is set. */
  adapter?: Parameters<Server["adapter"]>[0];
  dispatchPollMs?: number;
}

export interface Realtime {
  io: AppServer;
  dispatcher: Dispatcher;
  /** Stops delivering and tells every socket to reconnect (elsewhere, or here once the server is back). */
  close(): Promise<void>;
}

/** Browsers send Origin on WebSocket and cross-site requests: it must be our own host or allow-listed. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true; // not a browser (no ambient-cookie risk from another site)
  try {
    const url = new URL(origin);
    return url.host === host || allowed.includes(url.origin);
  } catch {
    return false;
  }
}

// Middlewares for the handshake only, as in Socket.IO's express-session example.
function onlyForHandshake(middleware: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const isHandshake = (req as unknown as { _query: { sid?: string } })._query.sid === undefined;
    if (isHandshake) middleware(req, res, next);
    else next();
  };
}

const WHITELISTED_CODES = new Set(["invalid_input", "unauthenticated", "forbidden", "not_found", "rate_limited", "conflict"]);

function toAck(err: unknown): Ack<never> {
  const appError = err instanceof AppError ? err : toAppError(err);
  // Only whitelisted messages reach a client; anything unexpected becomes a generic error.
  if (!WHITELISTED_CODES.has(appError.code)) return { error: { code: "internal", message: "Something went wrong." } };
  return { error: { code: appError.code, message: appError.message } };
}

export async function attachRealtime(opts: RealtimeOptions): Promise<Realtime> {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(opts.httpServer, {
    maxHttpBufferSize: SOCKET_MAX_BYTES,
    serveClient: false,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req.headers.origin, req.headers.host, opts.allowedOrigins);
      callback(ok ? null : "origin not allowed", ok);
    },
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
  });
  io.engine.use(onlyForHandshake(opts.sessionMiddleware));
  io.engine.use(onlyForHandshake(opts.passportInitialize));
  io.engine.use(onlyForHandshake(opts.passportSession));

  const countViewers = async (threadId: string) => {
    const sockets = await io.in(rooms.threadPresence(threadId)).fetchSockets();
    return new Set(sockets.map((s) => s.data.userId ?? `anon:${s.id}`)).size;
  };
  // Joins and leaves come in bursts, and each count is a round trip: counts computed concurrently could be
  // emitted out of order (a stale "1" after the "2"). So announcements per thread are coalesced into one,
  // counted after the burst settles.
  const presenceTimers = new Map<string, NodeJS.Timeout>();
  const announcePresence = (threadId: string): void => {
    clearTimeout(presenceTimers.get(threadId));
    presenceTimers.set(
      threadId,
      setTimeout(() => {
        presenceTimers.delete(threadId);
        countViewers(threadId).then(
          (viewers) => emitEvent(io.to(rooms.threadPresence(threadId)), "presence:updated", 0, { threadId, viewers }),
          () => {},
        );
      }, 50),
    );
  };

  const dispatcher = await startDispatcher(opts.eventsPrisma, io, { listen: opts.listen, pollMs: opts.dispatchPollMs });

  io.on("connection", (socket: AppSocket) => {
    const req = socket.request as unknown as { user?: Actor; sessionID?: string };
    const actor: Actor | null = req.user ? { id: req.user.id, isAdmin: req.user.isAdmin, ...(req.user.staffLocked ? { staffLocked: true } : {}) } : null;
    socket.data = {
      userId: actor?.id ?? null,
      isAdmin: actor?.isAdmin ?? false,
      sessionId: actor ? (req.sessionID ?? null) : null,
      connectedAtSeq: dispatcher.delivered(),
      joined: {},
    };
    if (actor) void socket.join(rooms.user(actor.id));
    if (actor && req.sessionID) void socket.join(rooms.session(req.sessionID));

    // Every incoming event goes through here: unknown names, wrong shapes and floods get an error ack;
    // nothing a client sends can throw out of this function. Handlers live in a Map, so names like
    // "__proto__" or "constructor" find nothing.
    socket.onAny((name: unknown, ...args: unknown[]) => {
      const ack = typeof args.at(-1) === "function" ? (args.pop() as (a: Ack<unknown>) => void) : undefined;
      const reply = (a: Ack<unknown>) => {
        try {
          ack?.(a);
        } catch {
          /* a broken ack callback is the client's problem */
        }
      };
      const handler = typeof name === "string" ? handlers.get(name) : undefined;
      if (!handler) {
        reply({ error: { code: "invalid_input", message: "Unknown event." } });
        return;
      }
      const ctx: HandlerContext = { prisma: opts.prisma, socket, actor, dispatcher, reply, countViewers, announcePresence };
      opts.limiter
        .consume(actor?.id ?? `ip:${socket.handshake.address}`)
        .then(
          () => handler(ctx, args[0]),
          (err) => {
            if (err instanceof RateLimiterRes) throw new AppError("rate_limited", "Too many requests; slow down.", undefined, Math.ceil(err.msBeforeNext / 1000));
            throw err;
          },
        )
        .then(
          (data) => data !== REPLIED && reply({ data }),
          (err) => reply(toAck(err)),
        );
    });

    socket.on("disconnecting", () => {
      const threads = [...socket.rooms].filter((r) => /^thread:[^:]+$/.test(r)).map((r) => r.slice("thread:".length));
      // After the socket has left, recount.
      setImmediate(() => threads.forEach(announcePresence));
    });
  });

  return {
    io,
    dispatcher,
    async close() {
      await dispatcher.stop();
      presenceTimers.forEach((timer) => clearTimeout(timer));
      // Not disconnect(): a client told "io server disconnect" waits before reconnecting; a closed
      // transport makes it reconnect at once (to another process behind the balancer, or here later).
      emitEvent(io.local, "server:restarting", 0, { reason: "shutdown" });
      for (const socket of io.of("/").sockets.values()) socket.conn.close();
      // Not io.close(): that would also close the HTTP server, which shuts down on its own schedule.
      io.engine.close();
      await io.of("/").adapter.close?.();
    },
  };
}
