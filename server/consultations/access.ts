// Loads the facts the consultation policy decides on: the consultation and the viewer's role in it.
import { readRows } from "../db/direct-reads.ts";
import type { Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { higherRole } from "../accounts/roles.ts";
import { errors } from "../http/errors.ts";
import { Prisma, type Consultation } from "../db/generated/client.ts";
import { prismaRow } from "../db/rows.ts";
import { consultationPolicy, type Viewer, ANONYMOUS } from "./policy.ts";
import type { ConsultationRole } from "../../shared/categories.ts";

export interface ConsultationAccess {
  consultation: Consultation;
  viewer: Viewer;
}

/**
 * The viewer's role: the higher of a direct membership and one granted to any of their organisations.
 * One raw statement rather than two Prisma queries: every request that reads a consultation asks this,
 * and each Prisma query costs about a millisecond of CPU to compile (test/bench, W2).
 */
export async function findRole(db: Tx, userId: string, consultationId: string): Promise<ConsultationRole | null> {
  return (await findRoles(db, [userId], consultationId)).get(userId) ?? null;
}

/** findRole for many users at once (one statement): each user's role, absent for none. */
export async function findRoles(db: Tx, userIds: string[], consultationId: string): Promise<Map<string, ConsultationRole>> {
  const rows = await readRows<{ user_id: string; role: ConsultationRole }>(db, Prisma.sql`
    SELECT user_id, role::text AS role FROM consultation_members WHERE consultation_id = ${consultationId} AND user_id = ANY(${userIds}::text[])
    UNION ALL
    SELECT om.user_id, co.role::text FROM consultation_organisations co
      JOIN organisation_memberships om ON om.organisation_id = co.organisation_id AND om.user_id = ANY(${userIds}::text[])
     WHERE co.consultation_id = ${consultationId}`);
  const roles = new Map<string, ConsultationRole>();
  for (const r of rows) roles.set(r.user_id, higherRole(roles.get(r.user_id) ?? null, r.role)!);
  return roles;
}

export async function viewerFor(db: Tx, actor: Actor | null, consultationId: string): Promise<Viewer> {
  if (!actor) return ANONYMOUS;
  return viewerWithRole(actor, await findRole(db, actor.id, consultationId));
}

function viewerWithRole(actor: Actor, role: ConsultationRole | null): Viewer {
  // A staff role is not used before its two-factor is set up (accounts/service.ts loadSessionUser).
  const usable = actor.staffLocked && (role === "organiser" || role === "moderator") ? "participant" : role;
  return { userId: actor.id, isAdmin: actor.isAdmin, role: usable };
}

/**
 * The consultation as this actor may read it, or 404 — the same 404 as a consultation that does not
 * exist, so a denial reveals nothing. Accepts an id or a slug.
 */
export async function loadReadableConsultation(db: Tx, actor: Actor | null, idOrSlug: string): Promise<ConsultationAccess> {
  // One plain statement for the consultation and the viewer's roles in it: every consultation-scoped
  // request starts here. By id first: a slug chosen to look like another consultation's id must not shadow it.
  const userId = actor?.id ?? null;
  const [row] = await readRows<{ consultation: unknown; roles: ConsultationRole[] | null }>(db, Prisma.sql`
    SELECT to_jsonb(c) AS consultation,
           CASE WHEN ${userId}::text IS NULL THEN NULL ELSE ARRAY(
             SELECT m.role::text FROM consultation_members m WHERE m.consultation_id = c.id AND m.user_id = ${userId}
             UNION ALL
             SELECT co.role::text FROM consultation_organisations co
               JOIN organisation_memberships om ON om.organisation_id = co.organisation_id AND om.user_id = ${userId}
              WHERE co.consultation_id = c.id) END AS roles
      FROM consultations c WHERE c.id = ${idOrSlug} OR c.slug = ${idOrSlug}
     ORDER BY c.id = ${idOrSlug} DESC LIMIT 1`);
  if (!row) throw errors.notFound("Consultation");
  const consultation = prismaRow<Consultation>(row.consultation, Prisma.ConsultationScalarFieldEnum);
  const viewer = actor ? viewerWithRole(actor, (row.roles ?? []).reduce<ConsultationRole | null>((best, r) => higherRole(best, r), null)) : ANONYMOUS;
  if (!consultationPolicy.read(viewer, consultation)) throw errors.notFound("Consultation");
  return { consultation, viewer };
}

/**
 * Ids of the consultations a viewer may read, as a Prisma `where` on Consultation: for list and search
 * queries, so the rule is applied in the database, not after fetching.
 */
export function readableConsultationsWhere(actor: Actor | null) {
  if (actor?.isAdmin) return {};
  const publicModes = { status: { not: "draft" as const }, accessMode: { in: ["open" as const, "transparent" as const] } };
  if (!actor) return publicModes;
  const memberOf = {
    OR: [
      { members: { some: { userId: actor.id } } },
      { organisations: { some: { organisation: { members: { some: { userId: actor.id } } } } } },
    ],
  };
  const organiserOf = {
    OR: [
      { members: { some: { userId: actor.id, role: "organiser" as const } } },
      { organisations: { some: { role: "organiser" as const, organisation: { members: { some: { userId: actor.id } } } } } },
    ],
  };
  return {
    OR: [
      publicModes,
      { status: { not: "draft" as const }, ...memberOf },
      { status: "draft" as const, ...organiserOf },
    ],
  };
}
