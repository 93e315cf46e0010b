// Passport: the local strategy checks credentials; the session stores only the user id, and every
// request re-reads the account so that suspension takes effect at once.
import { Passport } from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import type { PrismaClient } from "../db/index.ts";
import { authenticate, loadSessionUser } from "./service.ts";
import type { Actor } from "./actor.ts";
import { readSessionUserRef, type SessionUserRef } from "./sessions.ts";

export function createPassport(prisma: PrismaClient, opts: { requireStaffTwoFactor: boolean }) {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: "email", passwordField: "password", session: true }, (email, password, done) => {
      authenticate(prisma, email, password).then(
        (user) => done(null, user ? { id: user.id, isAdmin: user.isAdmin } : false),
        (err) => done(err),
      );
    }),
  );
  // The epoch is read when the session is made, so a session made before a password change or a
  // suspension can never come back to life (see sessions.ts).
  passport.serializeUser<SessionUserRef>((user, done) => {
    const { id } = user as Actor;
    prisma.user.findUnique({ where: { id }, select: { sessionEpoch: true } }).then(
      (row) => (row ? done(null, { id, epoch: row.sessionEpoch }) : done(new Error("serializeUser: no such account"))),
      (err) => done(err),
    );
  });
  passport.deserializeUser<unknown>((stored, done) => {
    const ref = readSessionUserRef(stored);
    if (!ref) return done(null, false);
    loadSessionUser(prisma, ref.id, ref.epoch, opts).then(
      (user) => done(null, user ?? false),
      (err) => done(err),
    );
  });
  return passport;
}
export type AppPassport = ReturnType<typeof createPassport>;
