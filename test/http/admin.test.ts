import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { zUpdateUserBody } from "../../shared/schemas/admin.ts";

// With moderation, a suspension carries a reason code and a statement of reasons; the body schema says whether
// this version expects them (a strict schema would refuse them otherwise).
const SUSPEND: Record<string, string> =
  "reasonCode" in zUpdateUserBody.shape
    ? { status: "suspended", reasonCode: "harassment", statement: "Repeated personal attacks on other participants." }
    : { status: "suspended" };

let t: TestServer;
let admin: Awaited<ReturnType<typeof createUser>>;
let adminClient: TestClient;
beforeAll(async () => {
  t = await startTestServer();
  admin = await createUser(t.prisma, { isAdmin: true, displayName: "Ada Admin" });
  adminClient = t.client();
  await logIn(adminClient, admin);
});
afterAll(async () => {
  await t.stop();
});

async function loggedIn(opts: { isAdmin?: boolean } = {}) {
  const user = await createUser(t.prisma, opts);
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

describe("GET /api/admin/users", () => {
  it("is a 404 for logged-in non-admins, as if it did not exist", async () => {
    const { client } = await loggedIn();
    const res = await client.get("/api/admin/users");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect(res.body.error.message).toBe("API route GET /admin/users not found.");
  });

  it("is indistinguishable from an unknown route for non-admins", async () => {
    const { client } = await loggedIn();
    const hidden = await client.get("/api/admin/users");
    const unknown = await client.get("/api/admin/nothing");
    expect(hidden.body.error.message.replace("/admin/users", "/admin/nothing")).toBe(unknown.body.error.message);
  });

  it("is a 404 for anonymous callers too", async () => {
    const anon = t.client();
    expect((await anon.get("/api/admin/nothing")).status).toBe(404);
    expect((await anon.get("/api/admin/users")).status).toBe(404);
  });

  it("lists accounts for admins, without password hashes, paginated", async () => {
    await createUser(t.prisma, { displayName: "Listed One" });
    await createUser(t.prisma, { displayName: "Listed Two" });
    const res = await adminClient.get("/api/admin/users?limit=2");
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(typeof res.body.nextCursor).toBe("string");
    for (const item of res.body.items) {
      expect(Object.keys(item).sort()).toEqual(["category", "consultationRoles", "createdAt", "displayName", "email", "id", "isAdmin", "status", "verifiedIdentity"]);
    }
    const next = await adminClient.get(`/api/admin/users?limit=2&cursor=${encodeURIComponent(res.body.nextCursor)}`);
    expect(next.status).toBe(200);
    expect(next.body.items.map((i: { id: string }) => i.id)).not.toContain(res.body.items[0].id);
    const found = await adminClient.get("/api/admin/users?q=listed%20one");
    expect(found.body.items.map((i: { displayName: string }) => i.displayName)).toEqual(["Listed One"]);
  });
});

describe("PATCH /api/admin/users/:id", () => {
  it("suspends a participant, whose session then ends, and reinstates them", async () => {
    const { user, client } = await loggedIn();
    expect((await client.get("/api/me")).status).toBe(200);
    const res = await adminClient.patch(`/api/admin/users/${user.id}`, SUSPEND);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, status: "suspended" });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("suspended");
    // The session is no longer theirs: signed out (GET /api/me answers { user: null }), and writing needs a login.
    const me = await client.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toBeNull();
    expect((await client.patch("/api/me", { language: "fr" })).status).toBe(401);
    expect((await t.client().post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(401);

    expect((await adminClient.patch(`/api/admin/users/${user.id}`, { status: "active" })).status).toBe(200);
    expect((await t.client().post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(200);
  });

  it("refuses to let an admin suspend another admin (403), and changes nothing", async () => {
    const { user: other, client: otherClient } = await loggedIn({ isAdmin: true });
    const res = await adminClient.patch(`/api/admin/users/${other.id}`, SUSPEND);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("active");
    expect((await otherClient.get("/api/me")).status).toBe(200);
  });

  it("refuses to let an admin suspend themselves (403)", async () => {
    const res = await adminClient.patch(`/api/admin/users/${admin.id}`, SUSPEND);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect((await adminClient.get("/api/me")).status).toBe(200);
  });

  it("is a 404 for non-admins and changes nothing", async () => {
    const { client } = await loggedIn();
    const { user: target } = await loggedIn();
    const res = await client.patch(`/api/admin/users/${target.id}`, SUSPEND);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("active");
  });

  it("grants admin once, and validates the body", async () => {
    const { user } = await loggedIn();
    expect((await adminClient.patch(`/api/admin/users/${user.id}`, { isAdmin: true })).body.user.isAdmin).toBe(true);
    expect((await adminClient.patch(`/api/admin/users/${user.id}`, { isAdmin: true })).status).toBe(403);
    const empty = await adminClient.patch(`/api/admin/users/${user.id}`, {});
    expect(empty.status).toBe(400);
    const demote = await adminClient.patch(`/api/admin/users/${user.id}`, { isAdmin: false });
    expect(demote.status).toBe(400);
    expect(demote.body.error.details.map((d: { path: string }) => d.path)).toContain("isAdmin");
    expect((await adminClient.patch("/api/admin/users/doesnotexist0", SUSPEND)).status).toBe(404);
  });
});
