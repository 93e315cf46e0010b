// An anonymous read (GET or HEAD without a session cookie) needs no body parser, no session and no
// Passport: it has no body, nothing to load and nothing to store. Skipping them is a fifth of the cost
// of a public page (issue 12's profile). GET /api/csrf is the exception: it starts a session.
import type { Request, RequestHandler } from "express";
import { SESSION_COOKIE } from "./session.ts";

const COOKIE_PREFIX = `${SESSION_COOKIE}=`;

export function isAnonymousRead(req: Request): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (req.path === "/csrf") return false;
  const cookie = req.headers.cookie;
  return cookie === undefined || !cookie.includes(COOKIE_PREFIX);
}

export function unlessAnonymousRead(middleware: RequestHandler): RequestHandler {
  return (req, res, next) => (isAnonymousRead(req) ? next() : middleware(req, res, next));
}
