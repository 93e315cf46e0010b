// Verified pseudonymous participation: a person asks to take part under a pseudonym; a moderator of one
// of their consultations (or an admin) verifies who they are, audited; then the public sees only the
// pseudonym and the category, and staff see who it is. Nobody else may verify, nor see the real name.
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function loggedIn(user: { email: string; password: string }): Promise<TestClient> {
  const client = t.client();
  await logIn(client, user);
  return client;
}

describe("verified pseudonyms", () => {
  it("a moderator of the person's consultation verifies; the public sees the pseudonym, staff the real name", async () => {
    const organiser = await createUser(t.prisma);
    const moderator = await createUser(t.prisma);
    const outsiderModerator = await createUser(t.prisma);
    const survivor = await createUser(t.prisma, { displayName: "Maria Realname", category: "individual" });
    const participant = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const other = await createConsultation(t.prisma, { createdById: organiser.id });
    await addMember(t.prisma, c.id, moderator.id, "moderator");
    await addMember(t.prisma, other.id, outsiderModerator.id, "moderator");
    await addMember(t.prisma, c.id, survivor.id, "participant");
    await addMember(t.prisma, c.id, participant.id, "participant");

    const me = await loggedIn(survivor);
    const asked = await me.post("/api/me/pseudonym-requests", { pseudonym: "Survivor A", legalName: "Maria Realname", note: "I am a survivor." });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await me.post("/api/me/pseudonym-requests", { pseudonym: "Again", legalName: "Maria Realname" })).status).toBe(409);
    const requestId = asked.body.request.id as string;

    // Not theirs to decide: the person, a participant, a moderator of another consultation: all 404, nothing changes.
    const p = await loggedIn(participant);
    const outsider = await loggedIn(outsiderModerator);
    for (const client of [me, p, outsider]) {
      expect((await client.post(`/api/pseudonym-requests/${requestId}/decision`, { verify: true })).status).toBe(404);
      expect(JSON.stringify((await client.get("/api/pseudonym-requests")).body)).not.toContain("Maria Realname");
    }
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: survivor.id } })).displayName).toBe("Maria Realname");

    const m = await loggedIn(moderator);
    const pending = await m.get("/api/pseudonym-requests");
    expect(pending.body.items).toEqual([expect.objectContaining({ id: requestId, pseudonym: "Survivor A", legalName: "Maria Realname", note: "I am a survivor." })]);
    const verified = await m.post(`/api/pseudonym-requests/${requestId}/decision`, { verify: true, statement: "Identity document checked in person." });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.request.status).toBe("verified");
    expect((await m.post(`/api/pseudonym-requests/${requestId}/decision`, { verify: false })).status).toBe(409);
    const audit = await t.prisma.auditEntry.findFirst({ where: { action: "verify_pseudonym", targetId: survivor.id } });
    expect(audit).toMatchObject({ actorId: moderator.id });
    expect(JSON.stringify(audit)).not.toContain("Maria Realname");

    // The public: the pseudonym and the category, never the name.
    const thread = await me.post(`/api/consultations/${c.id}/threads`, { title: "What happened to me", body: "My testimony." });
    expect(thread.status).toBe(201);
    const publicView = JSON.stringify((await t.client().get(`/api/threads/${thread.body.thread.id}/posts`)).body);
    expect(publicView).toContain("Survivor A");
    expect(publicView).not.toContain("Maria Realname");
    expect(JSON.stringify((await p.get(`/api/threads/${thread.body.thread.id}/posts`)).body)).not.toContain("Maria Realname");
    // Staff: who it is.
    const members = await m.get(`/api/consultations/${c.id}/members`);
    expect(members.status).toBe(200);
    expect(members.body.users.find((u: { userId: string }) => u.userId === survivor.id)).toMatchObject({ displayName: "Survivor A", verifiedIdentity: "Maria Realname" });
    expect((await p.get(`/api/consultations/${c.id}/members`)).status).toBeGreaterThanOrEqual(403);
    // The person's own request list.
    expect((await me.get("/api/me/pseudonym-requests")).body.items[0]).toMatchObject({ pseudonym: "Survivor A", status: "verified" });
  });
});
