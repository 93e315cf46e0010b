// The export worker's heap is bounded (server/exports/worker/run.ts), so the main thread hands it rows in
// messages of bounded text (rowsWithinBudget): a consultation of the longest posts, in a script whose
// text takes two bytes a character, goes out in cut batches, and its package still has every row, whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { LIMITS } from "../../shared/limits.ts";
import { ROWS_MESSAGE_CHARS, rowsWithinBudget } from "../../server/exports/job-task.ts";
import { downloadByPost, zipEntries } from "./support.ts";

let t: TestServer;
let organiser: TestClient;
let consultationId: string;
/** Keyset reads of posts (the package's, in the job runner): more than one batch's worth means cut batches. */
let postReads = 0;
const POSTS = 240;
// Greek: every character of the text is two bytes in UTF-8 and in V8's strings.
const body = (i: number) => `Πρόταση ${i}: ${"αβγδεζηθικ ".repeat(Math.floor((LIMITS.richTextMax - 40) / 11))}τέλος ${i}`;

beforeAll(async () => {
  t = await startTestServer({ onQuery: (sql) => { if (/FROM posts p\b/.test(sql) && /ORDER BY p\.seq LIMIT/.test(sql)) postReads++; } });
  const user = await createUser(t.prisma);
  organiser = t.client();
  await logIn(organiser, user);
  const c = await createConsultation(t.prisma, { createdById: user.id });
  consultationId = c.id;
  const thread = await t.prisma.thread.create({ data: { consultationId, title: "Long posts", authorId: user.id } });
  await t.prisma.post.createMany({
    data: Array.from({ length: POSTS }, (_, i) => ({
      threadId: thread.id, consultationId, isOpening: i === 0, authorId: user.id, authorCategory: "individual" as const, depth: i === 0 ? 0 : 1,
      bodySource: body(i), bodyHtml: `<p>${body(i)}</p>`, status: "published" as const,
    })),
  });
}, 120_000);
afterAll(async () => {
  await t.stop();
});

describe("rows handed to the export worker", () => {
  it("are cut to the message budget, never below one row, and not cut when they fit", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, text: "x".repeat(100) }));
    expect(rowsWithinBudget(rows, 350)).toHaveLength(3);
    expect(rowsWithinBudget(rows, 10)).toHaveLength(1);
    expect(rowsWithinBudget(rows, 10_000)).toBe(rows);
    expect(rowsWithinBudget([], 10)).toEqual([]);
    // Lists and records count too: a position's evidence can be most of its text.
    const withEvidence = Array.from({ length: 4 }, (_, i) => ({ id: `p${i}`, evidence: [{ citation: "y".repeat(100), url: "z".repeat(100) }] }));
    expect(rowsWithinBudget(withEvidence, 460)).toHaveLength(2);
  });

  it("carry a package of the longest posts whole, in cut batches", async () => {
    // The posts' text (HTML and plain) is several budgets' worth: the batches must have been cut.
    expect(POSTS * 2 * LIMITS.richTextMax).toBeGreaterThan(2 * ROWS_MESSAGE_CHARS);
    const before = postReads;
    const res = await downloadByPost(organiser, `/api/consultations/${consultationId}/exports/package.zip?scope=staff`);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    const entries = await zipEntries(res.bytes);
    const json = JSON.parse(entries.get("contributions.json")!.toString("utf8")) as { posts: { seq: number; body: string }[] };
    expect(json.posts).toHaveLength(POSTS);
    const seqs = json.posts.map((p) => p.seq);
    expect(new Set(seqs).size).toBe(POSTS);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(json.posts.map((p) => p.body)).toEqual(Array.from({ length: POSTS }, (_, i) => body(i)));
    expect(entries.get("contributions.csv")!.toString("utf8").match(/^post,/gm)).toHaveLength(POSTS);
    // 240 posts fit one batch: without the budget, three reads (the report data's one, the package's one
    // and the empty one that ends them). With it, the package's batch is cut into three messages or more.
    expect(postReads - before).toBeGreaterThanOrEqual(5);
  });
});
