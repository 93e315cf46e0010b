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
    createdAt: org.createdAt.toISOString(),
  };
}
export type OrganisationView = ReturnType<typeof presentOrganisation>;
