// CSRF: synchroniser token kept in the session. Every state-changing request (login and logout
// included) must carry it in X-CSRF-Token; GET /api/csrf hands it out.
import type { RequestHandler } from "express";
import { csrfSync } from "csrf-sync";
import { AppError } from "./errors.ts";

const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const header = req.headers["x-csrf-token"];
    return typeof header === "string" ? header : undefined;
  },
  size: 32,
});

export const csrfProtection: RequestHandler = (req, res, next) => {
  csrf.csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) {
      next(new AppError("csrf_invalid", "Missing or invalid CSRF token: fetch one from GET /api/csrf and send it in the X-CSRF-Token header."));
      return;
    }
    next();
  });
};

export const issueCsrfToken: RequestHandler = (req, res) => {
  res.setHeader("Cache-Control", "no-store");
  res.json({ token: csrf.generateToken(req) });
};
