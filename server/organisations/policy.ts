// Who may do what with organisations. Pure functions: the routes load the facts, these decide.
import type { Actor } from "../accounts/actor.ts";
import type { OrganisationRole } from "../../shared/categories.ts";

export interface OrganisationFacts {
  verified: boolean;
  /** The actor's membership in the organisation, if any. */
  actorRole: OrganisationRole | null;
}

export const organisationPolicy = {
  create: (actor: Actor | null) => actor !== null,
  verify: (actor: Actor | null) => actor?.isAdmin === true,
  /**
   * Representatives of a VERIFIED organisation manage its membership (admins any). Adding someone answers
   * whether an email has an account, so an unvetted organisation anyone can create must not be a way to
   * probe emails; until invitations by mail exist, verification is the gate.
   */
  manageMembers: (actor: Actor | null, org: OrganisationFacts) =>
    actor !== null && (actor.isAdmin || (org.verified && org.actorRole === "representative")),
  /** Only a representative of a verified organisation may speak on its behalf. */
  speakFor: (actor: Actor | null, org: OrganisationFacts) => actor !== null && org.verified && org.actorRole === "representative",
  /** Members and admins see the member list; everyone else sees the organisation only. */
  seeMembers: (actor: Actor | null, org: OrganisationFacts) => actor !== null && (actor.isAdmin || org.actorRole !== null),
};
export type OrganisationAction = keyof typeof organisationPolicy;
