// Database rows -> what goes on the wire. Password hashes and email keys never leave through here.
import type { User, Organisation, OrganisationMembership, ConsultationMember } from "../db/generated/client.ts";
import type { TMeView } from "../../shared/schemas/reads.ts";

export function presentPublicUser(user: Pick<User, "id" | "displayName" | "category">) {
  return { id: user.id, displayName: user.displayName, category: user.category };
}

export function presentMe(
  user: User & {
    organisations: (OrganisationMembership & { organisation: Organisation })[];
    consultationRoles: ConsultationMember[];
  },
): TMeView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    category: user.category,
    isAdmin: user.isAdmin,
    status: user.status,
    /** The interface language the person chose; null until they choose (the client then follows the browser). */
    language: user.language,
    /** False until the person opens the link mailed at registration: they read but do not contribute. */
    emailVerified: user.emailVerifiedAt !== null,
    /** Mail about replies and about decisions: instant, daily digest or off. */
    mailSettings: { replies: user.mailReplies, decisions: user.mailDecisions },
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
