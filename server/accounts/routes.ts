import { Router, type Request, type Response, type NextFunction } from "express";
import { zLoginBody, zRegisterBody } from "../../shared/schemas/accounts.ts";
import type { AppContext } from "../context.ts";
import { errors } from "../http/errors.ts";
import { parseBody } from "../http/validate.ts";
import { requireActor, type Actor } from "./actor.ts";
import { emailKey, getMe, registerUser, sessionEnded } from "./service.ts";
import { consume } from "../http/rate-limit.ts";

function logIn(req: Request, user: Actor): Promise<void> {
  // Passport 0.7 regenerates the session here: a new id, so a planted session id is worthless.
  return new Promise((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
}

function authenticateLocal(ctx: AppContext, req: Request, res: Response, next: NextFunction): Promise<Actor | false> {
  return new Promise((resolve, reject) => {
    ctx.passport.authenticate("local", (err: unknown, user: Actor | false) => (err ? reject(err) : resolve(user)))(req, res, next);
  });
}

export function accountRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post("/auth/register", ctx.limits.register, async (req, res) => {
    const body = parseBody(zRegisterBody, req.body);
    const user = await registerUser(ctx.prisma, body);
    await logIn(req, { id: user.id, isAdmin: user.isAdmin });
    res.status(201).json({ user: await getMe(ctx.prisma, user.id) });
  });

  router.post("/auth/login", ctx.limits.login, async (req, res, next) => {
    const { email } = parseBody(zLoginBody, req.body);
    // Per account as well as per address: slows password guessing spread over many addresses.
    await consume(ctx.rateLimiters.loginPerEmail, emailKey(email));
    const user = await authenticateLocal(ctx, req, res, next);
    if (!user) throw errors.invalidCredentials();
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

  router.get("/me", async (req, res) => {
    const actor = requireActor(req);
    res.json({ user: await getMe(ctx.prisma, actor.id) });
  });

  return router;
}
