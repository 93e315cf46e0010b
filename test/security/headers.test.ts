// Findings: CSP allowed any https: style and font origin and ws: to any host, and did not forbid framing;
// private JSON (/api/me, notifications, the queue) had no Cache-Control: no-store.
import { vi } from "vitest";
// Generous: the shared test machine can be very busy (argon2 hashing per user).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { buildWorld, type World } from "../support/world.ts";

let t: TestServer;
let w: World;
beforeAll(async () => {
  t = await startTestServer({ env: { ALLOWED_ORIGINS: "https://sockets.example.org" } });
  w = await buildWorld(t);
});
afterAll(async () => {
  await t.stop();
});

function directives(csp: string | null): Map<string, string[]> {
  return new Map((csp ?? "").split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe("Content-Security-Policy", () => {
  it("has no scheme wildcards, connects only to itself and the configured origins, and cannot be framed", async () => {
    const res = await w.clients.anonymous.get("/api/health");
    const csp = directives(res.headers.get("content-security-policy"));
    for (const [name, values] of csp) {
      for (const v of values) expect(v, `${name} ${v}`).not.toMatch(/^(https?|wss?):$|^\*$/);
    }
    expect(csp.get("connect-src")).toEqual(["'self'", "https://sockets.example.org"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("style-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  });
});

describe("Cache-Control on private responses", () => {
  it("every session-dependent answer under /api is no-store, errors included", async () => {
    const paths = ["/api/me", "/api/notifications", `/api/consultations/${w.consultation.id}/moderation/queue`, `/api/threads/${w.threadId}`, "/api/me/decisions"];
    for (const path of paths) {
      const client = path.includes("queue") ? w.clients.organiser : w.clients.participant;
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
    const refused = await w.clients.anonymous.get("/api/notifications");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control")).toBe("no-store");
  });
});
