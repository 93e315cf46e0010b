// The session store: rows of the `sessions` table, read and written with plain SQL statements.
// It replaces @quixo3/prisma-session-store, which kept the same rows (id = sid, data = the session as
// JSON, expires_at) but went through Prisma's query builder: every signed-in request paid for compiling
// a findUnique (about 2.5 ms of CPU on this machine, issue 9's W2 and issue 12's W1), where this
// statement costs a tenth of that (and, read with readRows (db/direct-reads.ts), skips Prisma's runtime on PostgreSQL). connect-pg-simple would do the same on PostgreSQL but not on the
// embedded PGlite, which reaches the database only through Prisma's client.
import session from "express-session";
import type { PrismaClient } from "../db/index.ts";
import { Prisma } from "../db/generated/client.ts";
import { readRows } from "../db/direct-reads.ts";

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** How long a session without a cookie expiry lives (express-session always sets one; a safety net). */
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

export class SqlSessionStore extends session.Store {
  private readonly sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    opts: { sweepEveryMs?: number } = {},
  ) {
    super();
    if (opts.sweepEveryMs) {
      this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), opts.sweepEveryMs);
      this.sweeper.unref();
    }
  }

  override get(sid: string, cb: Callback<session.SessionData | null>) {
    readRows<{ data: string; expires_at: Date | string }>(this.prisma, Prisma.sql`SELECT data, expires_at FROM sessions WHERE sid = ${sid}`)
      .then(async ([row]) => {
        if (!row) return cb(undefined, null);
        if (new Date(row.expires_at).getTime() <= Date.now()) {
          await this.prisma.$executeRaw`DELETE FROM sessions WHERE sid = ${sid}`;
          return cb(undefined, null);
        }
        cb(undefined, JSON.parse(row.data) as session.SessionData);
      })
      .catch((err: unknown) => cb(err));
  }

  override set(sid: string, data: session.SessionData, cb?: Callback) {
    const expires = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + DEFAULT_TTL_MS);
    const json = JSON.stringify(data);
    this.prisma
      .$executeRaw`INSERT INTO sessions (id, sid, data, expires_at) VALUES (${sid}, ${sid}, ${json}, ${expires})
                   ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`
      .then(() => cb?.())
      .catch((err: unknown) => cb?.(err));
  }

  override destroy(sid: string | string[], cb?: Callback) {
    const sids = Array.isArray(sid) ? sid : [sid];
    this.prisma
      .$executeRaw`DELETE FROM sessions WHERE sid = ANY(${sids}::text[])`
      .then(() => cb?.())
      .catch((err: unknown) => cb?.(err));
  }

  /** Sliding expiry is done by extendSessions() (http/session.ts): touching writes nothing. */
  override touch(_sid: string, _data: session.SessionData, cb?: Callback) {
    cb?.();
  }

  /** Removes expired sessions (they are refused on read anyway; this keeps the table small). */
  async sweep(): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM sessions WHERE expires_at <= ${new Date()}`;
  }

  async shutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
