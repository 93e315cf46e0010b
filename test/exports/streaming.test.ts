// Exports stream from the database in keyset batches instead of loading every row: counted with the
// query hook, the number of batch reads grows with rows / batch size, and the whole export arrives
// (the CSV on PostgreSQL: COPY, one statement for the posts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRequestQuery, startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { EXPORT_BATCH_SIZE } from "../../server/exports/rows.ts";
import { TEST_DB } from "../support/db.ts";
import { download, xlsxSheets } from "./support.ts";

let t: TestServer;
let counting = false;
const queries: string[] = [];
let big: string;
let small: string;
let client: TestClient;

async function seed(consultationId: string, authorId: string, count: number) {
  const thread = await t.prisma.thread.create({ data: { consultationId, title: "Long thread", authorId } });
  for (let start = 0; start < count; start += 2_500) {
    const rows = Array.from({ length: Math.min(2_500, count - start) }, (_, k) => {
      const i = start + k;
      return {
        threadId: thread.id, consultationId, isOpening: i === 0, authorId, authorCategory: "individual" as const, depth: i === 0 ? 0 : 1,
        bodySource: `Contribution number ${i} about proportionality.`, bodyHtml: `<p>Contribution number ${i} about proportionality.</p>`, status: "published" as const,
      };
    });
    await t.prisma.post.createMany({ data: rows });
  }
}

beforeAll(async () => {
  t = await startTestServer({ onQuery: (sql, made) => { if (counting && isRequestQuery(sql, made)) queries.push(sql); } });
  const author = await createUser(t.prisma);
  big = (await createConsultation(t.prisma, { createdById: author.id })).id;
  small = (await createConsultation(t.prisma, { createdById: author.id })).id;
  await seed(big, author.id, 5_000);
  await seed(small, author.id, 1_500);
  client = t.client();
  await logIn(client, author);
}, 120_000);
afterAll(async () => {
  await t.stop();
});

/** The keyset reads of posts: ordered by seq, limited to a batch. */
const postBatchReads = () => queries.filter((q) => /FROM posts p\b/.test(q) && /ORDER BY p\.seq LIMIT/.test(q)).length;

async function counted<T>(fn: () => Promise<T>): Promise<T> {
  queries.length = 0;
  counting = true;
  try {
    return await fn();
  } finally {
    counting = false;
  }
}

describe("streaming exports", () => {
  it("reads 5,000 posts in keyset batches: the reads grow with rows / batch size", async () => {
    expect(EXPORT_BATCH_SIZE).toBe(1_000);
    const csv = await counted(() => download(client, `/api/consultations/${big}/exports/contributions.csv`));
    expect(csv.status).toBe(200);
    expect(csv.text.match(/^post,/gm)).toHaveLength(5_000);
    if (TEST_DB === "postgres") {
      // The database writes the CSV's posts and endorsements: one COPY each, whatever the number of rows.
      expect(queries.filter((q) => q.startsWith("COPY (")).length).toBe(2);
      expect(postBatchReads()).toBe(0);
    } else {
      // 5 full batches and the empty read that ends them.
      expect(postBatchReads()).toBe(6);
    }
    // A few queries per batch (endorsement tallies), never one per row.
    expect(queries.length).toBeLessThan(60);

    await counted(() => download(client, `/api/consultations/${small}/exports/contributions.csv`));
    expect(postBatchReads()).toBe(TEST_DB === "postgres" ? 0 : 2);
  });

  it("streams the JSON and XLSX exports the same way, complete", async () => {
    const json = await counted(() => client.get(`/api/consultations/${big}/exports/contributions.json`));
    expect(json.status).toBe(200);
    expect(json.body.posts).toHaveLength(5_000);
    expect(json.body.posts.map((p: { seq: number }) => p.seq)).toEqual([...json.body.posts.map((p: { seq: number }) => p.seq)].sort((a: number, b: number) => a - b));
    expect(postBatchReads()).toBe(6);

    const xlsx = await counted(() => download(client, `/api/consultations/${big}/exports/contributions.xlsx`));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect(postBatchReads()).toBe(6);
    const sheets = await xlsxSheets(xlsx.bytes);
    expect(sheets.get("posts")).toHaveLength(5_001);
    expect(sheets.get("posts")![4_000]![sheets.get("posts")![0]!.indexOf("body")]).toBe("Contribution number 3999 about proportionality.");
    expect(sheets.get("positions")).toHaveLength(1);
  });
});
