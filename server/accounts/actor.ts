import type { Request } from "express";
import { errors } from "../http/errors.ts";

/** Who is acting: what policies and services need to know about the caller, nothing more. */
export interface Actor {
  id: string;
  isAdmin: boolean;
}

/** The logged-in user as Passport left it on the request (null for anonymous callers). */
export function actorOf(req: Request): Actor | null {
  const user = req.user as Actor | undefined;
  return user ? { id: user.id, isAdmin: user.isAdmin } : null;
}

export function requireActor(req: Request): Actor {
  const actor = actorOf(req);
  if (!actor) throw errors.unauthenticated();
  return actor;
}
