// Response headers that keep private answers private and the page's own code the only code that runs.
import type { RequestHandler } from "express";
import type { Config } from "../config.ts";

/**
 * A strict CSP: nothing from other origins but the ones configured (ALLOWED_ORIGINS, e.g. a separate
 * Socket.IO host). 'self' in connect-src also covers ws:/wss: to the page's own host (CSP Level 3), so
 * no scheme wildcard is needed. Styles and fonts are the bundle's own files; no page may frame ours.
 */
export function contentSecurityDirectives(config: Pick<Config, "allowedOrigins">) {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "font-src": ["'self'", "data:"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...config.allowedOrigins],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
  };
}

export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  next();
};
