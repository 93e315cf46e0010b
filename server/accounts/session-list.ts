// One's active sessions: listed, ended one by one, or all but this one. Sessions live in the store
// (express-session's table); what we add to each logged-in session is `meta` (when it began, when it was
// last used, from what user agent), which also drives the idle and absolute timeouts. A session is named
// to its owner by a hash of its id, never the id itself (that would let a page script steal it).
import crypto from "node:crypto";
import type { Request, RequestHandler } from "express";
import type session from "express-session";
import type { PrismaClient } from "../db/index.ts";
import { inTransaction } from "../events/record.ts";
import { errors } from "../http/errors.ts";
import { readSessionUserRef, endUserSessions, keepThisSession, sessionRowsOf } from "./sessions.ts";
import { sessionEnded } from "./service.ts";
import type { Actor } from "./actor.ts";

export interface SessionMeta {
  createdAt: number;
  lastSeenAt: number;
  userAgent: string | null;
}

declare module "express-session" {
  interface SessionData {
    meta?: SessionMeta;
  }
}

/** lastSeenAt is written at most this often: a session save per request would be a write per request. */
const TOUCH_EVERY_MS = 60_000;

export const sessionHandle = (sid: string) => crypto.createHash("sha256").update(sid).digest("base64url").slice(0, 22);

/** Also runs on Socket.IO handshakes, where `req` is a bare http.IncomingMessage: Node's API only. */
export function startSessionMeta(req: Request): void {
  const now = Date.now();
  req.session.meta = { createdAt: now, lastSeenAt: now, userAgent: req.headers["user-agent"]?.slice(0, 300) ?? null };
}

/**
 * After Passport: a logged-in session unused for longer than the idle timeout, or older than the absolute
 * one, is logged out on the server (whatever the cookie says), and the request goes on as anonymous.
 */
export function enforceSessionTimeouts(opts: { idleMs: number; absoluteMs: number }): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next();
    const now = Date.now();
    const meta = req.session.meta;
    if (!meta) {
      // A session from before these timeouts: it starts counting now.
      startSessionMeta(req);
      return next();
    }
    if (now - meta.lastSeenAt > opts.idleMs || now - meta.createdAt > opts.absoluteMs) {
      req.session.destroy((err) => {
        if (err) return next(err);
        // The session is gone, so is the login: the request goes on as anonymous.
        req.user = undefined;
        next();
      });
      return;
    }
    if (now - meta.lastSeenAt > TOUCH_EVERY_MS) meta.lastSeenAt = now;
    next();
  };
}

interface StoredSession {
  sid: string;
  userId: string;
  epoch: number;
  meta: SessionMeta | null;
  expiresAt: Date;
}

/** The account's sessions in the store that are still valid (unexpired, of the current epoch). */
async function findUserSessions(prisma: PrismaClient, userId: string): Promise<StoredSession[]> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { sessionEpoch: true } });
  if (!user) return [];
  const rows = await prisma.session.findMany({ where: { ...sessionRowsOf(userId), expiresAt: { gt: new Date() } } });
  const out: StoredSession[] = [];
  for (const row of rows) {
    let data: { passport?: { user?: unknown }; meta?: SessionMeta };
    try {
      data = JSON.parse(row.data);
    } catch {
      continue;
    }
    const ref = readSessionUserRef(data.passport?.user);
    if (!ref || ref.id !== userId || ref.epoch !== user.sessionEpoch) continue;
    out.push({ sid: row.sid, userId, epoch: ref.epoch, meta: data.meta ?? null, expiresAt: row.expiresAt });
  }
  return out;
}

export async function listMySessions(prisma: PrismaClient, actor: Actor, currentSid: string) {
  const sessions = await findUserSessions(prisma, actor.id);
  return {
    items: sessions
      .map((s) => ({
        id: sessionHandle(s.sid),
        current: s.sid === currentSid,
        userAgent: s.meta?.userAgent ?? null,
        createdAt: s.meta ? new Date(s.meta.createdAt).toISOString() : null,
        lastSeenAt: s.meta ? new Date(s.meta.lastSeenAt).toISOString() : null,
        expiresAt: s.expiresAt.toISOString(),
      }))
      .sort((a, b) => Number(b.current) - Number(a.current) || (b.lastSeenAt ?? "").localeCompare(a.lastSeenAt ?? "")),
  };
}

/** Ends one of the actor's sessions, and its sockets. Returns whether it was the current one. */
export async function endMySession(prisma: PrismaClient, store: session.Store, actor: Actor, handle: string, currentSid: string): Promise<boolean> {
  const target = (await findUserSessions(prisma, actor.id)).find((s) => sessionHandle(s.sid) === handle);
  if (!target) throw errors.notFound("Session");
  await new Promise<void>((resolve, reject) => store.destroy(target.sid, (err) => (err ? reject(err) : resolve())));
  await sessionEnded(prisma, actor.id, target.sid);
  return target.sid === currentSid;
}

/** Every other session of the account ends, with its sockets, on every process; this one stays. */
export async function endMyOtherSessions(prisma: PrismaClient, req: Request, actor: Actor): Promise<void> {
  const epoch = await inTransaction(prisma, (tx) => endUserSessions(tx, actor.id, "logged_out_everywhere", req.sessionID));
  keepThisSession(req, actor.id, epoch);
}
