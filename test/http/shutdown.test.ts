// Graceful shutdown: requests in flight when close() is called finish and keep what they acknowledged;
// afterwards the port refuses connections.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { startServer } from "../../server/server.ts";
import { openDatabase } from "../../server/db/index.ts";
import { createTestDatabase } from "../support/db.ts";
import { TEST_RATE_LIMITS } from "../support/server.ts";
import { TestClient } from "../support/client.ts";
import { DEFAULT_PASSWORD, uniqueEmail } from "../support/factories.ts";

type Outcome = { email: string; status: number | "network-error"; body?: any };

describe("graceful shutdown", () => {
  it("finishes the registrations in flight, keeps every acknowledged one, then refuses connections", async () => {
    const testDb = await createTestDatabase();
    try {
      const config = loadConfig({
        NODE_ENV: "test",
        PORT: "0",
        HOST: "127.0.0.1",
        ...(testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : {}),
      });
      const server = await startServer(config, { pglite: testDb.pglite, rateLimits: TEST_RATE_LIMITS });
      let received = 0;
      server.httpServer.on("request", () => received++);

      // 20 browsers, each with its own session and CSRF token, register at once.
      const clients = Array.from({ length: 20 }, () => new TestClient(server.url));
      await Promise.all(clients.map((c) => c.csrf()));
      const emails = clients.map(() => uniqueEmail("shutdown"));
      received = 0;
      const inFlight: Promise<Outcome>[] = clients.map((c, i) =>
        c.post("/api/auth/register", { email: emails[i], password: DEFAULT_PASSWORD, displayName: `S${i}` }).then(
          (res) => ({ email: emails[i]!, status: res.status, body: res.body }),
          () => ({ email: emails[i]!, status: "network-error" as const }),
        ),
      );
      // Close as soon as the first request has reached the server, so some are certainly in flight.
      while (received === 0) await new Promise((r) => setTimeout(r, 1));
      const closed = server.close();
      const outcomes = await Promise.all(inFlight);
      await expect(closed).resolves.toBeUndefined();

      const acknowledged = outcomes.filter((o) => typeof o.status === "number" && o.status >= 200 && o.status < 300);
      expect(acknowledged.length).toBeGreaterThanOrEqual(1);
      for (const o of outcomes) {
        // A request either completed, was turned away with 503 while shutting down, or never got a connection.
        if (o.status === "network-error" || (o.status >= 200 && o.status < 300)) continue;
        expect(o.status, JSON.stringify(o)).toBe(503);
        expect(o.body.error.code).toBe("unavailable");
      }

      // The server's database connection is closed: read what was written through a new one.
      const db = await openDatabase({ databaseUrl: testDb.databaseUrl, pglite: testDb.pglite, migrate: false });
      try {
        const written = new Set((await db.prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((u) => u.email));
        for (const o of acknowledged) expect(written.has(o.email), `${o.email} got ${o.status} but was not written`).toBe(true);
        expect(written.size).toBeLessThanOrEqual(emails.length);
      } finally {
        await db.close();
      }

      // Nothing listens any more.
      const after = await fetch(`${server.url}/api/health`).then(
        () => "answered",
        (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
      );
      expect(after).toBe("ECONNREFUSED");
      expect(server.httpServer.listening).toBe(false);
      // close() is idempotent.
      await expect(server.close()).resolves.toBeUndefined();
    } finally {
      await testDb.drop();
    }
  });

  it("turns new requests away with 503 while it drains", async () => {
    const testDb = await createTestDatabase();
    try {
      const config = loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", ...(testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : {}) });
      const server = await startServer(config, { pglite: testDb.pglite, rateLimits: TEST_RATE_LIMITS });
      const slow = new TestClient(server.url);
      await slow.csrf();
      // A registration (argon2 hashing makes it the slowest request we have) keeps the server draining ...
      const registering = slow.post("/api/auth/register", { email: uniqueEmail("drain"), password: DEFAULT_PASSWORD, displayName: "Drain" });
      // ... while a request on a connection that is already open arrives after close().
      const late = new TestClient(server.url);
      await late.csrf();
      const lateReq = new Promise<number | string>((resolve) => {
        // Give the registration a moment to reach the server before closing.
        setTimeout(() => {
          void server.close();
          late.get("/api/health").then((r) => resolve(r.status), (e: Error) => resolve(e.message));
        }, 20);
      });
      const [reg, lateStatus] = await Promise.all([registering, lateReq]);
      expect(reg.status).toBe(201);
      // Either the keep-alive connection was closed as idle (a network error) or the request got a 503.
      if (typeof lateStatus === "number") expect(lateStatus).toBe(503);
      await server.close();
    } finally {
      await testDb.drop();
    }
  });
});
