import { Router } from "express";
import { zChangePasswordBody, zUpdateProfileBody } from "../../shared/schemas/profile.ts";
import type { AppContext } from "../context.ts";
import { requireActor } from "./actor.ts";
import { keepThisSession } from "./sessions.ts";
import { parseBody } from "../http/validate.ts";
import { changePassword, updateProfile } from "./profile.ts";

export function profileRoutes(ctx: AppContext): Router {
  const router = Router();
  // Profile and interface language, one route (the header's switcher sends only `language`).
  router.patch("/me", ...ctx.limits.write, async (req, res) => {
    res.json({ user: await updateProfile(ctx.prisma, requireActor(req), parseBody(zUpdateProfileBody, req.body)) });
  });
  router.post("/me/password", ctx.limits.login, async (req, res) => {
    const actor = requireActor(req);
    const { otherSessionsEnded, epoch } = await changePassword(ctx.prisma, actor, req.sessionID, parseBody(zChangePasswordBody, req.body));
    keepThisSession(req, actor.id, epoch);
    res.json({ otherSessionsEnded });
  });
  return router;
}
