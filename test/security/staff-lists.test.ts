// Finding: staff REST lists showed the declarations of a quarantined position and the title of an
// illegal-flagged thread. Quarantined content is not redistributed, not even to staff in lists.
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { buildWorld, type World } from "../support/world.ts";
import { addMember, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
let w: World;
let reporter: TestClient;
beforeAll(async () => {
  t = await startTestServer();
  w = await buildWorld(t);
  const u = await createUser(t.prisma);
  await addMember(t.prisma, w.consultation.id, u.id, "participant");
  reporter = t.client();
  await logIn(reporter, u);
});
afterAll(async () => {
  await t.stop();
});

const illegal = { reason: "illegal_content", note: "Reported to the authorities." };

describe("quarantined content in staff lists", () => {
  it("a quarantined position's declarations and funding are withheld from the staff list", async () => {
    // Positive control: the fixture's position carries a declaration the staff see before the report.
    await t.prisma.position.update({ where: { id: w.positionId }, data: { declarationOfInterests: "Funded by the Acme Lobby.", fundingSources: "Acme." } });
    const seen = await w.clients.organiser.get(`/api/consultations/${w.consultation.id}/positions`);
    expect(seen.body.items.find((p: { id: string }) => p.id === w.positionId).declarationOfInterests).toBe("Funded by the Acme Lobby.");

    expect((await reporter.post(`/api/positions/${w.positionId}/flags`, illegal)).status).toBe(201);
    const after = await w.clients.organiser.get(`/api/consultations/${w.consultation.id}/positions`);
    const item = after.body.items.find((p: { id: string }) => p.id === w.positionId);
    expect(item).toMatchObject({ quarantined: true, declarationOfInterests: null, fundingSources: null, summary: null });
    expect(JSON.stringify(after.body)).not.toContain("Acme");
  });

  it("an illegal-flagged thread's title is withheld from the staff thread list, the thread and the queue", async () => {
    const title = "Title that is itself unlawful";
    const started = await w.clients.participant.post(`/api/consultations/${w.consultation.id}/threads`, { title, body: "Opening." });
    expect(started.status).toBe(201);
    const list = () => w.clients.organiser.get(`/api/consultations/${w.consultation.id}/threads`);
    expect(JSON.stringify((await list()).body)).toContain(title); // positive control

    expect((await reporter.post(`/api/posts/${started.body.post.id}/flags`, illegal)).status).toBe(201);
    const threads = await list();
    const item = threads.body.items.find((x: { id: string }) => x.id === started.body.thread.id);
    expect(item).toMatchObject({ title: null, quarantined: true });
    const thread = await w.clients.organiser.get(`/api/threads/${started.body.thread.id}`);
    expect(thread.status).toBe(200);
    expect(thread.body.thread.title).toBeNull();
    const queue = await w.clients.organiser.get(`/api/consultations/${w.consultation.id}/moderation/queue`);
    const queued = queue.body.items.find((x: { id: string }) => x.id === started.body.post.id);
    expect(queued.context.thread).toEqual({ id: started.body.thread.id, title: null });
    for (const body of [threads.body, thread.body, queue.body]) expect(JSON.stringify(body)).not.toContain(title);
  });
});
