// Logging in, in one or two steps. With two-factor on, the password step does not log in: it leaves in a
// fresh session only "the password was right for this account, at this time" (`pendingLogin`), which no
// route but the second step reads. Until the code, Passport sees no user, so the session is anonymous
// everywhere else (REST, sockets); it expires after a few minutes.
import type { Request } from "express";
import type { Actor } from "./actor.ts";
import { startSessionMeta } from "./session-list.ts";

/** How long the second step may follow the first. */
export const PENDING_LOGIN_MS = 5 * 60_000;

interface PendingLogin {
  userId: string;
  /** The account's session epoch at the password step: a password change in between voids the login. */
  epoch: number;
  at: number;
}

declare module "express-session" {
  interface SessionData {
    pendingLogin?: PendingLogin;
  }
}

const regenerate = (req: Request) => new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));

export async function logIn(req: Request, user: Actor): Promise<void> {
  // Passport 0.7 regenerates the session here: a new id, so a planted session id is worthless (and a
  // pending second step left in the old session is gone with it).
  await new Promise<void>((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
  // When it began and from where: for the idle and absolute timeouts and the owner's list of sessions.
  startSessionMeta(req);
}

/** The password was right and the account has two-factor: a new session that only awaits the code. */
export async function startPendingLogin(req: Request, login: { userId: string; epoch: number }): Promise<void> {
  await regenerate(req);
  req.session.pendingLogin = { ...login, at: Date.now() };
}

/** The password step this session passed, if it is still fresh; never removed here, so a mistyped code can be retried. */
export function readPendingLogin(req: Request): PendingLogin | null {
  const pending = req.session?.pendingLogin;
  if (!pending) return null;
  if (Date.now() - pending.at > PENDING_LOGIN_MS) {
    delete req.session.pendingLogin;
    return null;
  }
  return pending;
}
