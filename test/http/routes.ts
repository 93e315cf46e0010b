// The routes the app really registers, read from Express's router stack (not from a list we keep by hand),
// so the OpenAPI and CSRF tests cover a route the day it is added.
import session from "express-session";
import type { Express } from "express";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";

export interface RegisteredRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Express form with the mount prefix: "/api/consultations/:id". */
  path: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function walk(stack: Layer[], prefix: string, out: RegisteredRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      if (typeof layer.route.path !== "string") throw new Error(`route with a non-string path under ${prefix}: update the walker`);
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (!on) continue;
        if (method === "_all") throw new Error(`router.all() at ${prefix}${layer.route.path}: update the walker`);
        out.push({ method: method.toUpperCase() as RegisteredRoute["method"], path: prefix + layer.route.path });
      }
    } else if (layer.handle?.stack) {
      // A nested router: mounted with app.use("/api", router) or router.use(router) ("/").
      if (typeof layer.rawPath !== "string") throw new Error(`router mounted at a non-string path under ${prefix}`);
      walk(layer.handle.stack, prefix + (layer.rawPath === "/" ? "" : layer.rawPath), out);
    }
  }
}

export function registeredRoutes(app: Express): RegisteredRoute[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  const out: RegisteredRoute[] = [];
  walk(router.stack, "", out);
  return out;
}

/** The API routes of a real createApp(); the dependencies are stand-ins, no request is ever served. */
export function apiRoutes(): RegisteredRoute[] {
  const { app } = createApp({
    config: loadConfig({ NODE_ENV: "test" }),
    prisma: {} as never,
    sessionStore: new session.MemoryStore(),
    sessionSecret: "x".repeat(32),
  });
  return registeredRoutes(app).filter((r) => r.path.startsWith("/api/"));
}

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Replaces every ":param" with a value (a real id, or a well-formed id that matches nothing). */
export function fillPath(path: string, values: Record<string, string> = {}, fallback = "doesnotexist0"): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? fallback);
}
