// Two-factor on the account's security page, and the login's second step (server/accounts/two-factor.ts).
import { Router, type Request } from "express";
import type { AppContext } from "../context.ts";
import { AppError, errors } from "../http/errors.ts";
import { parseBody } from "../http/validate.ts";
import { clientIp } from "../http/rate-limit.ts";
import { requireActor, type Actor } from "./actor.ts";
import { zConfirmTwoFactorBody, zLoginSecondStepBody, zTwoFactorProofBody } from "../../shared/schemas/two-factor.ts";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, getTwoFactorStatus, regenerateRecoveryCodes, useSecondFactor } from "./two-factor.ts";
import { beforeLoginAttempt, loginFailed, loginSucceeded } from "./login-throttle.ts";
import { getMe, loadSessionUser } from "./service.ts";
import { keepThisSession } from "./sessions.ts";
import { logIn, readPendingLogin } from "./two-factor-login.ts";

/** Codes are throttled like passwords, per account (and address): six digits are guessable otherwise. */
const codeKey = (userId: string) => `2fa:${userId}`;

/** Runs a check of a code or password; a wrong one counts as a failed login attempt for the account (also used by privacy/routes.ts). */
export async function throttled<T>(ctx: AppContext, req: Request, userId: string, check: () => Promise<T>): Promise<T> {
  const ip = clientIp(req);
  await beforeLoginAttempt(ctx.rateLimiters, codeKey(userId), ip);
  try {
    const result = await check();
    await loginSucceeded(ctx.rateLimiters, codeKey(userId), ip);
    return result;
  } catch (err) {
    if (err instanceof AppError && (err.code === "invalid_input" || err.code === "invalid_credentials")) await loginFailed(ctx.rateLimiters, codeKey(userId), ip);
    throw err;
  }
}


export function twoFactorRoutes(ctx: AppContext): Router {
  const router = Router();
  const required = ctx.config.requireStaffTwoFactor;

  router.get("/me/two-factor", async (req, res) => {
    res.json({ twoFactor: await getTwoFactorStatus(ctx.prisma, requireActor(req).id, required) });
  });

  router.post("/me/two-factor/enrolment", ...ctx.limits.write, async (req, res) => {
    res.status(201).json({ enrolment: await beginEnrolment(ctx.prisma, requireActor(req)) });
  });

  router.post("/me/two-factor/confirmation", async (req, res) => {
    const actor = requireActor(req);
    const { code } = parseBody(zConfirmTwoFactorBody, req.body);
    const { recoveryCodes, epoch } = await throttled(ctx, req, actor.id, () => confirmEnrolment(ctx.prisma, actor, code, req.sessionID));
    keepThisSession(req, actor.id, epoch);
    res.json({ recoveryCodes, twoFactor: await getTwoFactorStatus(ctx.prisma, actor.id, required) });
  });

  router.post("/me/two-factor/disable", async (req, res) => {
    const actor = requireActor(req);
    const proof = parseBody(zTwoFactorProofBody, req.body);
    const { epoch } = await throttled(ctx, req, actor.id, () => disableTwoFactor(ctx.prisma, actor, proof, req.sessionID));
    keepThisSession(req, actor.id, epoch);
    res.json({ twoFactor: await getTwoFactorStatus(ctx.prisma, actor.id, required) });
  });

  router.post("/me/two-factor/recovery-codes", async (req, res) => {
    const actor = requireActor(req);
    const proof = parseBody(zTwoFactorProofBody, req.body);
    const { recoveryCodes } = await throttled(ctx, req, actor.id, () => regenerateRecoveryCodes(ctx.prisma, actor, proof));
    res.json({ recoveryCodes, twoFactor: await getTwoFactorStatus(ctx.prisma, actor.id, required) });
  });

  // The login's second step. Until it succeeds the session holds only "password checked for this
  // account" (two-factor-login.ts): nobody is logged in, so every other route treats it as anonymous.
  router.post("/auth/login/two-factor", ctx.limits.login, async (req, res) => {
    const factor = parseBody(zLoginSecondStepBody, req.body);
    const pending = readPendingLogin(req);
    if (!pending) throw new AppError("unauthenticated", "Your login has expired. Enter your email and password again.");
    await throttled(ctx, req, pending.userId, async () => {
      if (!(await useSecondFactor(ctx.prisma, pending.userId, factor))) throw new AppError("invalid_credentials", "This code is not right, or was already used.");
    });
    // Suspended, or its password changed, since the first step: the login does not complete.
    const user = await loadSessionUser(ctx.prisma, pending.userId, pending.epoch);
    if (!user) throw errors.invalidCredentials();
    await logIn(req, { id: user.id, isAdmin: user.isAdmin });
    res.json({ user: await getMe(ctx.prisma, user.id) });
  });

  return router;
}
