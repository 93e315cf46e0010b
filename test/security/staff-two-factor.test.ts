// Staff roles need two-factor before they are used (REQUIRE_STAFF_2FA, on by default in production): an
// admin, organiser or moderator without it acts as a participant, and what only the role allows answers
// 403 two_factor_required; once enrolled, the same requests pass. Participants are never asked.
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { enrolTwoFactor } from "../support/two-factor.ts";
import { loadConfig } from "../../server/config.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { REQUIRE_STAFF_2FA: "true" } });
});
afterAll(async () => {
  await t.stop();
});

describe("REQUIRE_STAFF_2FA", () => {
  it("is on by default in production only, and can be set either way", () => {
    expect(loadConfig({ NODE_ENV: "production" }).requireStaffTwoFactor).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", REQUIRE_STAFF_2FA: "false" }).requireStaffTwoFactor).toBe(false);
    expect(loadConfig({ NODE_ENV: "development" }).requireStaffTwoFactor).toBe(false);
    expect(loadConfig({ NODE_ENV: "test", REQUIRE_STAFF_2FA: "true" }).requireStaffTwoFactor).toBe(true);
  });
});

describe("staff without two-factor", () => {
  it("an admin gets two_factor_required on the admin console until enrolled", async () => {
    const admin = await createUser(t.prisma, { isAdmin: true });
    const client = t.client();
    await logIn(client, admin);
    const me = await client.get("/api/me");
    expect(me.body.user.isAdmin).toBe(true);
    expect(me.body.twoFactor).toEqual({ enabled: false, required: true });

    const refused = await client.get("/api/admin/users");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("two_factor_required");
    const target = await createUser(t.prisma);
    const suspend = await client.patch(`/api/admin/users/${target.id}`, { status: "suspended", reasonCode: "harassment", statement: "Repeated personal attacks." });
    expect(suspend.body.error.code).toBe("two_factor_required");
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("active");

    await enrolTwoFactor(client);
    expect((await client.get("/api/me")).body.twoFactor).toEqual({ enabled: true, required: true });
    expect((await client.get("/api/admin/users")).status).toBe(200);
  });

  it("a moderator cannot see the queue or hide a post until enrolled; a participant posts without it", async () => {
    const organiser = await createUser(t.prisma);
    const moderator = await createUser(t.prisma);
    const participant = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    await addMember(t.prisma, c.id, moderator.id, "moderator");
    await addMember(t.prisma, c.id, participant.id, "participant");

    const p = t.client();
    await logIn(p, participant);
    expect((await p.get("/api/me")).body.twoFactor).toEqual({ enabled: false, required: false });
    const thread = await p.post(`/api/consultations/${c.id}/threads`, { title: "Scanning and encryption", body: "Client-side scanning breaks end-to-end encryption." });
    expect(thread.status).toBe(201);
    const postId = thread.body.post.id as string;

    const m = t.client();
    await logIn(m, moderator);
    expect((await m.get("/api/me")).body.twoFactor.required).toBe(true);
    const queue = await m.get(`/api/consultations/${c.id}/moderation/queue`);
    expect(queue.status).toBe(403);
    expect(queue.body.error.code).toBe("two_factor_required");
    const hide = await m.post(`/api/posts/${postId}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "This belongs elsewhere." });
    expect(hide.status).toBe(403);
    expect(hide.body.error.code).toBe("two_factor_required");
    expect((await t.prisma.post.findUniqueOrThrow({ where: { id: postId } })).status).toBe("published");
    // Still a reader of the consultation, like a participant.
    expect((await m.get(`/api/consultations/${c.id}`)).status).toBe(200);

    await enrolTwoFactor(m);
    expect((await m.get(`/api/consultations/${c.id}/moderation/queue`)).status).toBe(200);
    const hidden = await m.post(`/api/posts/${postId}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "This belongs elsewhere." });
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
  });

  it("an organiser cannot manage members until enrolled", async () => {
    const organiser = await createUser(t.prisma);
    const newcomer = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const o = t.client();
    await logIn(o, organiser);
    const refused = await o.post(`/api/consultations/${c.id}/members`, { email: newcomer.email, role: "participant" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("two_factor_required");
    expect(await t.prisma.consultationMember.count({ where: { consultationId: c.id, userId: newcomer.id } })).toBe(0);
    await enrolTwoFactor(o);
    expect((await o.post(`/api/consultations/${c.id}/members`, { email: newcomer.email, role: "participant" })).status).toBe(201);
  });
});
