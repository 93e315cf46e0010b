// Sliding sessions without a database write per request: the stored expiry is pushed back at most every
// SESSION_EXTEND_EVERY_MS (server/http/session.ts, extendSessions).
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, logIn } from "../support/factories.ts";

let t: TestServer;
let sessionWrites = 0;
beforeAll(async () => {
  t = await startTestServer({ onQuery: (sql) => { if (/^\s*(UPDATE|INSERT INTO) "?(public"?\.)?"?sessions\b/i.test(sql)) sessionWrites++; } });
});
afterAll(async () => {
  await t.stop();
});

it("writes a signed-in session once, not on every request", async () => {
  const user = await createUser(t.prisma);
  const client = t.client();
  const before = sessionWrites;
  await logIn(client, user);
  // Positive control: logging in stores the session.
  expect(sessionWrites).toBeGreaterThan(before);
  const afterLogin = sessionWrites;
  const stored = await t.prisma.session.findFirstOrThrow({ orderBy: { expiresAt: "desc" } });
  for (let i = 0; i < 10; i++) {
    const res = await client.get("/api/me");
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.id);
  }
  expect(sessionWrites).toBe(afterLogin);
  // The session is still the stored one, unexpired.
  const now = await t.prisma.session.findUniqueOrThrow({ where: { id: stored.id } });
  expect(now.expiresAt.getTime()).toBeGreaterThan(Date.now());
});

it("logging out still ends the session at once", async () => {
  const user = await createUser(t.prisma);
  const client = t.client();
  await logIn(client, user);
  expect((await client.get("/api/me")).body.user.id).toBe(user.id);
  expect((await client.post("/api/auth/logout")).status).toBeLessThan(300);
  const me = await client.get("/api/me");
  expect(me.body?.user ?? null).toBeNull();
});
