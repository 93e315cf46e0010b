// Invitations by mail: organisers invite to a consultation; whoever holds a link sees it and answers it.
import { Router } from "express";
import type { AppContext } from "../context.ts";
import { requireActor } from "../accounts/actor.ts";
import { parseBody, parseParam, parseQuery } from "../http/validate.ts";
import { clientIp, limitBy } from "../http/rate-limit.ts";
import { zId } from "../../shared/schemas/common.ts";
import { zConsultationInvitationBody, zInvitationTokenBody, zInvitationTokenQuery } from "../../shared/schemas/invitations.ts";
import { answerInvitation, inviteToConsultation, listConsultationInvitations, previewInvitation } from "./service.ts";

export function invitationRoutes(ctx: AppContext): Router {
  const router = Router();
  const linkLimit = limitBy(ctx.rateLimiters.mailLinkPerIp, clientIp);

  // 202 whatever the address: an invitation is sent, never a membership made.
  router.post("/consultations/:id/invitations", ...ctx.limits.write, async (req, res) => {
    const invitation = await inviteToConsultation(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zConsultationInvitationBody, req.body));
    res.status(202).json({ invitation });
  });
  router.get("/consultations/:id/invitations", async (req, res) => {
    res.json(await listConsultationInvitations(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id")));
  });
  router.get("/invitations/preview", linkLimit, async (req, res) => {
    res.json({ invitation: await previewInvitation(ctx.prisma, parseQuery(zInvitationTokenQuery, req.query).token) });
  });
  router.post("/invitations/accept", linkLimit, async (req, res) => {
    res.json({ invitation: await answerInvitation(ctx.prisma, requireActor(req), parseBody(zInvitationTokenBody, req.body).token, true) });
  });
  router.post("/invitations/decline", linkLimit, async (req, res) => {
    res.json({ invitation: await answerInvitation(ctx.prisma, requireActor(req), parseBody(zInvitationTokenBody, req.body).token, false) });
  });
  return router;
}
