// Findings: ten failed logins by anyone locked the owner out for 15 minutes; with TRUST_PROXY on and the
// server reachable directly, rotating X-Forwarded-For escaped the per-address login limit.
import { vi } from "vitest";
// Generous: the shared test machine can be very busy (argon2 hashing per user).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser } from "../support/factories.ts";
import { slowdownMs } from "../../server/accounts/login-throttle.ts";

const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

describe("failed logins slow an attacker down and never lock the owner out", () => {
  let t: TestServer;
  beforeAll(async () => {
    // The test's requests come from 127.0.0.1, a trusted proxy under TRUST_PROXY=true: X-Forwarded-For names the client.
    t = await startTestServer({ env: { TRUST_PROXY: "true" }, rateLimits: { loginFailuresPerAccountIp: { points: 10, duration: 900 }, loginSlowdownPerAccount: { points: 10, duration: 900 } } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it("ten failures from one address refuse that address for the account; the owner elsewhere logs in", async () => {
    const owner = await createUser(t.prisma);
    const attacker = t.client();
    for (let i = 0; i < 10; i++) {
      expect((await attacker.post("/api/auth/login", { email: owner.email, password: `guess number ${i}` }, from("203.0.113.7"))).status).toBe(401);
    }
    const refused = await attacker.post("/api/auth/login", { email: owner.email, password: owner.password }, from("203.0.113.7"));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    const ownerClient = t.client();
    const ok = await ownerClient.post("/api/auth/login", { email: owner.email, password: owner.password }, from("198.51.100.2"));
    expect(ok.status).toBe(200);
    expect((await ownerClient.get("/api/me")).body.user.id).toBe(owner.id);
  });

  it("a success from an address clears that address's failures", async () => {
    const owner = await createUser(t.prisma);
    const c = t.client();
    for (let i = 0; i < 9; i++) expect((await c.post("/api/auth/login", { email: owner.email, password: `typo ${i}` }, from("198.51.100.9"))).status).toBe(401);
    expect((await c.post("/api/auth/login", { email: owner.email, password: owner.password }, from("198.51.100.9"))).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await c.post("/api/auth/login", { email: owner.email, password: `typo again ${i}` }, from("198.51.100.9"))).status).toBe(401);
  });

  it("the delay for an account under attack doubles and is capped", () => {
    expect(slowdownMs(9, 10)).toBe(0);
    expect(slowdownMs(10, 10)).toBe(250);
    expect(slowdownMs(11, 10)).toBe(500);
    expect(slowdownMs(1000, 10)).toBe(8000);
  });
});

describe("X-Forwarded-For is believed only from a trusted proxy", () => {
  async function attemptsWithRotatingAddresses(t: TestServer, email: string): Promise<number[]> {
    const c = t.client();
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) statuses.push((await c.post("/api/auth/login", { email, password: "wrong password!" }, from(`198.18.0.${i}`))).status);
    return statuses;
  }

  it("a direct client rotating X-Forwarded-For still meets the per-address limit", async () => {
    // The proxy is at 192.0.2.1; the test's requests come straight from 127.0.0.1, so their header is ignored.
    const t = await startTestServer({ env: { TRUST_PROXY: "192.0.2.1" }, rateLimits: { loginPerIp: { points: 3, duration: 900 } } });
    try {
      const user = await createUser(t.prisma);
      expect(await attemptsWithRotatingAddresses(t, user.email)).toEqual([401, 401, 401, 429]);
    } finally {
      await t.stop();
    }
  });

  it("positive control: behind a trusted proxy, each forwarded address has its own limit", async () => {
    const t = await startTestServer({ env: { TRUST_PROXY: "true" }, rateLimits: { loginPerIp: { points: 3, duration: 900 } } });
    try {
      const user = await createUser(t.prisma);
      expect(await attemptsWithRotatingAddresses(t, user.email)).toEqual([401, 401, 401, 401]);
    } finally {
      await t.stop();
    }
  });
});
