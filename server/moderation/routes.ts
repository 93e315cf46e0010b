import { Router } from "express";
import { zId } from "../../shared/schemas/common.ts";
import {
  QUARANTINE_KINDS, zAppealBody, zAppealDecisionBody, zAuditLogQuery, zContentDecisionBody, zFlagBody, zMarkNotificationsReadBody, zMuteBody, zThreadDecisionBody,
} from "../../shared/schemas/moderation.ts";
import { zPageQuery } from "../../shared/schemas/common.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseQuery, parseParam } from "../http/validate.ts";
import { confirmPositionRemoval, decideOnPosition, decideOnPost } from "./decisions.ts";
import { flagContribution } from "./flags.ts";
import { decideOnThread, muteParticipant } from "./sanctions.ts";
import { getModerationQueue } from "./queue.ts";
import { decideAppeal, listAppeals, listMyDecisions, lodgeAppeal } from "./appeals.ts";
import { readAuditLog, streamAuditCsv, transparencyReport } from "./reports.ts";
import { openQuarantined } from "./quarantine.ts";
import { listDecisionHistory } from "./history.ts";
import { moderationOverview } from "./overview.ts";
import { listNotifications, markNotificationsRead } from "../notifications/service.ts";
import { z } from "zod";

export function moderationRoutes(ctx: AppContext): Router {
  const router = Router();
  const { prisma } = ctx;

  router.get("/consultations/:id/moderation/queue", async (req, res) => {
    res.json(await getModerationQueue(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseQuery(zPageQuery, req.query)));
  });
  router.post("/posts/:id/moderation", async (req, res) => {
    res.json(await decideOnPost(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zContentDecisionBody, req.body)));
  });
  router.post("/positions/:id/moderation", async (req, res) => {
    res.json(await decideOnPosition(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zContentDecisionBody, req.body)));
  });
  router.post("/moderation/decisions/:id/confirm", async (req, res) => {
    res.json(await confirmPositionRemoval(prisma, requireActor(req), parseParam(zId, req.params, "id")));
  });
  router.post("/threads/:id/moderation", async (req, res) => {
    res.json({ thread: await decideOnThread(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zThreadDecisionBody, req.body)) });
  });
  router.post("/consultations/:id/moderation/mutes", async (req, res) => {
    res.status(201).json({ mute: await muteParticipant(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zMuteBody, req.body)) });
  });

  router.post("/posts/:id/flags", ...ctx.limits.flag, async (req, res) => {
    res.status(201).json(await flagContribution(prisma, requireActor(req), { kind: "post", id: parseParam(zId, req.params, "id") }, parseBody(zFlagBody, req.body)));
  });
  router.post("/positions/:id/flags", ...ctx.limits.flag, async (req, res) => {
    res.status(201).json(await flagContribution(prisma, requireActor(req), { kind: "position", id: parseParam(zId, req.params, "id") }, parseBody(zFlagBody, req.body)));
  });
  router.post("/amendments/:id/flags", ...ctx.limits.flag, async (req, res) => {
    res.status(201).json(await flagContribution(prisma, requireActor(req), { kind: "amendment", id: parseParam(zId, req.params, "id") }, parseBody(zFlagBody, req.body)));
  });

  router.post("/moderation/decisions/:id/appeal", ...ctx.limits.write, async (req, res) => {
    const { message } = parseBody(zAppealBody, req.body);
    res.status(201).json({ appeal: await lodgeAppeal(prisma, requireActor(req), parseParam(zId, req.params, "id"), message) });
  });
  router.get("/consultations/:id/moderation/appeals", async (req, res) => {
    res.json({ items: await listAppeals(prisma, requireActor(req), parseParam(zId, req.params, "id")) });
  });
  router.post("/moderation/appeals/:id/decision", async (req, res) => {
    res.json({ appeal: await decideAppeal(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zAppealDecisionBody, req.body)) });
  });
  router.get("/me/decisions", async (req, res) => {
    res.json({ items: await listMyDecisions(prisma, requireActor(req)) });
  });

  router.get("/consultations/:id/moderation/log", async (req, res) => {
    const filter = parseQuery(zAuditLogQuery, req.query);
    if (filter.format === "csv") return streamAuditCsv(prisma, requireActor(req), parseParam(zId, req.params, "id"), filter, res);
    res.json(await readAuditLog(prisma, requireActor(req), parseParam(zId, req.params, "id"), filter));
  });
  router.get("/consultations/:id/transparency", async (req, res) => {
    res.json(await transparencyReport(prisma, actorOf(req), parseParam(zId, req.params, "id")));
  });
  router.get("/moderation/quarantine/:kind/:id", async (req, res) => {
    const kind = parseParam(z.enum(QUARANTINE_KINDS), req.params, "kind");
    res.setHeader("Cache-Control", "no-store");
    res.json({ item: await openQuarantined(prisma, requireActor(req), kind === "posts" ? "post" : kind === "positions" ? "position" : "amendment", parseParam(zId, req.params, "id")) });
  });

  router.get("/posts/:id/moderation/history", async (req, res) => {
    res.json({ items: await listDecisionHistory(prisma, requireActor(req), { kind: "post", id: parseParam(zId, req.params, "id") }) });
  });
  router.get("/positions/:id/moderation/history", async (req, res) => {
    res.json({ items: await listDecisionHistory(prisma, requireActor(req), { kind: "position", id: parseParam(zId, req.params, "id") }) });
  });
  router.get("/amendments/:id/moderation/history", async (req, res) => {
    res.json({ items: await listDecisionHistory(prisma, requireActor(req), { kind: "amendment", id: parseParam(zId, req.params, "id") }) });
  });
  router.get("/moderation/overview", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await moderationOverview(prisma, requireActor(req)));
  });

  router.get("/notifications", async (req, res) => {
    res.json(await listNotifications(prisma, requireActor(req), parseQuery(zPageQuery, req.query)));
  });
  router.post("/notifications/read", async (req, res) => {
    const { ids } = parseBody(zMarkNotificationsReadBody, req.body);
    await markNotificationsRead(prisma, requireActor(req), ids);
    res.status(204).end();
  });
  return router;
}
