// What the admin console needs from the server: organisations with pending ones first, verification and
// refusal with a reason the representatives are told, accounts with their roles, and the site's audit of
// admin actions. Everything is a 404 to non-admins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
let admin: TestClient;
let adminUser: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  t = await startTestServer();
  adminUser = await createUser(t.prisma, { isAdmin: true, displayName: "Ada Admin" });
  admin = t.client();
  await logIn(admin, adminUser);
});
afterAll(async () => {
  await t.stop();
});

describe("organisations in the admin console", () => {
  it("lists pending first, then refused, then verified; refuses with a reason the representative is told; audits both", async () => {
    const rep = await createUser(t.prisma, { displayName: "Rita Rep" });
    const verified = await createOrganisation(t.prisma, { name: "Aardvark Alliance", verified: true });
    const pending = await createOrganisation(t.prisma, { name: "Zebra Guild" });
    const toRefuse = await createOrganisation(t.prisma, { name: "Mongoose Forum" });
    await addToOrganisation(t.prisma, rep.id, toRefuse.id, "representative");

    const refused = await admin.put(`/api/organisations/${toRefuse.id}/verification`, { verified: false, reason: "The register number belongs to another organisation." });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.organisation).toMatchObject({ verification: "refused", verificationRefusal: "The register number belongs to another organisation." });
    expect((await admin.put(`/api/organisations/${pending.id}/verification`, { verified: false })).status).toBe(400);

    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { name: string; verification: string; members: number }[]; nextCursor: string | null } } = await admin.get(`/api/admin/organisations?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      names.push(...res.body.items.map((o) => `${o.verification}:${o.name}`));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(names).toEqual(["pending:Zebra Guild", "refused:Mongoose Forum", "verified:Aardvark Alliance"]);
    expect((await admin.get("/api/admin/organisations?state=refused")).body.items).toEqual([expect.objectContaining({ id: toRefuse.id, members: 1, representatives: 1 })]);

    const notification = await t.prisma.notification.findFirstOrThrow({ where: { userId: rep.id, kind: "organisation_verification" } });
    expect(notification.payload).toMatchObject({ organisationId: toRefuse.id, verified: false, reason: "The register number belongs to another organisation." });
    // Verifying later clears the refusal.
    const ok = await admin.put(`/api/organisations/${toRefuse.id}/verification`, { verified: true });
    expect(ok.body.organisation).toMatchObject({ verification: "verified", verificationRefusal: null });

    const audit = await admin.get("/api/admin/audit?limit=10");
    expect(audit.status).toBe(200);
    expect(audit.body.items.slice(0, 2)).toEqual([
      expect.objectContaining({ action: "verify_organisation", actor: { id: adminUser.id, displayName: "Ada Admin" }, target: { type: "organisation", id: toRefuse.id, name: "Mongoose Forum" } }),
      expect.objectContaining({ action: "refuse_organisation", statement: "The register number belongs to another organisation." }),
    ]);
    expect(verified.id).toBeDefined();
  });

  it("shows accounts with their roles; admin routes are a 404 to everyone else", async () => {
    const organiser = await createUser(t.prisma, { displayName: "Orla Organiser" });
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const moderator = await createUser(t.prisma, { displayName: "Mo Moderator" });
    await addMember(t.prisma, c.id, moderator.id, "moderator");
    const list = await admin.get(`/api/admin/users?q=${encodeURIComponent("mo moderator")}`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: moderator.id, consultationRoles: { organiser: 0, moderator: 1, analyst: 0, participant: 0, observer: 0 } })]);
    const other = t.client();
    await logIn(other, organiser);
    for (const path of ["/api/admin/organisations", "/api/admin/audit"]) {
      expect((await other.get(path)).status, path).toBe(404);
      expect((await t.client().get(path)).status, path).toBe(404);
    }
  });
});

describe("ending an account's sessions", () => {
  it("logs the account out everywhere without suspending it, audited; others' sessions stay; non-admins get a 404", async () => {
    const person = await createUser(t.prisma, { displayName: "Lena Laptop" });
    const bystander = await createUser(t.prisma, { displayName: "Bo Bystander" });
    const phone = t.client();
    const laptop = t.client();
    const other = t.client();
    await logIn(phone, person);
    await logIn(laptop, person);
    await logIn(other, bystander);
    expect((await phone.get("/api/me")).status).toBe(200);

    expect((await other.post(`/api/admin/users/${person.id}/sessions/end`)).status).toBe(404);
    expect((await laptop.get("/api/me")).status).toBe(200);

    const res = await admin.post(`/api/admin/users/${person.id}/sessions/end`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ userId: person.id, sessionsEnded: 2 });
    expect((await phone.get("/api/me")).body.user).toBeNull();
    expect((await laptop.get("/api/me")).body.user).toBeNull();
    // The bystander and the admin are still logged in; the account is not suspended.
    expect((await other.get("/api/me")).status).toBe(200);
    expect((await admin.get("/api/me")).status).toBe(200);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: person.id } })).status).toBe("active");
    const audit = await t.prisma.auditEntry.findFirst({ where: { action: "end_sessions", targetId: person.id } });
    expect(audit).toMatchObject({ actorId: adminUser.id, consultationId: null, after: { sessionsEnded: 2 } });
    expect((await admin.post(`/api/admin/users/nosuchuser0/sessions/end`)).status).toBe(404);
  });
});
