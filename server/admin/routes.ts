import { Router } from "express";
import { zAdminAuditQuery, zListUsersQuery, zUpdateUserBody } from "../../shared/schemas/admin.ts";
import { zAdminOrganisationsQuery } from "../../shared/schemas/organisations.ts";
import { listOrganisationsForAdmin } from "./organisations.ts";
import { readAdminAudit } from "./audit.ts";
import { zId } from "../../shared/schemas/common.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { parseBody, parseQuery, parseParam } from "../http/validate.ts";
import { listAccounts, updateAccount } from "./service.ts";
import { endAccountSessions } from "./sessions.ts";

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  // To anyone but an admin (anonymous callers included), admin routes do not exist.
  router.use("/admin", (req, _res, next) => next(actorOf(req)?.isAdmin ? undefined : errors.routeNotFound(req)));
  router.get("/admin/users", async (req, res) => {
    res.json(await listAccounts(ctx.prisma, requireActor(req), parseQuery(zListUsersQuery, req.query)));
  });
  router.patch("/admin/users/:id", async (req, res) => {
    const user = await updateAccount(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zUpdateUserBody, req.body));
    res.json({ user });
  });
  router.post("/admin/users/:id/sessions/end", async (req, res) => {
    res.json(await endAccountSessions(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id")));
  });
  router.get("/admin/organisations", async (req, res) => {
    res.json(await listOrganisationsForAdmin(ctx.prisma, requireActor(req), parseQuery(zAdminOrganisationsQuery, req.query)));
  });
  router.get("/admin/audit", async (req, res) => {
    res.json(await readAdminAudit(ctx.prisma, requireActor(req), parseQuery(zAdminAuditQuery, req.query)));
  });
  return router;
}
