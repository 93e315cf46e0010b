// W6 exports under live load: the contributions CSV and XLSX and the package (ZIP) of a 100,000-post
// thread, each timed with the server's peak resident-memory growth while it runs; the CSV beside its
// ceiling, `psql \copy` of the same rows and columns computed in SQL (PostgreSQL only); then W3 (1,000
// sockets, one post a second) alone and again while the three exports run back to back, to see what an
// organiser's export costs the readers of a live thread. Targets (issue 12): CSV at least 0.75 of COPY,
// RSS growth under 150 MB, W3's p99 at most doubled meanwhile.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fanoutOurs, type FanoutResult } from "./w3-fanout.ts";
import { loadAverage, rssMiBOf } from "./lib/machine.ts";
import { fmt } from "./lib/stats.ts";
import { table, writeSection } from "./lib/results.ts";
import type { BenchForum } from "./lib/seed.ts";

const run = promisify(execFile);

interface ExportRun {
  name: string;
  seconds: number;
  bytes: number;
  rssGrowthMiB: number;
  status: number;
}

/** Samples the server's RSS every 100 ms while `work` runs: the peak growth over the start. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; growthMiB: number }> {
  const start = rssMiBOf(pid);
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, rssMiBOf(pid))), 100);
  try {
    const value = await work();
    return { value, growthMiB: Math.max(peak, rssMiBOf(pid)) - start };
  } finally {
    clearInterval(timer);
  }
}

async function download(url: string, init: RequestInit = {}): Promise<{ status: number; bytes: number }> {
  const res = await fetch(url, init);
  let bytes = 0;
  if (res.body) for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  return { status: res.status, bytes };
}

const EXPORTS = (url: string, forum: BenchForum) => {
  const organiser = forum.users[0]!; // bu0 organises the bench consultation
  const staff = { headers: { cookie: organiser.cookie, "x-csrf-token": organiser.csrf } };
  return [
    { name: "CSV, public", go: () => download(`${url}/api/consultations/${forum.consultationId}/exports/contributions.csv`) },
    { name: "XLSX, public", go: () => download(`${url}/api/consultations/${forum.consultationId}/exports/contributions.xlsx`) },
    { name: "package (ZIP), staff", go: () => download(`${url}/api/consultations/${forum.consultationId}/exports/package.zip?scope=staff`, { method: "POST", ...staff }) },
  ];
};

async function timed(pid: number, name: string, go: () => Promise<{ status: number; bytes: number }>): Promise<ExportRun> {
  const started = performance.now();
  const { value, growthMiB } = await withPeakRss(pid, go);
  return { name, seconds: (performance.now() - started) / 1000, bytes: value.bytes, rssGrowthMiB: growthMiB, status: value.status };
}

/**
 * The ceiling: the same rows as the public CSV (the published posts, then the endorsements of those
 * posts), with the same columns computed in SQL, written by `psql \copy`, one command after the other.
 */
async function copyCeiling(databaseUrl: string, consultationId: string): Promise<ExportRun> {
  const visiblePost = `p.consultation_id = '${consultationId}' AND p.status = 'published' AND NOT p.quarantined`;
  const posts = `SELECT p.id, p.seq, p.thread_id, t.title, q.ordinal, p.parent_id, p.reply_type, p.is_opening, p.author_id, u.display_name,
      p.on_behalf_of_organisation_id, o.name, p.author_category, p.body_html, p.status, p.version, p.edited_at, p.created_at,
      (SELECT count(*) FROM endorsements e WHERE e.post_id = p.id)
    FROM posts p JOIN threads t ON t.id = p.thread_id LEFT JOIN questions q ON q.id = t.question_id
    JOIN users u ON u.id = p.author_id LEFT JOIN organisations o ON o.id = p.on_behalf_of_organisation_id
    WHERE ${visiblePost} ORDER BY p.seq`;
  const endorsements = `SELECT e.id, e.post_id, e.category, e.created_at FROM endorsements e JOIN posts p ON p.id = e.post_id WHERE ${visiblePost} ORDER BY e.id`;
  const started = performance.now();
  let bytes = 0;
  for (const query of [posts, endorsements]) {
    const { stdout } = await run("psql", [databaseUrl, "-q", "-c", `\\copy (${query.replace(/\s+/g, " ")}) TO STDOUT WITH CSV HEADER`], { maxBuffer: 2 ** 31 - 1, encoding: "buffer" });
    bytes += stdout.byteLength;
  }
  return { name: "`psql \\copy` (ceiling)", seconds: (performance.now() - started) / 1000, bytes, rssGrowthMiB: NaN, status: 200 };
}

export async function runExportsBench(opts: { url: string; pid: number; forum: BenchForum; databaseUrl?: string; kind: string; sockets: number; posts: number }): Promise<void> {
  const load = [loadAverage()];
  const rows: ExportRun[] = [];
  // Alone, one after another: each export's time and memory.
  for (const e of EXPORTS(opts.url, opts.forum)) rows.push(await timed(opts.pid, e.name, e.go));
  if (opts.databaseUrl) rows.push(await copyCeiling(opts.databaseUrl, opts.forum.consultationId));
  for (const r of rows) console.log(`W6 ${r.name}: ${r.status} ${r.seconds.toFixed(1)} s ${(r.bytes / 2 ** 20).toFixed(0)} MiB, RSS +${fmt(r.rssGrowthMiB)} MiB`);

  load.push(loadAverage());
  const alone: FanoutResult = await fanoutOurs({ url: opts.url, pid: opts.pid, forum: opts.forum, sockets: opts.sockets, posts: opts.posts });
  load.push(loadAverage());
  // The same fan-out while the exports run back to back until it ends.
  let stop = false;
  const during: ExportRun[] = [];
  const exporting = (async () => {
    while (!stop) for (const e of EXPORTS(opts.url, opts.forum)) if (!stop) during.push(await timed(opts.pid, `${e.name} (during W3)`, e.go));
  })();
  const loaded = await fanoutOurs({ url: opts.url, pid: opts.pid, forum: opts.forum, sockets: opts.sockets, posts: opts.posts });
  stop = true;
  await exporting;

  const csv = rows.find((r) => r.name.startsWith("CSV"))!;
  const copy = rows.find((r) => r.name.includes("ceiling"));
  const exportRow = (r: ExportRun) => [r.name, r.status, r.seconds.toFixed(1), (r.bytes / 2 ** 20).toFixed(1), Number.isNaN(r.rssGrowthMiB) ? "–" : r.rssGrowthMiB.toFixed(0)];
  const fanRow = (name: string, f: FanoutResult) => [name, f.sockets, f.posts, fmt(f.p50), fmt(f.p99), fmt(f.max), `${(f.delivered * 100).toFixed(1)}%`];
  writeSection(
    `w6-${opts.kind}`,
    `W6 exports while a thread is live (${opts.kind === "postgres" ? "PostgreSQL" : "PGlite"})`,
    `The 100,000-post thread of W1/W3. Each export downloaded in full over loopback; time in s, size in MiB,
peak growth of the server's resident memory (sampled every 100 ms) over its value at the start, in MiB.
The ceiling writes the same rows (the published posts, then their endorsements) with the same columns
(an endorsement count instead of the tally by category) as CSV from SQL; it is not byte-identical
(Roundtable converts HTML to text and adds the tallies by category). CSV ratio (ceiling time / ours): ${copy ? (copy.seconds / csv.seconds).toFixed(2) : "– (no ceiling on PGlite)"}.
Then W3 (${opts.sockets} signed-in sockets, one post a second, ${opts.posts} posts) alone, and again while the
three exports run back to back (${during.length} exports finished meanwhile). Load average: ${load.join(" · ")}.

${table(["Export", "Status", "Time s", "MiB", "Peak RSS growth MiB"], rows.map(exportRow))}

${table(["Fan-out", "Sockets", "Posts", "p50", "p99", "max", "Delivered"], [fanRow("W3 alone", alone), fanRow("W3 during exports", loaded)])}

W3 p99 during exports / alone: ${(loaded.p99 / alone.p99).toFixed(2)} (target ≤ 2).`,
  );
}
