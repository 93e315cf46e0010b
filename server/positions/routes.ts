import { Router } from "express";
import { zListPositionsQuery, zPutPositionBody } from "../../shared/schemas/positions.ts";
import { zId } from "../../shared/schemas/common.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseQuery, parseParam } from "../http/validate.ts";
import { getPosition, listPositions, putPosition, setPositionEndorsement } from "./service.ts";

export function positionRoutes(ctx: AppContext): Router {
  const router = Router();
  const { prisma } = ctx;
  router.get("/consultations/:id/positions", async (req, res) => {
    res.json(await listPositions(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zListPositionsQuery, req.query)));
  });
  router.put("/consultations/:id/questions/:questionId/position", ...ctx.limits.write, async (req, res) => {
    const { created, position } = await putPosition(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "questionId"), parseBody(zPutPositionBody, req.body));
    res.status(created ? 201 : 200).json({ position });
  });
  router.get("/positions/:id", async (req, res) => {
    res.json({ position: await getPosition(prisma, actorOf(req), parseParam(zId, req.params, "id")) });
  });
  router.post("/positions/:id/endorsements", ...ctx.limits.endorse, async (req, res) => {
    res.json(await setPositionEndorsement(prisma, requireActor(req), parseParam(zId, req.params, "id"), true));
  });
  router.delete("/positions/:id/endorsements", ...ctx.limits.endorse, async (req, res) => {
    res.json(await setPositionEndorsement(prisma, requireActor(req), parseParam(zId, req.params, "id"), false));
  });
  return router;
}
