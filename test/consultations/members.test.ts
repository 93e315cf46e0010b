// The organiser's member list: a page at a time, searchable by name or email, filterable by role, each
// person with their organisations and when they were added; staff only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("the member list", () => {
  it("pages, searches and filters, with organisations and dates, for staff only", async () => {
    const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
    const c = await createConsultation(t.prisma, { createdById: organiser.id, accessMode: "restricted" });
    const org = await createOrganisation(t.prisma, { name: "Northbridge Centre", category: "academia", verified: true });
    const people = [];
    for (let i = 0; i < 11; i++) {
      const p = await createUser(t.prisma, { displayName: i === 4 ? "Zora Quillfeather" : `Member ${i}` });
      await addMember(t.prisma, c.id, p.id, i < 3 ? "observer" : "participant");
      people.push(p);
    }
    await addToOrganisation(t.prisma, people[4]!.id, org.id, "representative");
    const client = t.client();
    await logIn(client, organiser);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { users: { userId: string; addedAt: string }[]; nextCursor: string | null } } = await client.get(`/api/consultations/${c.id}/members?limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.users.length).toBeLessThanOrEqual(5);
      seen.push(...res.body.users.map((u) => u.userId));
      cursor = res.body.nextCursor;
    } while (cursor);
    // The organiser (added when creating) and the eleven, each once, oldest first.
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);

    const found = await client.get(`/api/consultations/${c.id}/members?q=quillfeather`);
    expect(found.body.users).toEqual([expect.objectContaining({ displayName: "Zora Quillfeather", role: "participant", organisations: [{ id: org.id, name: "Northbridge Centre", role: "representative" }], addedAt: expect.any(String) })]);
    const byEmail = await client.get(`/api/consultations/${c.id}/members?q=${encodeURIComponent(people[7]!.email.toUpperCase())}`);
    expect(byEmail.body.users.map((u: { userId: string }) => u.userId)).toEqual([people[7]!.id]);
    expect((await client.get(`/api/consultations/${c.id}/members?role=observer`)).body.users).toHaveLength(3);

    const participant = t.client();
    await logIn(participant, people[5]!);
    expect((await participant.get(`/api/consultations/${c.id}/members`)).status).toBe(403);
    expect((await client.get(`/api/consultations/${c.id}/members?cursor=not-a-cursor`)).status).toBe(400);
  });
});

describe("changing a member's role from the list", () => {
  it("changes a role by id, audited; a participant may not, and a bad role changes nothing", async () => {
    const organiser = await createUser(t.prisma, { displayName: "Rhea Organiser" });
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const person = await createUser(t.prisma, { displayName: "Paul Promoted" });
    const other = await createUser(t.prisma, { displayName: "Petra Participant" });
    await addMember(t.prisma, c.id, person.id, "participant");
    await addMember(t.prisma, c.id, other.id, "participant");
    const client = t.client();
    await logIn(client, organiser);

    const bad = await client.patch(`/api/consultations/${c.id}/members/${person.id}`, { role: "emperor" });
    expect(bad.status).toBe(400);
    const peer = t.client();
    await logIn(peer, other);
    expect((await peer.patch(`/api/consultations/${c.id}/members/${person.id}`, { role: "observer" })).status).toBe(403);
    expect((await t.prisma.consultationMember.findUniqueOrThrow({ where: { consultationId_userId: { consultationId: c.id, userId: person.id } } })).role).toBe("participant");

    const res = await client.patch(`/api/consultations/${c.id}/members/${person.id}`, { role: "moderator" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.member).toMatchObject({ userId: person.id, role: "moderator" });
    expect((await t.prisma.consultationMember.findUniqueOrThrow({ where: { consultationId_userId: { consultationId: c.id, userId: person.id } } })).role).toBe("moderator");
    const audit = await t.prisma.auditEntry.findFirst({ where: { consultationId: c.id, action: "change_role", targetId: person.id } });
    expect(audit).toMatchObject({ before: { role: "participant" }, after: { role: "moderator" } });

    const outsider = await createUser(t.prisma, { displayName: "Not A Member" });
    expect((await client.patch(`/api/consultations/${c.id}/members/${outsider.id}`, { role: "observer" })).status).toBe(404);
  });
});
