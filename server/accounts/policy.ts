// Account administration. Admins manage accounts, but the hierarchy holds among them too:
// nobody sanctions an equal or a superior, and nobody sanctions themselves.
import type { Actor } from "./actor.ts";
import { canActAgainst } from "./roles.ts";

export interface AccountFacts {
  id: string;
  isAdmin: boolean;
}

export const accountPolicy = {
  list: (actor: Actor | null) => actor?.isAdmin === true,
  suspend: (actor: Actor | null, target: AccountFacts) =>
    actor?.isAdmin === true && canActAgainst("admin", target.isAdmin ? "admin" : "participant", actor.id === target.id),
  reinstate: (actor: Actor | null, target: AccountFacts) => actor?.isAdmin === true && actor.id !== target.id,
  grantAdmin: (actor: Actor | null, target: AccountFacts) => actor?.isAdmin === true && !target.isAdmin,
  /** Demoting an admin would be sanctioning an equal. */
  revokeAdmin: (_actor: Actor | null, _target: AccountFacts) => false,
};
