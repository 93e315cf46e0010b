import { Router } from "express";
import { zSearchQuery } from "../../shared/schemas/search.ts";
import type { AppContext } from "../context.ts";
import { actorOf } from "../accounts/actor.ts";
import { parseQuery } from "../http/validate.ts";
import { search } from "./service.ts";

export function searchRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get("/search", async (req, res) => {
    res.json(await search(ctx.prisma, actorOf(req), parseQuery(zSearchQuery, req.query)));
  });
  return router;
}
