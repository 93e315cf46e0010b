import { Router, type Request, type Response, type NextFunction } from "express";
import { zLoginBody, zRegisterBody } from "../../shared/schemas/accounts.ts";
import type { AppContext } from "../context.ts";
import { errors } from "../http/errors.ts";
import { parseBody, parseParam } from "../http/validate.ts";
import { actorOf, requireActor, type Actor } from "./actor.ts";
import { emailKey, getMe, registerNewAccount, sessionEnded } from "./service.ts";
import { clientIp } from "../http/rate-limit.ts";
import { zString } from "../../shared/schemas/common.ts";
import { requestLanguage } from "../i18n/messages.ts";

/** A session as its owner names it: a hash of the session id (session-list.ts), never the id. */
const zSessionHandle = zString().regex(/^[A-Za-z0-9_-]{22}$/, "is not a session of yours");
import { endMyOtherSessions, endMySession, listMySessions } from "./session-list.ts";
import { logIn, startPendingLogin } from "./two-factor-login.ts";
import { hasTwoFactor, holdsStaffRole } from "./two-factor.ts";
import { beforeLoginAttempt, loginFailed, loginSucceeded } from "./login-throttle.ts";

function authenticateLocal(ctx: AppContext, req: Request, res: Response, next: NextFunction): Promise<Actor | false> {
  return new Promise((resolve, reject) => {
    ctx.passport.authenticate("local", (err: unknown, user: Actor | false) => (err ? reject(err) : resolve(user)))(req, res, next);
  });
}

export function accountRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post("/auth/register", ctx.limits.register, async (req, res) => {
    const body = parseBody(zRegisterBody, req.body);
    // The verification mail is in the language the person is reading in.
    const outcome = await registerNewAccount(ctx.prisma, body, { language: requestLanguage(req) });
    if (outcome.created) {
      await logIn(req, { id: outcome.user.id, isAdmin: outcome.user.isAdmin });
      return void res.status(201).json({ user: await getMe(ctx.prisma, outcome.user.id) });
    }
    // The email already has an account: the same answer as a registration (a fresh session cookie, a 201
    // with an account's shape), nothing created and nobody logged in, so registering cannot probe emails.
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    res.status(201).json({ user: outcome.lookalike });
  });

  router.post("/auth/login", ctx.limits.login, async (req, res, next) => {
    const { email } = parseBody(zLoginBody, req.body);
    const account = emailKey(email);
    const ip = clientIp(req);
    await beforeLoginAttempt(ctx.rateLimiters, account, ip);
    const user = await authenticateLocal(ctx, req, res, next);
    if (!user) {
      await loginFailed(ctx.rateLimiters, account, ip);
      throw errors.invalidCredentials();
    }
    await loginSucceeded(ctx.rateLimiters, account, ip);
    if (await hasTwoFactor(ctx.prisma, user.id)) {
      // Half-way: nobody is logged in until the code (POST /auth/login/two-factor, two-factor-routes.ts).
      const { sessionEpoch } = await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionEpoch: true } });
      await startPendingLogin(req, { userId: user.id, epoch: sessionEpoch });
      return void res.json({ user: null, twoFactorRequired: true });
    }
    await logIn(req, user);
    res.json({ user: await getMe(ctx.prisma, user.id) });
  });

  router.post("/auth/logout", async (req, res) => {
    const userId = (req.user as Actor | undefined)?.id;
    const sessionId = req.sessionID;
    await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
    // Passport keeps an emptied session; destroy it so nothing of it stays in the store.
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    if (userId) await sessionEnded(ctx.prisma, userId, sessionId);
    res.clearCookie(ctx.sessionCookieName, { path: "/" });
    res.status(204).end();
  });

  router.get("/me/sessions", async (req, res) => {
    res.json(await listMySessions(ctx.prisma, requireActor(req), req.sessionID));
  });

  // Everywhere else: every other session and socket of the account ends, on every process; this one stays.
  router.post("/me/sessions/end-others", async (req, res) => {
    await endMyOtherSessions(ctx.prisma, req, requireActor(req));
    res.status(204).end();
  });

  router.delete("/me/sessions/:id", async (req, res) => {
    const actor = requireActor(req);
    const wasCurrent = await endMySession(ctx.prisma, req.sessionStore, actor, parseParam(zSessionHandle, req.params, "id"), req.sessionID);
    if (wasCurrent) res.clearCookie(ctx.sessionCookieName, { path: "/" });
    res.status(204).end();
  });

  // Signed out is an ordinary answer here, not an error: every page asks before anyone logs in.
  router.get("/me", async (req, res) => {
    const actor = actorOf(req);
    if (!actor) return void res.json({ user: null });
    // Whether a staff role waits for two-factor: the client sends such a person to set it up.
    const [user, enabled, required] = await Promise.all([
      getMe(ctx.prisma, actor.id),
      hasTwoFactor(ctx.prisma, actor.id),
      ctx.config.requireStaffTwoFactor ? holdsStaffRole(ctx.prisma, actor.id) : false,
    ]);
    res.json({ user, twoFactor: { enabled, required } });
  });


  return router;
}
