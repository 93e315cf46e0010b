// Organisations: creation, membership, verification. Services take explicit arguments (no request).
import { about } from "../notifications/about.ts";
import { inTransaction } from "../events/record.ts";
import type { PrismaClient } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import { errors } from "../http/errors.ts";
import type { Actor } from "../accounts/actor.ts";
import type { TCreateOrganisationBody } from "../../shared/schemas/organisations.ts";
import type { StakeholderCategory } from "../../shared/categories.ts";
import { organisationPolicy, type OrganisationFacts } from "./policy.ts";
import { presentOrganisation } from "./present.ts";
import { recordAudit } from "../moderation/audit.ts";
import { notify } from "../notifications/service.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { LIMITS } from "../../shared/limits.ts";

export function organisationNameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}

async function loadFacts(prisma: PrismaClient, actor: Actor | null, organisationId: string) {
  const org = await prisma.organisation.findUnique({ where: { id: organisationId } });
  if (!org) throw errors.notFound("Organisation");
  const membership = actor
    ? await prisma.organisationMembership.findUnique({ where: { userId_organisationId: { userId: actor.id, organisationId } } })
    : null;
  const facts: OrganisationFacts = { verified: org.verified, actorRole: membership?.role ?? null };
  return { org, facts };
}

/** The founder becomes the organisation's first representative; an admin must still verify it. */
export async function createOrganisation(prisma: PrismaClient, actor: Actor, input: TCreateOrganisationBody) {
  if (!organisationPolicy.create(actor)) throw errors.forbidden();
  try {
    const org = await prisma.organisation.create({
      data: {
        name: input.name,
        nameKey: organisationNameKey(input.name),
        category: input.category as StakeholderCategory,
        country: input.country,
        website: input.website ?? null,
        transparencyRegisterId: input.transparencyRegisterId ?? null,
        members: { create: { userId: actor.id, role: "representative" } },
      },
    });
    return presentOrganisation(org);
  } catch (err) {
    if (isUniqueViolation(err)) throw errors.conflict("An organisation with this name already exists.", [{ path: "name", message: "is taken" }]);
    throw err;
  }
}

export async function listOrganisations(
  prisma: PrismaClient,
  filter: { q?: string; category?: StakeholderCategory; verified?: boolean; cursor?: string; limit: number },
) {
  const after = filter.cursor ? decodeCursor(filter.cursor, { nameKey: cursorKeys.text(LIMITS.cursorMax) }).nameKey : null;
  const rows = await prisma.organisation.findMany({
    where: {
      ...(filter.q ? { nameKey: { contains: filter.q.toLowerCase() } } : {}),
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.verified !== undefined ? { verified: filter.verified } : {}),
      ...(after !== null ? { nameKey: { gt: after, ...(filter.q ? { contains: filter.q.toLowerCase() } : {}) } } : {}),
    },
    orderBy: { nameKey: "asc" },
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  return { items: page.map(presentOrganisation), nextCursor: rows.length > filter.limit ? encodeCursor({ nameKey: page.at(-1)!.nameKey }) : null };
}

export async function getOrganisation(prisma: PrismaClient, actor: Actor | null, organisationId: string) {
  const { org, facts } = await loadFacts(prisma, actor, organisationId);
  const members = organisationPolicy.seeMembers(actor, facts)
    ? await prisma.organisationMembership.findMany({
        where: { organisationId },
        include: { user: { select: { id: true, displayName: true } } },
        orderBy: { createdAt: "asc" },
      })
    : null;
  return {
    ...presentOrganisation(org),
    members: members?.map((m) => ({ userId: m.user.id, displayName: m.user.displayName, role: m.role })) ?? null,
    abilities: {
      manageMembers: organisationPolicy.manageMembers(actor, facts),
      speakFor: organisationPolicy.speakFor(actor, facts),
      verify: organisationPolicy.verify(actor),
    },
  };
}

/** By name (the admin CLI) or by id (the API); idempotent. */
export async function setOrganisationVerified(
  prisma: PrismaClient,
  actor: Actor | null,
  where: { id: string } | { name: string },
  verified: boolean,
  reason?: string,
) {
  if (actor && !organisationPolicy.verify(actor)) throw errors.forbidden();
  const org = await prisma.organisation.findUnique({ where: "id" in where ? { id: where.id } : { nameKey: organisationNameKey(where.name) } });
  if (!org) throw errors.notFound("Organisation");
  const updated = await inTransaction(prisma, async (tx) => {
    const row = await tx.organisation.update({
      where: { id: org.id },
      data: verified
        ? { verified: true, verifiedAt: new Date(), verifiedById: actor?.id ?? null, verificationRefusedAt: null, verificationRefusal: null }
        : { verified: false, verifiedAt: null, verifiedById: null, ...(reason ? { verificationRefusedAt: new Date(), verificationRefusal: reason } : {}) },
    });
    // actorId null: done from the admin CLI.
    const action = verified ? "verify_organisation" : reason && !org.verified ? "refuse_organisation" : "unverify_organisation";
    await recordAudit(tx, { consultationId: null, actorId: actor?.id ?? null, action, targetType: "organisation", targetId: org.id, statement: reason ?? null, before: { verified: org.verified }, after: { verified } });
    // Its representatives learn the outcome (and why, when refused): they post in their own name until verified.
    const representatives = await tx.organisationMembership.findMany({ where: { organisationId: org.id, role: "representative" }, select: { userId: true } });
    for (const r of representatives) {
      await notify(tx, r.userId, "organisation_verification", { organisationId: org.id, about: about.organisation(org.name), verified, reason: reason ?? null });
    }
    return row;
  });
  return presentOrganisation(updated);
}
