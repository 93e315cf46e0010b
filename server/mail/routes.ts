// Routes of the mail-backed flows: verify an address, resend the link, reset a password, mail settings,
// and the admins' outbox. Thin: validate, limit, call the service.
import { Router } from "express";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { parseBody, parseQuery } from "../http/validate.ts";
import { clientIp, consume, limitBy } from "../http/rate-limit.ts";
import { zMailSettingsBody, zOutboxQuery, zPasswordResetConfirmBody, zPasswordResetRequestBody, zVerifyEmailBody } from "../../shared/schemas/mail.ts";
import { resendVerification, verifyEmail } from "../accounts/verification.ts";
import { confirmPasswordReset, requestPasswordReset } from "../accounts/password-reset.ts";
import { emailKey, getMe } from "../accounts/service.ts";
import { listOutbox } from "./outbox.ts";
import { updateMailSettings } from "./settings.ts";

export function mailRoutes(ctx: AppContext): Router {
  const router = Router();
  const { rateLimiters } = ctx;
  const userKey = (req: Parameters<typeof actorOf>[0]) => actorOf(req)?.id;

  router.post("/auth/verify-email", limitBy(rateLimiters.mailLinkPerIp, clientIp), async (req, res) => {
    await verifyEmail(ctx.prisma, parseBody(zVerifyEmailBody, req.body).token);
    res.status(204).end();
  });

  router.post("/me/email-verification", limitBy(rateLimiters.mailPerUser, userKey), async (req, res) => {
    await resendVerification(ctx.prisma, requireActor(req));
    res.status(202).json({});
  });

  // The same 202 whether or not the address has an account; limited per address and per email, so it
  // can be neither a mail cannon aimed at one person nor a fast probe.
  router.post("/password-reset/request", limitBy(rateLimiters.mailLinkPerIp, clientIp), async (req, res) => {
    const { email } = parseBody(zPasswordResetRequestBody, req.body);
    await consume(rateLimiters.mailPerEmail, emailKey(email));
    await requestPasswordReset(ctx.prisma, email);
    res.status(202).json({});
  });

  router.post("/password-reset/confirm", limitBy(rateLimiters.mailLinkPerIp, clientIp), async (req, res) => {
    const { token, password } = parseBody(zPasswordResetConfirmBody, req.body);
    await confirmPasswordReset(ctx.prisma, token, password);
    res.status(204).end();
  });

  router.put("/me/mail-settings", async (req, res) => {
    const actor = requireActor(req);
    await updateMailSettings(ctx.prisma, actor, parseBody(zMailSettingsBody, req.body));
    res.json({ user: await getMe(ctx.prisma, actor.id) });
  });

  router.get("/admin/outbox", async (req, res) => {
    if (!actorOf(req)?.isAdmin) throw errors.routeNotFound(req);
    res.json(await listOutbox(ctx.prisma, parseQuery(zOutboxQuery, req.query)));
  });
  return router;
}
