// Sessions live in the database (never MemoryStore), so they survive restarts and are shared by every
// server process on the same database. Passport keeps only the user id in the session.
import session from "express-session";
import type { RequestHandler } from "express";
import { SqlSessionStore } from "./session-store.ts";
import type { PrismaClient } from "../db/index.ts";

export const SESSION_COOKIE = "roundtable.sid";
/** Over TLS (SESSION_COOKIE_HOST_PREFIX): browsers accept it only Secure, for "/", from this very host. */
export const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export function createSessionStore(prisma: PrismaClient): SqlSessionStore {
  return new SqlSessionStore(prisma, { sweepEveryMs: 10 * 60 * 1000 });
}

export function createSessionMiddleware(opts: {
  store: session.Store;
  /** The signing secret, then older ones still accepted (rotation: see SECURITY.md). */
  secret: string | string[];
  maxAgeMs: number;
  secureCookies: boolean;
  hostPrefix?: boolean;
}) {
  return session({
    name: opts.hostPrefix ? HOST_SESSION_COOKIE : SESSION_COOKIE,
    store: opts.store,
    secret: opts.secret,
    resave: false,
    // Only sessions that hold something (a CSRF token, a login) are stored.
    saveUninitialized: false,
    // Not rolling on every request: that read and then rewrote the session row before each answer.
    // extendSessions() below slides the expiry at most every SESSION_EXTEND_EVERY_MS instead.
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      // "auto" marks the cookie Secure when the request came over TLS (as seen through TRUST_PROXY).
      secure: opts.hostPrefix ? true : opts.secureCookies ? "auto" : false,
      path: "/",
      maxAge: opts.maxAgeMs,
    },
  });
}

/** How often a session in use has its expiry pushed back (and its cookie re-sent): at most this often. */
export const SESSION_EXTEND_EVERY_MS = 10 * 60 * 1000;

/**
 * Sliding expiry without a write per request: a session last extended more than SESSION_EXTEND_EVERY_MS
 * ago is marked changed (`extendedAt`), so express-session saves it with a fresh expiry and sends the
 * cookie again; otherwise nothing is written. The window lives in the session itself, so it holds
 * across server processes. Mount after the session middleware.
 */
export const extendSessions: RequestHandler = (req, _res, next) => {
  const s = req.session as (session.Session & { extendedAt?: number; csrfToken?: string }) | undefined;
  // Only a stored session (one holding a login or a CSRF token): marking a fresh one would store it.
  if (s && (req.user || s.csrfToken !== undefined)) {
    const now = Date.now();
    if (!s.extendedAt || now - s.extendedAt >= SESSION_EXTEND_EVERY_MS) s.extendedAt = now;
  }
  next();
};
