import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { apiRoutes, fillPath, STATE_CHANGING, type RegisteredRoute } from "./routes.ts";

let t: TestServer;
let admin: Awaited<ReturnType<typeof createUser>>;
let client: TestClient;
let ids: Record<string, string>;
// Authenticated by an API key in the Authorization header, never by the session cookie, so a cross-site
// request cannot ride on a browser's credentials: no CSRF token (test/responses/intake.test.ts refuses
// every request without a valid key, which is what protects it).
const KEY_AUTHENTICATED = new Set(["POST /api/partner/v1/responses"]);
// Every state-changing route the app registers, login and logout included.
const changing: RegisteredRoute[] = apiRoutes().filter((r) => STATE_CHANGING.has(r.method) && !KEY_AUTHENTICATED.has(`${r.method} ${r.path}`));

beforeAll(async () => {
  t = await startTestServer();
  // An admin passes the most checks, so a missing CSRF check would show as a success rather than a 403/404.
  admin = await createUser(t.prisma, { isAdmin: true });
  const c = await createConsultation(t.prisma, { createdById: admin.id });
  ids = { id: c.id, questionId: c.questions[0]!.id, userId: admin.id };
  client = t.client();
  await logIn(client, admin);
});
afterAll(async () => {
  await t.stop();
});

async function snapshot() {
  const [users, consultations, members, threads, posts, organisations, sessions] = await Promise.all([
    t.prisma.user.count(),
    t.prisma.consultation.findMany({ orderBy: { id: "asc" } }),
    t.prisma.consultationMember.count(),
    t.prisma.thread.count(),
    t.prisma.post.count(),
    t.prisma.organisation.count(),
    t.prisma.session.count(),
  ]);
  return { users, consultations, members, threads, posts, organisations, sessions };
}

function expectCsrfRefusal(res: { status: number; body: any }, where: string) {
  expect(res.status, where).toBe(403);
  expect(res.body?.error?.code, where).toBe("csrf_invalid");
}

describe("CSRF protection", () => {
  it("covers the routes we expect to find", () => {
    const keys = changing.map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(expect.arrayContaining(["POST /api/auth/login", "POST /api/auth/logout", "POST /api/auth/register", "PATCH /api/admin/users/:id", "POST /api/threads/:id/posts"]));
    expect(keys.length).toBeGreaterThanOrEqual(20);
  });

  it("refuses every state-changing route without X-CSRF-Token, for a logged-in session, and changes nothing", async () => {
    const before = await snapshot();
    for (const route of changing) {
      const res = await client.request(route.method, fillPath(route.path, ids), {}, { csrf: false });
      expectCsrfRefusal(res, `${route.method} ${route.path}`);
    }
    expect(await snapshot()).toEqual(before);
    expect((await client.get("/api/me")).status).toBe(200); // still logged in: logout did not run
  });

  it("refuses every state-changing route with a wrong token", async () => {
    const real = await client.csrf();
    const before = await snapshot();
    for (const wrong of ["x".repeat(real.length), real.slice(0, -1), `${real}a`, ""]) {
      for (const route of changing) {
        const res = await client.request(route.method, fillPath(route.path, ids), {}, { csrf: false, headers: { "x-csrf-token": wrong } });
        expectCsrfRefusal(res, `${route.method} ${route.path} with ${JSON.stringify(wrong)}`);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses another session's token", async () => {
    const other = t.client();
    await logIn(other, await createUser(t.prisma));
    const othersToken = await other.csrf();
    for (const route of changing) {
      const res = await client.request(route.method, fillPath(route.path, ids), {}, { csrf: false, headers: { "x-csrf-token": othersToken } });
      expectCsrfRefusal(res, `${route.method} ${route.path}`);
    }
  });

  it("refuses anonymous callers without a session too (register and login included)", async () => {
    const before = await snapshot();
    for (const route of changing) {
      const res = await t.client().request(route.method, fillPath(route.path, ids), {}, { csrf: false });
      expectCsrfRefusal(res, `anonymous ${route.method} ${route.path}`);
    }
    const anon = t.client();
    const reg = await anon.request("POST", "/api/auth/register", { email: "csrf@example.org", password: "a long enough password", displayName: "C" }, { csrf: false });
    expectCsrfRefusal(reg, "register with a valid body");
    expect(await snapshot()).toEqual(before);
  });

  it("lets the same requests past the CSRF check with the right token (so the 403s above came from CSRF)", async () => {
    // Empty bodies and unknown ids: the requests fail validation or lookup, never the CSRF check.
    const unknown = { id: "doesnotexist0", questionId: "doesnotexist0", userId: "doesnotexist0" };
    const ordered = [...changing.filter((r) => r.path !== "/api/auth/logout"), ...changing.filter((r) => r.path === "/api/auth/logout")];
    for (const route of ordered) {
      const res = await client.request(route.method, fillPath(route.path, unknown), {});
      expect(res.body?.error?.code, `${route.method} ${route.path}`).not.toBe("csrf_invalid");
    }
  });
});
