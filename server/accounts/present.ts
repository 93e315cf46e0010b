// Database rows -> what goes on the wire. Password hashes and email keys never leave through here.
import type { User, Organisation, OrganisationMembership, ConsultationMember } from "../db/generated/client.ts";

export function presentPublicUser(user: Pick<User, "id" | "displayName" | "category">) {
  return { id: user.id, displayName: user.displayName, category: user.category };
}

export function presentMe(
  user: User & {
    organisations: (OrganisationMembership & { organisation: Organisation })[];
    consultationRoles: ConsultationMember[];
  },
) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    category: user.category,
    isAdmin: user.isAdmin,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
    organisations: user.organisations.map((m) => ({
      id: m.organisation.id,
      name: m.organisation.name,
      category: m.organisation.category,
      verified: m.organisation.verified,
      role: m.role,
    })),
    consultationRoles: user.consultationRoles.map((r) => ({ consultationId: r.consultationId, role: r.role })),
  };
}
export type MeView = ReturnType<typeof presentMe>;
