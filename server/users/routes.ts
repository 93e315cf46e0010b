import { Router } from "express";
import { zId } from "../../shared/schemas/common.ts";
import type { AppContext } from "../context.ts";
import { parseParam } from "../http/validate.ts";
import { actorOf } from "../accounts/actor.ts";
import { getProfile } from "./service.ts";

export function userRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get("/users/:id", async (req, res) => {
    res.json({ user: await getProfile(ctx.prisma, actorOf(req), parseParam(zId, req.params, "id")) });
  });
  return router;
}
