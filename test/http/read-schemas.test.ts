// The response schemas in shared/schemas/reads.ts hold for real responses (issue 10 item 11): the thread
// page (posts, a gap, an author's hidden post with its decision, a Chatham House page without authors),
// one consultation (anonymous, participant, editor) and /api/me (anonymous and with an organisation).
// The schemas are strict, so a field a presenter adds without one fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { zConsultationView, zMeResponse, zThreadPostsPage } from "../../shared/schemas/reads.ts";

let t: TestServer;
const c: Record<string, TestClient> = {};
const u: Record<string, Awaited<ReturnType<typeof createUser>>> = {};

beforeAll(async () => {
  t = await startTestServer();
  for (const name of ["organiser", "mod", "bob", "carol"]) {
    u[name] = await createUser(t.prisma, { displayName: name });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  c.anon = t.client();
});
afterAll(async () => {
  await t.stop();
});

const parseOk = <T,>(schema: { safeParse(v: unknown): { success: boolean; error?: unknown; data?: T } }, body: unknown, label: string) => {
  const result = schema.safeParse(body);
  expect(result.success, `${label}: ${JSON.stringify(result.error)}`).toBe(true);
  return result.data as T;
};

describe("read response schemas", () => {
  it("hold for the thread page as every kind of reader sees it", async () => {
    for (const accessMode of ["open", "chatham_house"] as const) {
      const consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id, accessMode });
      await addMember(t.prisma, consultation.id, u.mod!.id, "moderator");
      for (const who of ["bob", "carol"]) await addMember(t.prisma, consultation.id, u[who]!.id, "participant");
      const th = await c.organiser!.post(`/api/consultations/${consultation.id}/threads`, { title: "Schemas", body: "Opening **text**." });
      expect(th.status, JSON.stringify(th.body)).toBe(201);
      const threadId = th.body.thread.id as string;
      const hidden = await c.bob!.post(`/api/threads/${threadId}/posts`, { body: "To be hidden.", parentId: th.body.post.id });
      await c.carol!.post(`/api/threads/${threadId}/posts`, { body: "An answer.", parentId: hidden.body.post.id, replyType: "contests" });
      expect((await c.carol!.post(`/api/posts/${th.body.post.id}/endorsements`, {})).status).toBeLessThan(300);
      expect((await c.mod!.post(`/api/posts/${hidden.body.post.id}/moderation`, { action: "hide", reasonCode: "spam", statement: "An advert." })).status).toBe(200);
      for (const who of ["anon", "carol", "bob", "mod", "organiser"]) {
        if (who === "anon" && accessMode === "chatham_house") continue;
        const res = await c[who]!.get(`/api/threads/${threadId}/posts`);
        expect(res.status, who).toBe(200);
        const page = parseOk(zThreadPostsPage, res.body, `${accessMode} ${who}`) as { items: { kind?: string; moderation?: unknown }[] };
        expect(page.items.length, who).toBe(3);
        // The shapes the test means to cover are there: a gap for others, the decision for the author.
        if (who === "carol" || who === "anon") expect(page.items.some((i) => i.kind === "removed")).toBe(true);
        if (who === "bob") expect(page.items.some((i) => i.moderation)).toBe(true);
      }
    }
  });

  it("hold for one consultation and for /api/me", async () => {
    const consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id });
    for (const who of ["anon", "carol", "organiser"]) {
      const res = await c[who]!.get(`/api/consultations/${consultation.id}`);
      expect(res.status).toBe(200);
      const view = parseOk(zConsultationView, res.body.consultation, who) as { backgroundSource?: string; abilities: { edit: boolean } };
      expect(view.abilities.edit).toBe(who === "organiser");
    }
    expect(parseOk(zMeResponse, (await c.anon!.get(`/api/me`)).body, "anonymous me")).toEqual({ user: null });
    const org = await createOrganisation(t.prisma, { verified: true });
    await addToOrganisation(t.prisma, u.carol!.id, org.id, "representative");
    const me = parseOk(zMeResponse, (await c.carol!.get(`/api/me`)).body, "me") as { user: { organisations: unknown[] } };
    expect(me.user.organisations).toHaveLength(1);
  });
});
