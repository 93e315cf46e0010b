// Passport: the local strategy checks credentials; the session stores only the user id, and every
// request re-reads the account so that suspension takes effect at once.
import { Passport } from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import type { PrismaClient } from "../db/index.ts";
import { authenticate, loadSessionUser } from "./service.ts";
import type { Actor } from "./actor.ts";

export function createPassport(prisma: PrismaClient) {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: "email", passwordField: "password", session: true }, (email, password, done) => {
      authenticate(prisma, email, password).then(
        (user) => done(null, user ? { id: user.id, isAdmin: user.isAdmin } : false),
        (err) => done(err),
      );
    }),
  );
  passport.serializeUser<string>((user, done) => done(null, (user as Actor).id));
  passport.deserializeUser<string>((id, done) => {
    loadSessionUser(prisma, id).then(
      (user) => done(null, user ?? false),
      (err) => done(err),
    );
  });
  return passport;
}
export type AppPassport = ReturnType<typeof createPassport>;
