// Moderation rules: who may decide on what. Pure; the service loads the facts.
//
// Neutrality: nobody decides on their own content, on content posted on behalf of their own
// organisation, or on an appeal of their own decision. Hierarchy: nobody sanctions someone at or
// above their own rank.
import { canActAgainst, type Rank } from "../accounts/roles.ts";

export interface DecisionFacts {
  /** The decider's rank in the consultation. */
  actorRank: Rank;
  actorId: string;
  /** Organisations the decider belongs to. */
  actorOrganisationIds: string[];
  /** The author of the content (or the person sanctioned). */
  subjectId: string;
  subjectRank: Rank;
  /** The organisation the content speaks for, if any. */
  onBehalfOfOrganisationId: string | null;
}

const isStaffRank = (rank: Rank) => rank === "moderator" || rank === "organiser" || rank === "admin";

export const moderationPolicy = {
  /** Approving needs only staff and neutrality; removing or restricting also needs the hierarchy. */
  decide(f: DecisionFacts, removesOrRestricts: boolean): boolean {
    if (!isStaffRank(f.actorRank)) return false;
    if (f.actorId === f.subjectId) return false;
    if (f.onBehalfOfOrganisationId && f.actorOrganisationIds.includes(f.onBehalfOfOrganisationId)) return false;
    if (removesOrRestricts && !canActAgainst(f.actorRank, f.subjectRank, false)) return false;
    return true;
  },
  /** Confirming a position's removal: another staff member than the one who proposed it, also neutral. */
  confirmRemoval(f: DecisionFacts, proposedById: string | null): boolean {
    return moderationPolicy.decide(f, true) && f.actorId !== proposedById;
  },
  /** An appeal goes to a moderator other than the decider, or an organiser (who did not decide it). */
  decideAppeal(actor: { id: string; rank: Rank }, decision: { decidedById: string | null; subjectUserId: string | null }): boolean {
    if (!isStaffRank(actor.rank)) return false;
    if (actor.id === decision.decidedById || actor.id === decision.subjectUserId) return false;
    return true;
  },
  /** Only the affected person appeals, once (enforced by a unique constraint), and only what went against them. */
  appeal(userId: string, decision: { subjectUserId: string | null; action: string }): boolean {
    return decision.subjectUserId === userId && ["reject", "hide", "mute", "suspend", "remove_position", "edit"].includes(decision.action);
  },
  /** The whole audit log (every organiser and admin action): organisers and admins. */
  readAuditLog: (rank: Rank) => rank === "organiser" || rank === "admin",
  /** The moderation log (moderation actions only): also the consultation's moderators. */
  readModerationLog: (rank: Rank) => isStaffRank(rank),
};
