// Privacy: download all my data, delete my account, verified pseudonyms (export.ts, delete-account.ts, pseudonyms.ts).
import { Router } from "express";
import type { AppContext } from "../context.ts";
import { parseBody } from "../http/validate.ts";
import { requireActor } from "../accounts/actor.ts";
import { throttled } from "../accounts/two-factor-routes.ts";
import { zDeleteAccountBody, zPseudonymDecisionBody, zPseudonymRequestBody } from "../../shared/schemas/privacy.ts";
import { zId } from "../../shared/schemas/common.ts";
import { parseParam } from "../http/validate.ts";
import { decidePseudonymRequest, listMyPseudonymRequests, listPseudonymRequestsForStaff, requestPseudonym } from "./pseudonyms.ts";
import { exportMyData } from "./export.ts";
import { deleteMyAccount } from "./delete-account.ts";

export function privacyRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get("/me/export", async (req, res) => {
    const data = await exportMyData(ctx.prisma, requireActor(req), req.sessionID);
    res.setHeader("Content-Disposition", `attachment; filename="roundtable-my-data-${data.exportedAt.slice(0, 10)}.json"`);
    res.json(data);
  });

  router.delete("/me", async (req, res) => {
    const actor = requireActor(req);
    const input = parseBody(zDeleteAccountBody, req.body);
    // A password (and code) check like a login's: throttled per account and address.
    const outcome = await throttled(ctx, req, actor.id, () => deleteMyAccount(ctx.prisma, actor, input));
    // This session is already void (its row is deleted, the epoch raised): drop it and its cookie.
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(ctx.sessionCookieName, { path: "/" });
    res.json({ deleted: true, ...outcome });
  });

  router.get("/me/pseudonym-requests", async (req, res) => {
    res.json({ items: await listMyPseudonymRequests(ctx.prisma, requireActor(req)) });
  });

  router.post("/me/pseudonym-requests", ...ctx.limits.write, async (req, res) => {
    res.status(201).json({ request: await requestPseudonym(ctx.prisma, requireActor(req), parseBody(zPseudonymRequestBody, req.body)) });
  });

  // Staff: the requests they may verify (admins: all; moderators and organisers: their consultations' members).
  router.get("/pseudonym-requests", async (req, res) => {
    res.json(await listPseudonymRequestsForStaff(ctx.prisma, requireActor(req)));
  });

  router.post("/pseudonym-requests/:id/decision", async (req, res) => {
    const decided = await decidePseudonymRequest(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zPseudonymDecisionBody, req.body));
    res.json({ request: decided });
  });

  return router;
}
