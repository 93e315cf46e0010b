import type { Request } from "express";
import { errors } from "../http/errors.ts";

/** Who is acting: what policies and services need to know about the caller, nothing more. */
export interface Actor {
  id: string;
  isAdmin: boolean;
  /**
   * Holds a staff role but has not set up the two-factor it requires (REQUIRE_STAFF_2FA): isAdmin is
   * already false and viewerFor caps the consultation role at participant, so no staff power is used.
   */
  staffLocked?: boolean;
}

/** The logged-in user as Passport left it on the request (null for anonymous callers). */
export function actorOf(req: Request): Actor | null {
  const user = req.user as Actor | undefined;
  return user ? { id: user.id, isAdmin: user.isAdmin, ...(user.staffLocked ? { staffLocked: true } : {}) } : null;
}

export function requireActor(req: Request): Actor {
  const actor = actorOf(req);
  if (!actor) throw errors.unauthenticated();
  return actor;
}
