// "I represent this organisation": a person asks, and a representative of the organisation (once it is
// verified) or an admin approves or refuses, with a reason the requester is told (issue 10 item 5).
// Approval makes the requester a representative; every decision is audited and notified. Until the
// organisation is verified, a representative still posts in their own name (organisationPolicy.speakFor).
import type { PrismaClient } from "../db/index.ts";
import type { Prisma } from "../db/generated/client.ts";
import { inTransaction } from "../events/record.ts";
import { errors } from "../http/errors.ts";
import type { Actor } from "../accounts/actor.ts";
import { notify } from "../notifications/service.ts";
import { recordAudit } from "../moderation/audit.ts";
import { organisationPolicy } from "./policy.ts";
import type { TRepresentationRequestView } from "../../shared/schemas/organisations.ts";

const VIEW = { organisation: { select: { id: true, name: true, verified: true } }, requester: { select: { id: true, displayName: true } } } as const;
type Row = Prisma.RepresentationRequestGetPayload<{ include: typeof VIEW }>;

function present(r: Row): TRepresentationRequestView {
  return {
    id: r.id,
    status: r.status,
    message: r.message,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    organisation: { id: r.organisation.id, name: r.organisation.name, verified: r.organisation.verified },
    requester: { id: r.requester.id, displayName: r.requester.displayName },
  };
}

async function roleIn(prisma: Pick<PrismaClient, "organisationMembership">, userId: string, organisationId: string) {
  const m = await prisma.organisationMembership.findUnique({ where: { userId_organisationId: { userId, organisationId } } });
  return m?.role ?? null;
}

/** Who decides: the same people who manage the organisation's members (its verified representatives, admins). */
const mayDecide = (actor: Actor, org: { verified: boolean }, role: Awaited<ReturnType<typeof roleIn>>) =>
  organisationPolicy.manageMembers(actor, { verified: org.verified, actorRole: role });

export async function requestRepresentation(prisma: PrismaClient, actor: Actor, organisationId: string, input: { message?: string }) {
  const org = await prisma.organisation.findUnique({ where: { id: organisationId } });
  if (!org) throw errors.notFound("Organisation");
  if ((await roleIn(prisma, actor.id, organisationId)) === "representative") throw errors.conflict("You already represent this organisation.");
  return inTransaction(prisma, async (tx) => {
    // The partial unique index keeps it to one pending request; this check gives the clear message.
    if (await tx.representationRequest.findFirst({ where: { organisationId, requesterId: actor.id, status: "pending" } })) {
      throw errors.conflict("You have already asked; your request awaits a decision.");
    }
    const row = await tx.representationRequest.create({ data: { organisationId, requesterId: actor.id, message: input.message ?? null }, include: VIEW });
    // The organisation's representatives hear of it once they can decide (verified); admins see it in the console.
    if (org.verified) {
      const reps = await tx.organisationMembership.findMany({ where: { organisationId, role: "representative" }, select: { userId: true } });
      for (const r of reps) await notify(tx, r.userId, "representation_request", { requestId: row.id, organisationId, about: org.name, requester: row.requester.displayName });
    }
    return present(row);
  });
}

/** The requester's own requests, newest first. */
export async function listMyRepresentationRequests(prisma: PrismaClient, actor: Actor) {
  const rows = await prisma.representationRequest.findMany({ where: { requesterId: actor.id }, include: VIEW, orderBy: { createdAt: "desc" }, take: 50 });
  return { items: rows.map(present) };
}

/** The requests waiting on the actor: for the organisations they may decide for (every one, for an admin). */
export async function listRepresentationRequestsToDecide(prisma: PrismaClient, actor: Actor) {
  const where: Prisma.RepresentationRequestWhereInput = actor.isAdmin
    ? { status: "pending" }
    : { status: "pending", organisation: { verified: true, members: { some: { userId: actor.id, role: "representative" } } } };
  const rows = await prisma.representationRequest.findMany({ where, include: VIEW, orderBy: { createdAt: "asc" }, take: 100 });
  return { items: rows.map(present) };
}

/** Approve or refuse. Someone who may not decide gets a 404, as for a request that does not exist. */
export async function decideRepresentationRequest(prisma: PrismaClient, actor: Actor, requestId: string, input: { approve: boolean; reason?: string }) {
  return inTransaction(prisma, async (tx) => {
    const request = await tx.representationRequest.findUnique({ where: { id: requestId }, include: VIEW });
    if (!request || !mayDecide(actor, request.organisation, await roleIn(tx, actor.id, request.organisationId))) throw errors.notFound("Request");
    if (request.requesterId === actor.id) throw errors.forbidden("You cannot decide on your own request.");
    // Conditional on still pending, so two deciders at once cannot both decide.
    const { count } = await tx.representationRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: { status: input.approve ? "approved" : "refused", decidedById: actor.id, decidedAt: new Date(), reason: input.approve ? null : (input.reason ?? null) },
    });
    if (count === 0) throw errors.conflict("This request has already been decided.");
    const before = await roleIn(tx, request.requesterId, request.organisationId);
    if (input.approve) {
      await tx.organisationMembership.upsert({
        where: { userId_organisationId: { userId: request.requesterId, organisationId: request.organisationId } },
        create: { userId: request.requesterId, organisationId: request.organisationId, role: "representative" },
        update: { role: "representative" },
      });
    }
    await recordAudit(tx, {
      consultationId: null,
      actorId: actor.id,
      action: input.approve ? "approve_representation" : "refuse_representation",
      targetType: "user",
      targetId: request.requesterId,
      statement: input.approve ? null : (input.reason ?? null),
      // Readable in the admin audit ("role: member → representative"); the request row keeps the ids.
      before: { role: before ?? "none" },
      after: { organisation: request.organisation.name, role: input.approve ? "representative" : (before ?? "none") },
    });
    await notify(tx, request.requesterId, "representation_decision", {
      requestId: request.id,
      organisationId: request.organisationId,
      about: request.organisation.name,
      approved: input.approve,
      verified: request.organisation.verified,
      reason: input.approve ? null : (input.reason ?? null),
    });
    return present((await tx.representationRequest.findUniqueOrThrow({ where: { id: request.id }, include: VIEW }))!);
  });
}
