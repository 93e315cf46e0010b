// Keyset pagination: bounded queries per page whatever the page size, and pages that stay stable
// (no duplicates, nothing skipped) while new posts arrive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRequestQuery, startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { renderRichText } from "../../server/content/rich-text.ts";

let t: TestServer;
let counting = false;
let queries = 0;
let author: Awaited<ReturnType<typeof createUser>>;
let client: TestClient;
let threadId: string;
let consultationId: string;

beforeAll(async () => {
  t = await startTestServer({ onQuery: (sql, made) => { if (counting && isRequestQuery(sql, made)) queries++; } });
  author = await createUser(t.prisma);
  const endorser = await createUser(t.prisma, { category: "academia" });
  const c = await createConsultation(t.prisma, { createdById: author.id });
  consultationId = c.id;
  const thread = await t.prisma.thread.create({ data: { consultationId: c.id, title: "Long thread", authorId: author.id } });
  threadId = thread.id;
  const rows = Array.from({ length: 240 }, (_, i) => ({
    threadId: thread.id, consultationId: c.id, isOpening: i === 0, authorId: author.id, authorCategory: "individual" as const,
    bodySource: `post ${i}`, bodyHtml: renderRichText(`post ${i}`), status: "published" as const, depth: i === 0 ? 0 : 1,
  }));
  await t.prisma.post.createMany({ data: rows });
  const posts = await t.prisma.post.findMany({ where: { threadId: thread.id }, select: { id: true } });
  await t.prisma.endorsement.createMany({ data: posts.map((p) => ({ userId: endorser.id, postId: p.id, category: "academia" as const })) });
  client = t.client();
  await logIn(client, endorser);
});
afterAll(async () => {
  await t.stop();
});

async function countQueries(fn: () => Promise<unknown>): Promise<number> {
  queries = 0;
  counting = true;
  try {
    await fn();
  } finally {
    counting = false;
  }
  return queries;
}

describe("reading at any size", () => {
  it("uses the same number of queries for a page of 5 and a page of 100 (no N+1)", async () => {
    const small = await countQueries(() => client.get(`/api/threads/${threadId}/posts?limit=5`));
    const large = await countQueries(() => client.get(`/api/threads/${threadId}/posts?limit=100`));
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
    const smallThreads = await countQueries(() => client.get(`/api/consultations/${consultationId}/threads?limit=1`));
    const largeThreads = await countQueries(() => client.get(`/api/consultations/${consultationId}/threads?limit=100`));
    expect(largeThreads).toBe(smallThreads);
    const smallList = await countQueries(() => client.get(`/api/consultations?limit=1`));
    const largeList = await countQueries(() => client.get(`/api/consultations?limit=100`));
    expect(largeList).toBe(smallList);
  });

  it("pages a thread without duplicates or gaps while posts are inserted", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    do {
      const res: { body: { items: { id: string; seq: number }[]; nextCursor: string | null } } = await client.get(
        `/api/threads/${threadId}/posts?limit=37${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...res.body.items.map((p) => p.id));
      cursor = res.body.nextCursor;
      // Someone replies while we read: the new post lands after what we have seen.
      if (inserted < 5) {
        await t.prisma.post.create({
          data: { threadId, consultationId, authorId: author.id, authorCategory: "individual", bodySource: `late ${inserted}`, bodyHtml: "<p>late</p>", status: "published", depth: 1 },
        });
        inserted++;
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(240 + inserted);
    const all = await t.prisma.post.findMany({ where: { threadId }, orderBy: { seq: "asc" }, select: { id: true } });
    expect(seen).toEqual(all.map((p) => p.id));
  });

  it("rejects a tampered cursor with 400", async () => {
    const res = await client.get(`/api/threads/${threadId}/posts?cursor=not-a-cursor`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("query.cursor");
  });
});
