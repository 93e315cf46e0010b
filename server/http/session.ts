// Sessions live in the database (never MemoryStore), so they survive restarts and are shared by every
// server process on the same database. Passport keeps only the user id in the session.
import session from "express-session";
import { PrismaSessionStore } from "@quixo3/prisma-session-store";
import type { PrismaClient } from "../db/index.ts";

export const SESSION_COOKIE = "roundtable.sid";

export function createSessionStore(prisma: PrismaClient): PrismaSessionStore {
  return new PrismaSessionStore(prisma as never, {
    checkPeriod: 10 * 60 * 1000, // sweep expired sessions every 10 minutes
    dbRecordIdIsSessionId: true,
    logger: false,
  });
}

export function createSessionMiddleware(opts: {
  store: session.Store;
  secret: string;
  maxAgeMs: number;
  secureCookies: boolean;
}) {
  return session({
    name: SESSION_COOKIE,
    store: opts.store,
    secret: opts.secret,
    resave: false,
    // Only sessions that hold something (a CSRF token, a login) are stored.
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      // "auto" marks the cookie Secure when the request came over TLS (as seen through TRUST_PROXY).
      secure: opts.secureCookies ? "auto" : false,
      maxAge: opts.maxAgeMs,
    },
  });
}
