import { Router } from "express";
import {
  zAddOrganisationMemberBody,
  zCreateOrganisationBody,
  zListOrganisationsQuery,
  zVerifyOrganisationBody,
} from "../../shared/schemas/organisations.ts";
import { zId } from "../../shared/schemas/common.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseQuery, parseParam } from "../http/validate.ts";
import { addOrganisationMember, createOrganisation, getOrganisation, listOrganisations, setOrganisationVerified } from "./service.ts";

export function organisationRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get("/organisations", async (req, res) => {
    res.json(await listOrganisations(ctx.prisma, parseQuery(zListOrganisationsQuery, req.query)));
  });

  router.post("/organisations", ...ctx.limits.write, async (req, res) => {
    const actor = requireActor(req);
    const organisation = await createOrganisation(ctx.prisma, actor, parseBody(zCreateOrganisationBody, req.body));
    res.status(201).json({ organisation });
  });

  router.get("/organisations/:id", async (req, res) => {
    res.json({ organisation: await getOrganisation(ctx.prisma, actorOf(req), parseParam(zId, req.params, "id")) });
  });

  router.post("/organisations/:id/members", ...ctx.limits.write, async (req, res) => {
    const actor = requireActor(req);
    const member = await addOrganisationMember(ctx.prisma, actor, parseParam(zId, req.params, "id"), parseBody(zAddOrganisationMemberBody, req.body));
    res.status(201).json({ member });
  });

  router.put("/organisations/:id/verification", async (req, res) => {
    const actor = requireActor(req);
    const { verified, reason } = parseBody(zVerifyOrganisationBody, req.body);
    res.json({ organisation: await setOrganisationVerified(ctx.prisma, actor, { id: parseParam(zId, req.params, "id") }, verified, reason) });
  });

  return router;
}
