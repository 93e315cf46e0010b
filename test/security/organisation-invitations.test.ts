// Finding: a representative could enrol any account into their organisation without consent
// (POST /api/organisations/:id/members → 201), moderators and admins included, with no way to leave;
// an unknown email answered "No account has this email", so it also probed for accounts.
import { vi } from "vitest";
// Generous: the shared test machine can be very busy (argon2 hashing per user).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn, uniqueEmail } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
let orgId: string;
let rep: TestClient;
beforeAll(async () => {
  t = await startTestServer();
  const representative = await createUser(t.prisma);
  const org = await createOrganisation(t.prisma, { verified: true });
  orgId = org.id;
  await addToOrganisation(t.prisma, representative.id, org.id, "representative");
  rep = t.client();
  await logIn(rep, representative);
});
afterAll(async () => {
  await t.stop();
});

const isMember = async (userId: string) => !!(await t.prisma.organisationMembership.findUnique({ where: { userId_organisationId: { userId, organisationId: orgId } } }));

describe("organisation membership takes the invitee's consent", () => {
  it("inviting a moderator makes no membership; the moderator can still moderate until they accept", async () => {
    const moderator = await createUser(t.prisma);
    const consultation = await createConsultation(t.prisma, { createdById: (await createUser(t.prisma)).id });
    await addMember(t.prisma, consultation.id, moderator.id, "moderator");
    const res = await rep.post(`/api/organisations/${orgId}/members`, { email: moderator.email, role: "member" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ invitation: { email: moderator.email, role: "member", status: "sent" } });
    expect(await isMember(moderator.id)).toBe(false);
    // Positive control: the invitation exists and reached the invitee's notifications.
    const mc = t.client();
    await logIn(mc, moderator);
    const mine = await mc.get("/api/me/organisation-invitations");
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ role: "member", status: "pending", organisation: { id: orgId } });
    const notes = await mc.get("/api/notifications");
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain("organisation_invitation");
  });

  it("an unknown email answers exactly like a known one, and creates nothing", async () => {
    const known = await createUser(t.prisma);
    const unknown = uniqueEmail("nobody");
    const a = await rep.post(`/api/organisations/${orgId}/members`, { email: known.email, role: "member" });
    const before = await t.prisma.organisationInvitation.count();
    const b = await rep.post(`/api/organisations/${orgId}/members`, { email: unknown, role: "member" });
    expect(b.status).toBe(a.status);
    expect(Object.keys(b.body)).toEqual(Object.keys(a.body));
    expect(b.body.invitation).toEqual({ ...a.body.invitation, email: unknown });
    expect(await t.prisma.organisationInvitation.count()).toBe(before);
  });

  it("the invitee accepts (a member) or declines (not one); nobody else can answer", async () => {
    const invitee = await createUser(t.prisma);
    const other = await createUser(t.prisma);
    await rep.post(`/api/organisations/${orgId}/members`, { email: invitee.email, role: "representative" });
    const invitation = await t.prisma.organisationInvitation.findFirstOrThrow({ where: { inviteeId: invitee.id } });

    const oc = t.client();
    await logIn(oc, other);
    const stranger = await oc.post(`/api/organisation-invitations/${invitation.id}/accept`);
    expect(stranger.status).toBe(404);
    expect((await rep.post(`/api/organisation-invitations/${invitation.id}/accept`)).status).toBe(404);
    expect(await isMember(invitee.id)).toBe(false);

    const ic = t.client();
    await logIn(ic, invitee);
    const accepted = await ic.post(`/api/organisation-invitations/${invitation.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.invitation.status).toBe("accepted");
    expect((await t.prisma.organisationMembership.findUniqueOrThrow({ where: { userId_organisationId: { userId: invitee.id, organisationId: orgId } } })).role).toBe("representative");
    expect((await ic.post(`/api/organisation-invitations/${invitation.id}/decline`)).status).toBe(409);

    const decliner = await createUser(t.prisma);
    await rep.post(`/api/organisations/${orgId}/members`, { email: decliner.email, role: "member" });
    const second = await t.prisma.organisationInvitation.findFirstOrThrow({ where: { inviteeId: decliner.id } });
    const dc = t.client();
    await logIn(dc, decliner);
    expect((await dc.post(`/api/organisation-invitations/${second.id}/decline`)).body.invitation.status).toBe("declined");
    expect(await isMember(decliner.id)).toBe(false);
  });

  it("a member can leave", async () => {
    const member = await createUser(t.prisma);
    await addToOrganisation(t.prisma, member.id, orgId, "member");
    const c = t.client();
    await logIn(c, member);
    expect((await c.get("/api/me")).body.user.organisations.map((o: { id: string }) => o.id)).toContain(orgId);
    expect((await c.delete(`/api/organisations/${orgId}/members/me`)).status).toBe(204);
    expect(await isMember(member.id)).toBe(false);
    expect((await c.delete(`/api/organisations/${orgId}/members/me`)).status).toBe(404);
  });
});
