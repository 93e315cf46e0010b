// W2: posting into one thread at a fixed rate (open loop), from many signed-in users through the REST
// API, as when a campaign mobilises. Every request is sent on schedule whatever the server does; each
// answer is recorded. Afterwards the database is asked what was really written: every 201 must be a
// post, and no other answer may have left one behind.
import crypto from "node:crypto";
import { request } from "./lib/http.ts";
import { summarize } from "./lib/stats.ts";
import type { BenchForum } from "./lib/seed.ts";
import type { Sql } from "./lib/database.ts";

export interface PostingResult {
  rate: number;
  seconds: number;
  sent: number;
  created: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  /** Posts found in the database for this run. */
  committed: number;
  /** Requests whose answer was not 201 but whose post exists anyway (must be 0). */
  halfWritten: number;
  retryAfterSeen: boolean;
}

export async function runPosting(url: string, forum: BenchForum, sql: () => Promise<Sql>, rate: number, seconds: number): Promise<PostingResult> {
  const tag = `w2-${rate}-${crypto.randomBytes(3).toString("hex")}`;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const answers: Promise<{ i: number; status: number; ms: number; retryAfter: boolean }>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const user = forum.users[(i * 7919) % forum.users.length]!;
    answers.push(
      request(`${url}/api/threads/${forum.threadId}/posts`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: user.cookie, "x-csrf-token": user.csrf, "idempotency-key": `${tag}-${i}` },
        body: JSON.stringify({ body: `${tag}-${i}: a reply in a burst, with enough words to look like one. **Bold** and a [link](https://example.org).` }),
      }).then((r) => ({ i, status: r.status, ms: r.ms, retryAfter: r.headers["retry-after"] !== undefined })),
    );
  }
  const results = await Promise.all(answers);
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const db = await sql();
  let committedIds: Set<number>;
  try {
    const { rows } = await db.query<{ body_source: string }>(`SELECT body_source FROM posts WHERE body_source LIKE $1`, [`${tag}-%`]);
    committedIds = new Set(rows.map((r) => Number(/-(\d+):/.exec(r.body_source)![1])));
  } finally {
    await db.close();
  }
  const halfWritten = results.filter((r) => r.status !== 201 && committedIds.has(r.i)).length;
  const ok = results.filter((r) => r.status === 201);
  const lat = summarize(results.map((r) => r.ms));
  return {
    rate,
    seconds,
    sent: total,
    created: ok.length,
    statuses,
    p50: lat.p50,
    p99: lat.p99,
    max: lat.max,
    committed: committedIds.size,
    halfWritten,
    retryAfterSeen: results.some((r) => r.status === 503 && r.retryAfter),
  };
}
