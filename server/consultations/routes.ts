import { Router } from "express";
import { zAddMemberBody, zChangeMemberRoleBody, zCreateConsultationBody, zListConsultationsQuery, zListMembersQuery, zUpdateConsultationBody } from "../../shared/schemas/consultations.ts";
import { zId } from "../../shared/schemas/common.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseQuery, parseParam } from "../http/validate.ts";
import { addMember, changeMemberRole, createConsultation, getConsultation, listConsultations, listMembers, removeMember, updateConsultation } from "./service.ts";

export function consultationRoutes(ctx: AppContext): Router {
  const router = Router();
  const { prisma } = ctx;

  router.get("/consultations", async (req, res) => {
    res.json(await listConsultations(prisma, actorOf(req), parseQuery(zListConsultationsQuery, req.query)));
  });
  router.post("/consultations", ...ctx.limits.write, async (req, res) => {
    const consultation = await createConsultation(prisma, requireActor(req), parseBody(zCreateConsultationBody, req.body));
    res.status(201).json({ consultation });
  });
  router.get("/consultations/:id", async (req, res) => {
    res.json({ consultation: await getConsultation(prisma, actorOf(req), parseParam(zId, req.params, "id")) });
  });
  router.patch("/consultations/:id", ...ctx.limits.write, async (req, res) => {
    const body = parseBody(zUpdateConsultationBody, req.body);
    const consultation = await updateConsultation(prisma, requireActor(req), parseParam(zId, req.params, "id"), body);
    res.json({ consultation });
  });
  router.get("/consultations/:id/members", async (req, res) => {
    res.json(await listMembers(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseQuery(zListMembersQuery, req.query)));
  });
  router.post("/consultations/:id/members", ...ctx.limits.write, async (req, res) => {
    const member = await addMember(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zAddMemberBody, req.body));
    res.status(201).json({ member });
  });
  router.patch("/consultations/:id/members/:userId", ...ctx.limits.write, async (req, res) => {
    const body = parseBody(zChangeMemberRoleBody, req.body);
    res.json({ member: await changeMemberRole(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "userId"), body) });
  });
  router.delete("/consultations/:id/members/:userId", async (req, res) => {
    await removeMember(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "userId"));
    res.status(204).end();
  });
  return router;
}
