// A unit's threads and amendments come whole, however many (pages with cursors, no silent cap), and a
// reply in an anchored thread reaches the consultation room, so the reading view's margin counts move.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket } from "../support/sockets.ts";
import type { TestClient } from "../support/client.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

async function consultationWithText() {
  const organiserUser = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiserUser.id });
  const organiser = t.client();
  await logIn(organiser, organiserUser);
  const created = await organiser.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
  expect(created.status).toBe(201);
  return { c, organiserUser, organiser, textId: created.body.text.id as string };
}

/** `n` published threads anchored to `eId` (one opening post each), written in one statement per table. */
async function seedThreads(c: { id: string }, textId: string, authorId: string, eId: string, n: number, prefix: string) {
  await t.prisma.$executeRawUnsafe(`INSERT INTO threads (id, consultation_id, title, author_id) SELECT '${prefix}' || i, $1, 'Thread ' || i, $2 FROM generate_series(1, $3::int) i`, c.id, authorId, n);
  await t.prisma.$executeRawUnsafe(`INSERT INTO thread_anchors (thread_id, consultation_id, document_id, e_id, version_number) SELECT '${prefix}' || i, $1, $2, $3, 1 FROM generate_series(1, $4::int) i`, c.id, textId, eId, n);
  await t.prisma.$executeRawUnsafe(
    `INSERT INTO posts (id, thread_id, consultation_id, is_opening, author_id, author_category, body_source, body_html, status) SELECT '${prefix}p' || i, '${prefix}' || i, $1, true, $2, 'individual', 'A comment.', '<p>A comment.</p>', 'published' FROM generate_series(1, $3::int) i`,
    c.id, authorId, n,
  );
}

async function allPages(client: TestClient, url: string) {
  const ids: string[] = [];
  let pages = 0;
  for (let cursor: string | null = null; ; ) {
    const res: { status: number; body: any } = await client.get(`${url}${url.includes("?") ? "&" : "?"}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status).toBe(200);
    pages++;
    ids.push(...(res.body.items as { id: string }[]).map((i) => i.id));
    cursor = res.body.nextCursor;
    if (!cursor) return { ids, pages };
  }
}

describe("a unit's threads and amendments", () => {
  it("come whole past the old caps (500 threads, 1,000 amendments), a page at a time", async () => {
    const { c, organiserUser, textId } = await consultationWithText();
    const reader = t.client();
    // More threads on one unit than the old text-wide cap, and some on another unit.
    await seedThreads(c, textId, organiserUser.id, POINT_A, 520, "ta");
    await seedThreads(c, textId, organiserUser.id, "art_1__para_1", 5, "tb");
    const unit = await allPages(reader, `/api/texts/${textId}/threads?eId=${POINT_A}`);
    expect(unit.pages).toBe(3);
    expect(new Set(unit.ids).size).toBe(520);
    expect(unit.ids.every((id) => id.startsWith("ta"))).toBe(true);
    const whole = await allPages(reader, `/api/texts/${textId}/threads`);
    expect(new Set(whole.ids).size).toBe(525);

    await t.prisma.$executeRawUnsafe(
      `INSERT INTO amendments (id, consultation_id, document_id, e_id, version_number, kind, quote, proposed_text, justification_source, justification_html, author_id, category, status)
       SELECT 'am' || i, $1, $2, $3, 1, 'replace', 'risk', 'specific risk', 'Because.', '<p>Because.</p>', $4, 'individual', 'published' FROM generate_series(1, 1005) i`,
      c.id, textId, POINT_A, organiserUser.id,
    );
    const amendments = await allPages(reader, `/api/texts/${textId}/amendments?eId=${POINT_A}`);
    expect(amendments.pages).toBe(6);
    expect(new Set(amendments.ids).size).toBe(1005);
    expect((await reader.get(`/api/texts/${textId}/amendments?eId=art_1__para_1`)).body).toMatchObject({ items: [], nextCursor: null });
    // A cursor from elsewhere is refused, not misread.
    expect((await reader.get(`/api/texts/${textId}/threads?cursor=nonsense`)).status).toBe(400);
  });

  it("a reply in an anchored thread reaches the consultation room and moves the margin count; one elsewhere does not", async () => {
    const { c, textId } = await consultationWithText();
    const author = await createUser(t.prisma);
    await addMember(t.prisma, c.id, author.id, "participant");
    const writer = t.client();
    await logIn(writer, author);
    const anchored = await writer.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Which risk?", body: "Significant is vague." });
    const plain = await writer.post(`/api/consultations/${c.id}/threads`, { title: "Not about the text", body: "Elsewhere." });
    expect([anchored.status, plain.status]).toEqual([201, 201]);
    const countOf = async () => {
      const view = (await t.client().get(`/api/texts/${textId}/reading`)).body.text;
      const find = (units: { eId: string; counts: { comments: number }; children: never[] }[]): number | undefined => {
        for (const u of units) {
          if (u.eId === POINT_A) return u.counts.comments;
          const inner = find(u.children);
          if (inner !== undefined) return inner;
        }
      };
      return find(view.units);
    };
    expect(await countOf()).toBe(1);

    const reader = await connectSocket(t.url);
    try {
      expect(await reader.request("consultation:join", { consultationId: c.id })).toHaveProperty("data");
      const elsewhere = await writer.post(`/api/threads/${plain.body.thread.id}/posts`, { body: "A reply elsewhere.", parentId: plain.body.post.id });
      const onText = await writer.post(`/api/threads/${anchored.body.thread.id}/posts`, { body: "A reply on the text.", parentId: anchored.body.post.id });
      expect([elsewhere.status, onText.status]).toEqual([201, 201]);
      const heard = await reader.waitFor("post:created", (p) => (p.post as { id: string }).id === onText.body.post.id);
      expect(heard.post).toMatchObject({ threadId: anchored.body.thread.id });
      // Delivered in commit order: the reply elsewhere, committed first, would have arrived before.
      expect(reader.received.filter(([name, p]) => name === "post:created" && (p.post as { id: string }).id === elsewhere.body.post.id)).toEqual([]);
      expect(await countOf()).toBe(2);
    } finally {
      reader.close();
    }
  });
});
