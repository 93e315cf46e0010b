// The role hierarchy. A person's rank in a consultation is the highest of their global role
// (admin) and their consultation role. Nobody may sanction, demote or remove someone ranked above them.
import type { ConsultationRole } from "../../shared/categories.ts";

export type Rank = "admin" | ConsultationRole | "none";

// An analyst ranks between participant and moderator: everything a participant may do, plus reading and
// coding the formal responses, and none of the moderators' powers.
const ORDER: Record<Rank, number> = { admin: 6, organiser: 5, moderator: 4, analyst: 3, participant: 2, observer: 1, none: 0 };

export function rankValue(rank: Rank): number {
  return ORDER[rank];
}

export function effectiveRank(opts: { isAdmin: boolean; role: ConsultationRole | null | undefined }): Rank {
  if (opts.isAdmin) return "admin";
  return opts.role ?? "none";
}

/** The higher of two consultation roles (a user may hold one directly and another through an organisation). */
export function higherRole(a: ConsultationRole | null | undefined, b: ConsultationRole | null | undefined): ConsultationRole | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return ORDER[a] >= ORDER[b] ? a : b;
}

/** Sanctions, demotions and removals reach only strictly lower ranks, and never oneself. */
export function canActAgainst(actor: Rank, target: Rank, sameUser: boolean): boolean {
  if (sameUser) return false;
  return ORDER[actor] > ORDER[target];
}

/** Only organisers and admins grant roles, and never one above their own rank (organisers may add co-organisers). */
export function canGrantRole(actor: Rank, role: ConsultationRole): boolean {
  if (ORDER[actor] < ORDER.organiser) return false;
  return ORDER[role] <= ORDER[actor];
}
