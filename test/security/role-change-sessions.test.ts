// A role change (consultation role, admin flag), a suspension or a removal from a consultation ends every
// session and socket of the person at once, whichever path made it: the services that routes, the CLI
// and jobs share raise the account's session epoch in the same transaction (accounts/sessions.ts).
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket } from "../support/sockets.ts";
import { changeMemberRole, removeMember } from "../../server/consultations/service.ts";
import { setAccountSuspended } from "../../server/moderation/sanctions.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const disconnected = (s: Socket) => new Promise<void>((resolve) => (s.disconnected ? resolve() : s.once("disconnect", () => resolve())));

async function loggedIn(user: { email: string; password: string }) {
  const client = t.client();
  await logIn(client, user);
  return client;
}
const socketOf = async (client: TestClient) => (await connectSocket(t.url, client)).socket;

async function scene() {
  const organiser = await createUser(t.prisma);
  const member = await createUser(t.prisma);
  const bystander = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiser.id });
  await addMember(t.prisma, c.id, member.id, "participant");
  await addMember(t.prisma, c.id, bystander.id, "participant");
  const organiserClient = await loggedIn(organiser);
  const phone = await loggedIn(member);
  const laptop = await loggedIn(member);
  const other = await loggedIn(bystander);
  return { organiser, member, bystander, c, organiserClient, phone, laptop, other, socket: await socketOf(phone), otherSocket: await socketOf(other) };
}

async function expectEnded(s: Awaited<ReturnType<typeof scene>>) {
  await disconnected(s.socket);
  expect((await s.phone.get("/api/me")).body.user).toBeNull();
  expect((await s.laptop.get("/api/me")).body.user).toBeNull();
  // Positive controls: the bystander and the organiser who acted keep their sessions and sockets.
  expect((await s.other.get("/api/me")).body.user.id).toBe(s.bystander.id);
  expect(s.otherSocket.connected).toBe(true);
  expect((await s.organiserClient.get("/api/me")).body.user.id).toBe(s.organiser.id);
  s.otherSocket.close();
}

describe("sessions end when a role changes", () => {
  it("a consultation role changed through the API", async () => {
    const s = await scene();
    const res = await s.organiserClient.patch(`/api/consultations/${s.c.id}/members/${s.member.id}`, { role: "observer" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await expectEnded(s);
  });

  it("a role changed by adding the person again with another role", async () => {
    const s = await scene();
    const res = await s.organiserClient.post(`/api/consultations/${s.c.id}/members`, { email: s.member.email, role: "moderator" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await expectEnded(s);
  });

  it("a removal from the consultation through the API", async () => {
    const s = await scene();
    expect((await s.organiserClient.delete(`/api/consultations/${s.c.id}/members/${s.member.id}`)).status).toBe(204);
    await expectEnded(s);
  });

  it("the same services called without a request (CLI, jobs)", async () => {
    const a = await scene();
    await changeMemberRole(t.prisma, { id: a.organiser.id, isAdmin: false }, a.c.id, a.member.id, { role: "observer" });
    await expectEnded(a);
    const b = await scene();
    await removeMember(t.prisma, { id: b.organiser.id, isAdmin: false }, b.c.id, b.member.id);
    await expectEnded(b);
  });

  it("the admin flag granted, and a suspension", async () => {
    const admin = await createUser(t.prisma, { isAdmin: true });
    const adminClient = await loggedIn(admin);
    const a = await scene();
    expect((await adminClient.patch(`/api/admin/users/${a.member.id}`, { isAdmin: true })).status).toBe(200);
    await expectEnded(a);
    const b = await scene();
    await setAccountSuspended(t.prisma, { id: admin.id, isAdmin: true }, b.member.id, true, { reasonCode: "harassment", statement: "Repeated personal attacks." });
    await expectEnded(b);
  });

  it("adding someone new, or a role unchanged, ends nothing", async () => {
    const s = await scene();
    const newcomer = await createUser(t.prisma);
    const newcomerClient = await loggedIn(newcomer);
    expect((await s.organiserClient.post(`/api/consultations/${s.c.id}/members`, { email: newcomer.email, role: "participant" })).status).toBe(201);
    expect((await s.organiserClient.patch(`/api/consultations/${s.c.id}/members/${s.member.id}`, { role: "participant" })).status).toBe(200);
    expect((await newcomerClient.get("/api/me")).body.user.id).toBe(newcomer.id);
    expect((await s.phone.get("/api/me")).body.user.id).toBe(s.member.id);
    // Positive control in the same scene: a real change does end them.
    expect((await s.organiserClient.patch(`/api/consultations/${s.c.id}/members/${s.member.id}`, { role: "observer" })).status).toBe(200);
    await expectEnded(s);
  });
});
