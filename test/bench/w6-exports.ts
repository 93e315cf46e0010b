// W6 exports under live load: the contributions CSV and XLSX and the package (ZIP) of a 100,000-post
// thread, each timed with the server's peak resident-memory growth while it runs; the CSV beside its
// ceilings (PostgreSQL only): `psql \copy` of the same statements Roundtable's COPY runs, whose output is
// checked byte-identical to the download (the ceiling), and `psql \copy` of the same rows with
// simpler columns (no tallies by category, HTML instead of text, the measure of earlier runs); then W3 (1,000
// sockets, one post a second) alone and again while the three exports run back to back, to see what an
// organiser's export costs the readers of a live thread. Targets (issue 12): CSV at least 0.75 of COPY,
// RSS growth under 150 MB, W3's p99 at most doubled meanwhile.
import crypto from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import type { Consultation } from "../../server/db/generated/client.ts";
import { audienceFor } from "../../server/exports/scope.ts";
import { endorsementsCsvSelect, postsCsvSelect } from "../../server/exports/csv-copy.ts";
import { contributionsCsvTable } from "../../server/exports/formats/contributions.ts";
import { fanoutOurs, type FanoutResult } from "./w3-fanout.ts";
import { loadAverage, rssMiBOf } from "./lib/machine.ts";
import { fmt } from "./lib/stats.ts";
import { table, writeSection } from "./lib/results.ts";
import type { BenchForum } from "./lib/seed.ts";

const run = promisify(execFile);
const CSV_ROUNDS = 3;

interface ExportRun {
  name: string;
  seconds: number;
  bytes: number;
  sha256?: string;
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

async function download(url: string, init: RequestInit = {}): Promise<{ status: number; bytes: number; sha256: string }> {
  const res = await fetch(url, init);
  let bytes = 0;
  const hash = crypto.createHash("sha256");
  if (res.body) for await (const chunk of res.body) (bytes += (chunk as Uint8Array).byteLength), hash.update(chunk as Uint8Array);
  return { status: res.status, bytes, sha256: hash.digest("hex") };
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

async function timed(pid: number, name: string, go: () => Promise<{ status: number; bytes: number; sha256: string }>): Promise<ExportRun> {
  const started = performance.now();
  const { value, growthMiB } = await withPeakRss(pid, go);
  return { name, seconds: (performance.now() - started) / 1000, bytes: value.bytes, sha256: value.sha256, rssGrowthMiB: growthMiB, status: value.status };
}

/**
 * The ceiling: `psql \copy` of the statements the public CSV's COPY runs (server/exports/csv-copy.ts),
 * after the same header, in one psql process; its bytes are compared with the download's. The bench
 * consultation has no positions nor draft texts, so those two statements are the whole CSV.
 */
async function identicalCopyCeiling(databaseUrl: string, consultationId: string): Promise<ExportRun> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string; status: string; access_mode: string; texts: boolean; positions: boolean }>(
    `SELECT id, status::text, access_mode::text, EXISTS (SELECT 1 FROM text_documents WHERE consultation_id = $1) AS texts,
            EXISTS (SELECT 1 FROM positions WHERE consultation_id = $1) AS positions FROM consultations WHERE id = $1`,
    [consultationId],
  );
  await client.end();
  const c = rows[0]!;
  if (c.texts || c.positions) throw new Error("the identical ceiling assumes a consultation without positions or draft texts");
  const audience = audienceFor({ id: c.id, status: c.status, accessMode: c.access_mode } as Consultation, "public");
  // Through temporary views: the statements' literals hold new lines, which end a \copy command.
  const copy = (view: string, statement: { text: string }) => ["-c", `CREATE TEMP VIEW ${view} AS ${statement.text}`, "-c", `\\copy (SELECT * FROM ${view}) TO STDOUT WITH (FORMAT csv)`];
  const header = contributionsCsvTable("public").header();
  const started = performance.now();
  const statements = [...copy("ceiling_posts", postsCsvSelect(audience, false)), ...copy("ceiling_endorsements", endorsementsCsvSelect(audience))];
  const { stdout } = await run("psql", [databaseUrl, "-q", "-c", "SET jit = off", ...statements], { maxBuffer: 2 ** 31 - 1, encoding: "buffer" });
  const seconds = (performance.now() - started) / 1000;
  const sha256 = crypto.createHash("sha256").update(header).update(stdout).digest("hex");
  return { name: "`psql \\copy`, byte-identical (ceiling)", seconds, bytes: Buffer.byteLength(header) + stdout.byteLength, sha256, rssGrowthMiB: NaN, status: 200 };
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
  return { name: "`psql \\copy`, simpler columns", seconds: (performance.now() - started) / 1000, bytes, rssGrowthMiB: NaN, status: 200 };
}

export async function runExportsBench(opts: { url: string; pid: number; forum: BenchForum; databaseUrl?: string; kind: string; sockets: number; posts: number }): Promise<void> {
  const load = [loadAverage()];
  const rows: ExportRun[] = [];
  // Alone, one after another: each export's time and memory. The CSV and its ceilings in interleaved
  // rounds (medians of the times; the largest memory growth).
  const [csvExport, ...others] = EXPORTS(opts.url, opts.forum);
  const rounds: ExportRun[][] = [];
  for (let round = 0; round < CSV_ROUNDS; round++) {
    const runs = [await timed(opts.pid, csvExport!.name, csvExport!.go)];
    if (opts.databaseUrl) runs.push(await identicalCopyCeiling(opts.databaseUrl, opts.forum.consultationId), await copyCeiling(opts.databaseUrl, opts.forum.consultationId));
    rounds.push(runs);
  }
  const medianRun = (i: number): ExportRun => {
    const runs = rounds.map((r) => r[i]!);
    const times = runs.map((r) => r.seconds).sort((a, b) => a - b);
    return { ...runs[0]!, seconds: times[Math.floor(times.length / 2)]!, rssGrowthMiB: Math.max(...runs.map((r) => r.rssGrowthMiB)) };
  };
  const csvRows = rounds[0]!.map((_, i) => medianRun(i));
  for (const e of others) rows.push(await timed(opts.pid, e.name, e.go));
  rows.unshift(csvRows[0]!);
  rows.push(...csvRows.slice(1));
  for (const r of rows) console.log(`W6 ${r.name}: ${r.status} ${r.seconds.toFixed(1)} s ${(r.bytes / 2 ** 20).toFixed(0)} MiB, RSS +${fmt(r.rssGrowthMiB)} MiB`);
  const identical = csvRows[1] ? csvRows[1].sha256 === csvRows[0]!.sha256 : undefined;

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

  const [csv, copy, simpler] = csvRows;
  const exportRow = (r: ExportRun) => [r.name, r.status, r.seconds.toFixed(1), (r.bytes / 2 ** 20).toFixed(1), Number.isNaN(r.rssGrowthMiB) ? "–" : r.rssGrowthMiB.toFixed(0)];
  const fanRow = (name: string, f: FanoutResult) => [name, f.sockets, f.posts, fmt(f.p50), fmt(f.p99), fmt(f.max), `${(f.delivered * 100).toFixed(1)}%`];
  writeSection(
    `w6-${opts.kind}`,
    `W6 exports while a thread is live (${opts.kind === "postgres" ? "PostgreSQL" : "PGlite"})`,
    `The 100,000-post thread of W1/W3. Each export downloaded in full over loopback; time in s, size in MiB,
peak growth of the server's resident memory (sampled every 100 ms) over its value at the start, in MiB.
The CSV and its two ceilings: ${CSV_ROUNDS} interleaved rounds, median times. The ceiling is \`psql \\copy\` of the
statements Roundtable's COPY runs, after the same header, in one psql process: its output is
${identical === undefined ? "–" : identical ? "byte-identical to the download (checked)" : "NOT byte-identical to the download"}. CSV ratio (ceiling time / ours): ${copy ? (copy.seconds / csv!.seconds).toFixed(2) : "– (no ceiling on PGlite)"}
(target ≥ 0.75). Earlier runs' ceiling, the same rows with simpler columns (an endorsement count, the
HTML without its text): ${simpler ? (simpler.seconds / csv!.seconds).toFixed(2) : "–"}.
Then W3 (${opts.sockets} signed-in sockets, one post a second, ${opts.posts} posts) alone, and again while the
three exports run back to back (${during.length} exports finished meanwhile). Load average: ${load.join(" · ")}.

${table(["Export", "Status", "Time s", "MiB", "Peak RSS growth MiB"], rows.map(exportRow))}

${table(["Fan-out", "Sockets", "Posts", "p50", "p99", "max", "Delivered"], [fanRow("W3 alone", alone), fanRow("W3 during exports", loaded)])}

W3 p99 during exports / alone: ${(loaded.p99 / alone.p99).toFixed(2)} (target ≤ 2).`,
  );
}
