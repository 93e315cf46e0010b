// Issue 10 item 5: asking to represent an organisation. A person asks; a representative of the verified
// organisation, or an admin, approves or refuses with a reason; each decision is audited and the
// requester notified. Until the organisation is verified, its new representative posts in their own name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { zRepresentationRequestView } from "../../shared/schemas/organisations.ts";

let t: TestServer;
const c: Record<string, TestClient> = {};
const u: Record<string, Awaited<ReturnType<typeof createUser>>> = {};

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["admin", "rep", "asker", "other", "outsider"]) {
    u[name] = await createUser(t.prisma, { displayName: `${name} person`, isAdmin: name === "admin" });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
});
afterAll(async () => {
  await t.stop();
});

const ask = (who: string, orgId: string, message?: string) => c[who]!.post(`/api/organisations/${orgId}/representation-requests`, message ? { message } : {});
const decide = (who: string, id: string, body: Record<string, unknown>) => c[who]!.post(`/api/representation-requests/${id}/decision`, body);
const notificationsOf = async (who: string, kind: string) =>
  ((await c[who]!.get(`/api/notifications`)).body.items as { kind: string; payload: Record<string, unknown> }[]).filter((n) => n.kind === kind);

describe("asking to represent an organisation", () => {
  it("is decided by an admin for an unverified organisation; the new representative posts in their own name until verification", async () => {
    const org = await createOrganisation(t.prisma, { name: `Guild ${Date.now()}`, category: "industry" });
    await addToOrganisation(t.prisma, u.rep!.id, org.id, "representative");
    const asked = await ask("asker", org.id, "I chair the Guild's policy committee.");
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const request = zRepresentationRequestView.parse(asked.body.request);
    expect(request).toMatchObject({ status: "pending", message: "I chair the Guild's policy committee.", organisation: { id: org.id, verified: false } });
    expect((await ask("asker", org.id)).status).toBe(409);
    expect((await c.asker!.get(`/api/me/representation-requests`)).body.items.map((r: { id: string }) => r.id)).toEqual([request.id]);

    // The unverified organisation's representative cannot decide (as an outsider cannot): 404, and it is not in their list.
    for (const who of ["rep", "outsider"]) {
      expect((await decide(who, request.id, { approve: true })).status, who).toBe(404);
      expect((await c[who]!.get(`/api/representation-requests`)).body.items, who).toEqual([]);
    }
    // The admin can (positive control), and a refusal needs a reason.
    expect((await c.admin!.get(`/api/representation-requests`)).body.items.map((r: { id: string }) => r.id)).toContain(request.id);
    expect((await decide("admin", request.id, { approve: false })).status).toBe(400);
    const approved = await decide("admin", request.id, { approve: true });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.request.status).toBe("approved");
    expect((await decide("admin", request.id, { approve: false, reason: "Changed my mind" })).status).toBe(409);

    expect(await t.prisma.organisationMembership.findUnique({ where: { userId_organisationId: { userId: u.asker!.id, organisationId: org.id } } })).toMatchObject({ role: "representative" });
    expect(await t.prisma.auditEntry.count({ where: { action: "approve_representation", targetId: u.asker!.id, actorId: u.admin!.id } })).toBe(1);
    expect((await notificationsOf("asker", "representation_decision"))[0]!.payload).toMatchObject({ approved: true, verified: false, organisationId: org.id });
    const me = await c.asker!.get(`/api/me`);
    expect(JSON.stringify(me.body)).toContain(org.id);

    // Unverified: speaking for it is refused; once verified, it is allowed (positive control).
    const consultation = await createConsultation(t.prisma, { createdById: u.admin!.id });
    const onBehalf = { title: "On behalf", body: "For the Guild.", onBehalfOfOrganisationId: org.id };
    expect((await c.asker!.post(`/api/consultations/${consultation.id}/threads`, onBehalf)).status).toBe(403);
    expect((await c.admin!.put(`/api/organisations/${org.id}/verification`, { verified: true })).status).toBe(200);
    const posted = await c.asker!.post(`/api/consultations/${consultation.id}/threads`, onBehalf);
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
  });

  it("is decided by the verified organisation's representative, who is told of it; a refusal reaches the requester with its reason", async () => {
    const org = await createOrganisation(t.prisma, { name: `Alliance ${Date.now()}`, verified: true });
    await addToOrganisation(t.prisma, u.rep!.id, org.id, "representative");
    await addToOrganisation(t.prisma, u.other!.id, org.id, "member");
    const request = (await ask("other", org.id)).body.request;
    expect((await notificationsOf("rep", "representation_request")).map((n) => n.payload.requestId)).toContain(request.id);
    // A plain member of it and an outsider cannot decide; its representative can.
    expect((await decide("outsider", request.id, { approve: false, reason: "No" })).status).toBe(404);
    expect((await c.rep!.get(`/api/representation-requests`)).body.items.map((r: { id: string }) => r.id)).toContain(request.id);
    const refused = await decide("rep", request.id, { approve: false, reason: "You are a member of our board, not a spokesperson." });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.request).toMatchObject({ status: "refused", reason: "You are a member of our board, not a spokesperson." });
    expect(await t.prisma.organisationMembership.findUnique({ where: { userId_organisationId: { userId: u.other!.id, organisationId: org.id } } })).toMatchObject({ role: "member" });
    expect(await t.prisma.auditEntry.count({ where: { action: "refuse_representation", targetId: u.other!.id, actorId: u.rep!.id } })).toBe(1);
    expect((await notificationsOf("other", "representation_decision"))[0]!.payload).toMatchObject({ approved: false, reason: "You are a member of our board, not a spokesperson." });
    // Refused, they may ask again; already a representative, they may not.
    expect((await ask("other", org.id)).status).toBe(201);
    expect((await ask("rep", org.id)).status).toBe(409);
  });

  it("lets exactly one of two deciders at once decide, and refuses bad input with 4xx", async () => {
    const org = await createOrganisation(t.prisma, { name: `Network ${Date.now()}`, verified: true });
    await addToOrganisation(t.prisma, u.rep!.id, org.id, "representative");
    const request = (await ask("outsider", org.id)).body.request;
    const answers = await Promise.all([decide("rep", request.id, { approve: true }), decide("admin", request.id, { approve: false, reason: "Unknown to us." })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await t.prisma.auditEntry.count({ where: { action: { in: ["approve_representation", "refuse_representation"] }, targetId: u.outsider!.id } })).toBe(1);
    expect((await c.outsider!.post(`/api/organisations/${org.id}/representation-requests`, { message: "x", extra: 1 })).status).toBe(400);
    expect((await ask("outsider", "not-an-id!")).status).toBe(400);
    expect((await c.outsider!.post(`/api/representation-requests/${request.id}/decision`, { approve: "yes" })).status).toBe(400);
    expect((await t.client().post(`/api/organisations/${org.id}/representation-requests`, {})).status).toBeGreaterThanOrEqual(401);
  });
});
