import { Router } from "express";
import {
  zAddOrganisationMemberBody,
  zCreateOrganisationBody,
  zListOrganisationsQuery,
  zRepresentationDecisionBody,
  zRepresentationRequestBody,
  zVerifyOrganisationBody,
} from "../../shared/schemas/organisations.ts";
import { zId } from "../../shared/schemas/common.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseQuery, parseParam } from "../http/validate.ts";
import { createOrganisation, getOrganisation, listOrganisations, setOrganisationVerified } from "./service.ts";
import { decideRepresentationRequest, listMyRepresentationRequests, listRepresentationRequestsToDecide, requestRepresentation } from "./representation.ts";
import { answerOrganisationInvitation, inviteOrganisationMember, leaveOrganisation, listMyOrganisationInvitations } from "./invitations.ts";

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

  // An invitation, never a membership: the invitee accepts or declines. 202 whether or not the email has an account.
  router.post("/organisations/:id/members", ...ctx.limits.write, async (req, res) => {
    const actor = requireActor(req);
    const invitation = await inviteOrganisationMember(ctx.prisma, actor, parseParam(zId, req.params, "id"), parseBody(zAddOrganisationMemberBody, req.body));
    res.status(202).json({ invitation });
  });

  router.delete("/organisations/:id/members/me", async (req, res) => {
    await leaveOrganisation(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id"));
    res.status(204).end();
  });

  router.get("/me/organisation-invitations", async (req, res) => {
    res.json(await listMyOrganisationInvitations(ctx.prisma, requireActor(req)));
  });

  router.post("/organisation-invitations/:id/accept", async (req, res) => {
    res.json({ invitation: await answerOrganisationInvitation(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id"), true) });
  });

  router.post("/organisation-invitations/:id/decline", async (req, res) => {
    res.json({ invitation: await answerOrganisationInvitation(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id"), false) });
  });

  // Asking to represent an organisation; its verified representatives or an admin decide.
  router.post("/organisations/:id/representation-requests", ...ctx.limits.write, async (req, res) => {
    const request = await requestRepresentation(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zRepresentationRequestBody, req.body));
    res.status(201).json({ request });
  });

  router.get("/me/representation-requests", async (req, res) => {
    res.json(await listMyRepresentationRequests(ctx.prisma, requireActor(req)));
  });

  router.get("/representation-requests", async (req, res) => {
    res.json(await listRepresentationRequestsToDecide(ctx.prisma, requireActor(req)));
  });

  router.post("/representation-requests/:id/decision", ...ctx.limits.write, async (req, res) => {
    const request = await decideRepresentationRequest(ctx.prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zRepresentationDecisionBody, req.body));
    res.json({ request });
  });

  router.put("/organisations/:id/verification", async (req, res) => {
    const actor = requireActor(req);
    const { verified, reason } = parseBody(zVerifyOrganisationBody, req.body);
    res.json({ organisation: await setOrganisationVerified(ctx.prisma, actor, { id: parseParam(zId, req.params, "id") }, verified, reason) });
  });

  return router;
}
