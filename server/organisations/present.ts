import type { Organisation } from "../db/generated/client.ts";

export function presentOrganisation(org: Organisation) {
  return {
    id: org.id,
    name: org.name,
    category: org.category,
    country: org.country,
    website: org.website,
    transparencyRegisterId: org.transparencyRegisterId,
    verified: org.verified,
    verifiedAt: org.verifiedAt?.toISOString() ?? null,
    /** "pending" until an admin verifies it or refuses (with a reason its representatives see). */
    verification: org.verified ? ("verified" as const) : org.verificationRefusedAt ? ("refused" as const) : ("pending" as const),
    verificationRefusal: org.verified ? null : org.verificationRefusal,
    createdAt: org.createdAt.toISOString(),
  };
}
export type OrganisationView = ReturnType<typeof presentOrganisation>;
