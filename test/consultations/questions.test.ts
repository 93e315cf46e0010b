// Questions can be added, edited and reordered until people contribute; then they are fixed, with a
// reason the organiser's page can show (and sending them unchanged, as an edit form does, still works).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("the question list", () => {
  it("changes freely until contributions exist, then only unchanged", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const client = t.client();
    await logIn(client, organiser);
    const before = (await client.get(`/api/consultations/${c.id}`)).body.consultation;
    expect(before.abilities.editQuestions).toBe(true);
    expect(before.questionsLockedReason).toBeNull();

    // Add, edit and reorder.
    const [q1, q2] = before.questions as { id: string; text: string }[];
    const reordered = [{ id: q2!.id, text: `${q2!.text} (revised)` }, { id: q1!.id, text: q1!.text }, { text: "A new third question?" }];
    const changed = await client.patch(`/api/consultations/${c.id}`, { questions: reordered });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.consultation.questions.map((q: { text: string }) => q.text)).toEqual(reordered.map((q) => q.text));

    expect((await client.post(`/api/consultations/${c.id}/threads`, { title: "First", body: "A contribution" })).status).toBe(201);
    const after = (await client.get(`/api/consultations/${c.id}`)).body.consultation;
    expect(after.abilities.editQuestions).toBe(false);
    expect(after.questionsLockedReason).toMatch(/fixed once contributions exist/);
    const same = after.questions.map((q: { id: string; text: string; explanation: string | null }) => ({ id: q.id, text: q.text, ...(q.explanation ? { explanation: q.explanation } : {}) }));
    expect((await client.patch(`/api/consultations/${c.id}`, { questions: same, title: "Renamed" })).status).toBe(200);
    const refused = await client.patch(`/api/consultations/${c.id}`, { questions: [...same, { text: "Too late?" }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conflict", message: expect.stringMatching(/fixed once contributions exist/), details: [{ path: "questions" }] });
    expect(await t.prisma.question.count({ where: { consultationId: c.id } })).toBe(3);
  });
});
