// Finding: a moderator could lock an organiser's thread and pin their own: decideOnThread skipped the
// rank and neutrality rules that decisions on posts follow.
import { vi } from "vitest";
// Generous: the shared test machine can be very busy (argon2 hashing per user).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
let consultationId: string;
let orgId: string;
const c: Record<"organiser" | "moderator" | "participant" | "colleague", TestClient> = {} as never;
const reason = { reasonCode: "off_topic", statement: "Keeping the discussion on track." };

beforeAll(async () => {
  t = await startTestServer();
  const organiser = await createUser(t.prisma);
  const consultation = await createConsultation(t.prisma, { createdById: organiser.id });
  consultationId = consultation.id;
  const org = await createOrganisation(t.prisma, { verified: true });
  orgId = org.id;
  const users = { moderator: await createUser(t.prisma), participant: await createUser(t.prisma), colleague: await createUser(t.prisma) };
  await addMember(t.prisma, consultation.id, users.moderator.id, "moderator");
  await addMember(t.prisma, consultation.id, users.participant.id, "participant");
  await addMember(t.prisma, consultation.id, users.colleague.id, "participant");
  await addToOrganisation(t.prisma, users.moderator.id, org.id, "member");
  await addToOrganisation(t.prisma, users.colleague.id, org.id, "representative");
  c.organiser = t.client();
  await logIn(c.organiser, organiser);
  for (const name of ["moderator", "participant", "colleague"] as const) {
    c[name] = t.client();
    await logIn(c[name], users[name]);
  }
});
afterAll(async () => {
  await t.stop();
});

async function thread(by: TestClient, extra: Record<string, unknown> = {}) {
  const res = await by.post(`/api/consultations/${consultationId}/threads`, { title: "A thread", body: "Opening.", ...extra });
  expect(res.status).toBe(201);
  return res.body.thread.id as string;
}

const decide = (by: TestClient, threadId: string, action: string, extra: Record<string, unknown> = {}) => by.post(`/api/threads/${threadId}/moderation`, { action, ...reason, ...extra });

describe("thread decisions follow rank and neutrality", () => {
  it("a moderator cannot lock or slow an organiser's thread; the organiser can lock a moderator's", async () => {
    const organisers = await thread(c.organiser);
    const locked = await decide(c.moderator, organisers, "lock");
    expect(locked.status).toBe(403);
    expect((await decide(c.moderator, organisers, "slow_mode", { seconds: 60 })).status).toBe(403);
    const row = await t.prisma.thread.findUniqueOrThrow({ where: { id: organisers } });
    expect([row.status, row.slowModeSeconds]).toEqual(["open", 0]);

    const moderators = await thread(c.moderator);
    expect((await decide(c.organiser, moderators, "lock")).status).toBe(200);
  });

  it("nobody pins, locks or unlocks their own thread, or their organisation's", async () => {
    const own = await thread(c.moderator);
    expect((await decide(c.moderator, own, "pin")).status).toBe(403);
    expect((await decide(c.moderator, own, "lock")).status).toBe(403);
    const organisation = await thread(c.colleague, { onBehalfOfOrganisationId: orgId });
    expect((await decide(c.moderator, organisation, "pin")).status).toBe(403);
    expect((await t.prisma.thread.findUniqueOrThrow({ where: { id: own } })).pinned).toBe(false);

    // Positive control: a participant's thread, nothing to do with the moderator.
    const participants = await thread(c.participant);
    expect((await decide(c.moderator, participants, "pin")).status).toBe(200);
    expect((await decide(c.moderator, participants, "lock")).status).toBe(200);
    expect((await t.prisma.thread.findUniqueOrThrow({ where: { id: participants } })).pinned).toBe(true);
  });
});
