import { Router } from "express";
import { zId } from "../../shared/schemas/common.ts";
import { zAmendmentDecisionBody, zAmendmentOutcomeBody, zCreateAmendmentBody, zUnitQuery } from "../../shared/schemas/texts.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseParam, parseQuery } from "../http/validate.ts";
import { getAmendment, listAmendments, proposeAmendment, recordAmendmentOutcome, setAmendmentEndorsement, withdrawAmendment } from "./service.ts";
import { decideOnAmendment, listAmendmentsForModeration } from "./moderation.ts";

export function amendmentRoutes(ctx: AppContext): Router {
  const router = Router();
  const { prisma } = ctx;
  router.get("/texts/:id/amendments", async (req, res) => {
    res.json(await listAmendments(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zUnitQuery, req.query)));
  });
  router.post("/texts/:id/amendments", ...ctx.limits.write, async (req, res) => {
    res.status(201).json(await proposeAmendment(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zCreateAmendmentBody, req.body)));
  });
  router.get("/amendments/:id", async (req, res) => {
    res.json(await getAmendment(prisma, actorOf(req), parseParam(zId, req.params, "id")));
  });
  router.delete("/amendments/:id", ...ctx.limits.write, async (req, res) => {
    await withdrawAmendment(prisma, requireActor(req), parseParam(zId, req.params, "id"));
    res.status(204).end();
  });
  router.post("/amendments/:id/endorsements", ...ctx.limits.endorse, async (req, res) => {
    res.json(await setAmendmentEndorsement(prisma, requireActor(req), parseParam(zId, req.params, "id"), true));
  });
  router.delete("/amendments/:id/endorsements", ...ctx.limits.endorse, async (req, res) => {
    res.json(await setAmendmentEndorsement(prisma, requireActor(req), parseParam(zId, req.params, "id"), false));
  });
  router.put("/amendments/:id/outcome", ...ctx.limits.write, async (req, res) => {
    res.json(await recordAmendmentOutcome(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zAmendmentOutcomeBody, req.body)));
  });
  router.get("/consultations/:id/amendments/moderation", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await listAmendmentsForModeration(prisma, requireActor(req), parseParam(zId, req.params, "id")));
  });
  router.post("/amendments/:id/moderation", async (req, res) => {
    res.json(await decideOnAmendment(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zAmendmentDecisionBody, req.body)));
  });
  return router;
}
