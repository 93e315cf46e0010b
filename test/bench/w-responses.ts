// W-responses: formal responses at scale (issue 14, item 7). One consultation with a questionnaire and
// `responses` responses already in the database (seeded in SQL: 30% copies of a campaign letter with a
// sentence of their own, the rest individual texts), then against the running server:
//   1. submissions, open loop at `rate`/s for `seconds` s, each from another signed-in user (PUT
//      .../responses/mine with submit), a third of them campaign copies: p50/p99, answers, and afterwards
//      how many were committed and how many campaign copies were grouped (grouping runs beside the
//      requests: how many still waited when the last answer came, and how long until none did);
//   2. the published-responses page and its filters (category, country, answer), sequentially;
//   3. the public CSV export streamed in full, against COPY of the same rows as CSV (psql; on PGlite the
//      SELECT of them), with the server's RSS before and after.
// Targets (issue 14): 200/s sustained with p99 < 200 ms; pages < 300 ms; CSV >= half the ceiling; memory bounded.
//   npm run bench -- --only=responses --db=postgres                 (1,000,000 responses; long: not on a shared machine)
//   npm run bench -- --only=responses --db=pglite --responses=100000
//   npx tsx test/bench/w-responses.ts --tiny                        (a few hundred rows: checks that it works; writes nothing)
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { createBenchDatabase, type DbKind, type Sql } from "./lib/database.ts";
import { seedForum, type BenchUser } from "./lib/seed.ts";
import { startBenchServer } from "./lib/server.ts";
import { request } from "./lib/http.ts";
import { loadAverage, rssMiBOf } from "./lib/machine.ts";
import { fmt, summarize } from "./lib/stats.ts";
import { table, writeSection } from "./lib/results.ts";

const CATEGORIES = ["child_rights", "civil_society", "digital_rights", "industry", "public_authority", "academia", "individual"];
const COUNTRIES = ["BE", "DE", "FR", "IE", "IT", "NL", "PL", "ES"];
const LETTER =
  "I am writing to oppose the proposed detection orders because scanning private messages breaks end to end encryption for everyone and cannot be limited to the people it targets";
const QUESTIONNAIRE = {
  title: "Benchmark questionnaire",
  sections: [
    {
      key: "main",
      title: "Main",
      questions: [
        { key: "support", label: "Do you support the proposal?", type: "single_choice", required: true, options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }, { key: "unsure", label: "Unsure" }] },
        { key: "trust", label: "Trust", type: "scale", min: 1, max: 5 },
        { key: "why", label: "Why?", type: "long_text" },
      ],
    },
  ],
};

export interface ResponsesBenchOptions {
  responses: number;
  rate: number;
  seconds: number;
  /** Sequential samples per page and filter. */
  pageSamples: number;
  write: boolean;
}

const WARM_UP_SECONDS = 2;

/**
 * The issue's 200/s on PostgreSQL. The embedded database runs on the server's own thread, one statement
 * at a time: 200/s is beyond it on 2 cores (about half is shed), so it is measured at a rate it can hold.
 */
export const defaultResponsesRate = (kind: DbKind) => (kind === "postgres" ? 200 : 50);

const own = (i: number) => `My own reason number ${i} is that the proposal affects my family and my work in ways nobody has assessed`;

/** The preloaded responses, in SQL batches (with their first versions), published two times in three. */
export async function seedResponses(sql: Sql, n: number) {
  await sql.query(`INSERT INTO questionnaires (id, consultation_id, definition, updated_at) VALUES ('bench_qn', 'bench_c', $1, now())`, [JSON.stringify(QUESTIONNAIRE)]);
  const BATCH = 50_000;
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH) - 1;
    // The first version of each in the same statement: a response always has its submitted version.
    await sql.query(
      `WITH ins AS (
         INSERT INTO responses (id, consultation_id, respondent_id, capacity_key, category, country, status, consent, answers, submission_number, version, submitted_at, indexed_at, channel, external_name, updated_at)
         SELECT 'br_' || i, 'bench_c', NULL, 'paper:' || i, ($1::text[])[1 + i % 7]::"StakeholderCategory", ($2::text[])[1 + i % 8], 'submitted',
                (CASE i % 3 WHEN 2 THEN 'do_not_publish' ELSE 'publish_named' END)::"ConsentChoice",
                jsonb_build_object('support', (ARRAY['yes','no','unsure'])[1 + i % 3], 'trust', 1 + i % 5,
                  'why', CASE WHEN i % 10 < 3 THEN $3 || '. Reason ' || i || '.' ELSE 'Individual answer ' || i || ' about detection orders, encryption and safety online' END),
                'RT-B' || lpad(i::text, 8, '0'), 1, now() - (i || ' seconds')::interval, now(), 'paper', 'Seeded respondent ' || i, now()
         FROM generate_series($4::int, $5::int) i
         RETURNING id, answers, consent, country, submitted_at)
       INSERT INTO response_versions (response_id, version, answers, consent, country, submitted_at) SELECT id, 1, answers, consent, country, submitted_at FROM ins`,
      [CATEGORIES, COUNTRIES, LETTER, from, to],
    );
  }
  // The published counts, as the indexing queue keeps them (tallies.ts: every published response once with
  // no question, and once per choice or scale answer). The seeded responses' own `tallied` keys are left
  // empty: the bench never amends them.
  await sql.query(
    `INSERT INTO response_tallies (consultation_id, question_key, answer, category, country, channel, suspected, impersonated, n)
     SELECT 'bench_c', k.q, k.a, r.category, coalesce(r.country, ''), r.channel, false, false, count(*)
     FROM responses r CROSS JOIN LATERAL (VALUES ('', ''), ('support', r.answers ->> 'support'), ('trust', r.answers ->> 'trust')) AS k(q, a)
     WHERE r.consultation_id = 'bench_c' AND r.status = 'submitted' AND r.consent IN ('publish_named', 'publish_anonymous')
     GROUP BY 1, 2, 3, 4, 5, 6`,
  );
  await sql.query(`ANALYZE responses`);
  // The seeding's dirty pages written out now, not by a checkpoint in the middle of the measured burst.
  await sql.query(`CHECKPOINT`);
}

/**
 * Open loop: request i is sent at i / rate seconds, whatever happened to the ones before. `textsFrom`: the
 * number the answers' own texts start at (the warm-up's must not repeat the measured run's).
 */
async function submitOpenLoop(url: string, users: BenchUser[], rate: number, seconds: number, textsFrom = 0) {
  const total = Math.min(users.length, Math.round(rate * seconds));
  const started = performance.now();
  const results: Promise<{ status: number; ms: number }>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const u = users[i]!;
    const campaign = i % 3 === 0;
    const body = JSON.stringify({
      submit: true,
      consent: i % 4 === 0 ? "publish_anonymous" : "publish_named",
      country: COUNTRIES[i % COUNTRIES.length],
      answers: { support: ["yes", "no", "unsure"][i % 3], trust: 1 + (i % 5), why: campaign ? `${LETTER}. ${own(textsFrom + i)}.` : `${own(textsFrom + i)} and also ${textsFrom + i}` },
    });
    results.push(request(`${url}/api/consultations/bench_c/responses/mine`, { method: "PUT", body, headers: { "content-type": "application/json", cookie: u.cookie, "x-csrf-token": u.csrf } }));
  }
  const done = await Promise.all(results);
  const statuses: Record<number, number> = {};
  for (const r of done) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return { sent: total, statuses, ...summarize(done.map((r) => r.ms)), wallSeconds: (performance.now() - started) / 1000 };
}

/** After the burst: how many responses still wait for grouping, and the seconds until none do. */
async function groupingLag(url: string) {
  const started = performance.now();
  // A server still shedding load (503) after the burst counts as not caught up.
  const waitingOf = async () => {
    const r = await request(`${url}/api/consultations/bench_c/campaigns`);
    return r.status === 200 ? (JSON.parse(r.body).waitingForGrouping as number) : Infinity;
  };
  const atEnd = await waitingOf();
  for (let w = atEnd; w > 0; w = await waitingOf()) await new Promise((r) => setTimeout(r, 100));
  return { atEnd, seconds: (performance.now() - started) / 1000 };
}

async function samplePages(url: string, samples: number) {
  const paths = {
    "first page": "/api/consultations/bench_c/responses",
    "category=industry": "/api/consultations/bench_c/responses?category=industry",
    "country=DE": "/api/consultations/bench_c/responses?country=DE",
    "answer support=no": "/api/consultations/bench_c/responses?question=support&answer=no",
    "category+country+answer": "/api/consultations/bench_c/responses?category=individual&country=FR&question=support&answer=yes",
  };
  const rows: (string | number)[][] = [];
  for (const [name, path] of Object.entries(paths)) {
    await request(url + path); // warm-up
    const ms: number[] = [];
    let status = 0;
    for (let i = 0; i < samples; i++) {
      const r = await request(url + path);
      status = r.status;
      ms.push(r.ms);
    }
    const s = summarize(ms);
    rows.push([name, status, fmt(s.p50), fmt(s.p99), s.p99 < 300 ? "under 300 ms" : "OVER 300 ms"]);
  }
  return rows;
}

async function exportCsv(url: string) {
  const started = performance.now();
  const r = await request(`${url}/api/consultations/bench_c/exports/responses.csv`, { timeoutMs: 3_600_000 });
  const seconds = (performance.now() - started) / 1000;
  const rows = Math.max(0, r.body.split("\n").length - 2);
  return { status: r.status, seconds, rows, mib: Buffer.byteLength(r.body) / (1024 * 1024) };
}

/**
 * The ceiling on PostgreSQL: COPY of the same published rows and columns as CSV, through psql to nowhere
 * (the issue's measure). On PGlite, which has no COPY to a client, the SELECT of them.
 */
async function copyCeiling(databaseUrl: string) {
  const query = `COPY (SELECT submission_number, submitted_at, amended_at, version, external_name, category, country, answers::text
    FROM responses WHERE consultation_id = 'bench_c' AND status = 'submitted' AND consent IN ('publish_named', 'publish_anonymous')) TO STDOUT WITH (FORMAT csv)`;
  const started = performance.now();
  const out = execFileSync("psql", [databaseUrl, "-X", "-q", "-c", query], { maxBuffer: 4 * 1024 ** 3 });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, rows: out.toString("latin1").split("\n").length - 1 };
}

async function selectCeiling(sql: Sql) {
  const started = performance.now();
  const res = await sql.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM (SELECT submission_number, submitted_at, amended_at, version, external_name, category, country, answers::text
       FROM responses WHERE consultation_id = 'bench_c' AND status = 'submitted' AND consent IN ('publish_named', 'publish_anonymous')) s`,
  );
  return { seconds: (performance.now() - started) / 1000, rows: Number(res.rows[0]!.n) };
}

export async function runResponsesBench(kind: DbKind, opts: ResponsesBenchOptions) {
  const db = await createBenchDatabase(kind);
  try {
    let sql = await db.open();
    const warmUp = Math.round(opts.rate * WARM_UP_SECONDS);
    const forum = await seedForum(sql, { users: Math.max(10, Math.round(opts.rate * opts.seconds)) + warmUp });
    const seedStarted = performance.now();
    await seedResponses(sql, opts.responses);
    const seededIn = (performance.now() - seedStarted) / 1000;
    await sql.close();
    console.log(`W-responses ${kind}: seeded ${opts.responses} responses in ${fmt(seededIn)} s`);
    const server = await startBenchServer(db.env);
    let submit, lag, pages, csv, rssBefore, rssAfter;
    let warmedBy: string[] = [];
    const loadBefore = loadAverage();
    try {
      // Warm-up at the measured rate, from users the measured run does not use: a freshly started process
      // answers its first second of a burst slowly (p99 up to 200 ms while V8 optimises the hot path; the
      // same with the pool's connections already open; 2 s at the rate settle it), and the target is for a
      // sustained rate.
      const warm = forum.users.splice(0, warmUp);
      warmedBy = warm.map((u) => u.id);
      await submitOpenLoop(server.url, warm, opts.rate, WARM_UP_SECONDS, forum.users.length);
      submit = await submitOpenLoop(server.url, forum.users, opts.rate, opts.seconds);
      console.log(`  submissions ${opts.rate}/s: ${JSON.stringify(submit.statuses)}; p50 ${fmt(submit.p50)} ms, p99 ${fmt(submit.p99)} ms over ${fmt(submit.wallSeconds, 1)} s`);
      lag = await groupingLag(server.url);
      console.log(`  grouping: ${lag.atEnd} waiting when the burst ended, none after ${fmt(lag.seconds, 1)} s`);
      pages = await samplePages(server.url, opts.pageSamples);
      for (const p of pages) console.log(`  page ${p[0]}: p50 ${p[2]} ms, p99 ${p[3]} ms`);
      rssBefore = rssMiBOf(server.child.pid!);
      csv = await exportCsv(server.url);
      rssAfter = rssMiBOf(server.child.pid!);
      console.log(`  CSV: ${csv.status}, ${csv.rows} rows, ${fmt(csv.mib, 1)} MiB in ${fmt(csv.seconds, 2)} s; server RSS ${fmt(rssBefore)} -> ${fmt(rssAfter)} MiB`);
    } finally {
      await server.stop();
    }
    sql = await db.open();
    const ceiling = db.env.DATABASE_URL ? await copyCeiling(db.env.DATABASE_URL) : await selectCeiling(sql);
    const committed = await sql.query<{ n: string; grouped: string; campaigns: string }>(
      `SELECT count(*)::text AS n, count(campaign_id)::text AS grouped, (SELECT count(*) FROM response_campaigns WHERE consultation_id = 'bench_c')::text AS campaigns
       FROM responses WHERE consultation_id = 'bench_c' AND channel = 'web' AND status = 'submitted' AND NOT respondent_id = ANY($1::text[])`,
      // What the measured burst committed, not the warm-up.
      [warmedBy],
    );
    await sql.close();
    const c = committed.rows[0]!;
    const csvRate = csv.rows / csv.seconds;
    const ceilingRate = ceiling.rows / ceiling.seconds;
    console.log(`  committed ${c.n} web responses, ${c.grouped} in ${c.campaigns} campaign(s); CSV ${fmt(csvRate)} rows/s vs ceiling ${fmt(ceilingRate)} rows/s (${fmt((100 * csvRate) / ceilingRate)}%)`);
    if (!opts.write) return;
    writeSection(
      `w-responses-${kind}`,
      `W-responses: ${opts.responses.toLocaleString("en")} formal responses (${kind === "postgres" ? "PostgreSQL" : "PGlite"})`,
      `${opts.responses.toLocaleString("en")} responses seeded in SQL (${fmt(seededIn)} s), then (after 2 s of warm-up at the same rate) submissions in an open loop from signed-in
users (a third campaign copies with their own sentence, grouped as they arrive), the published list and its
filters (${opts.pageSamples} sequential requests each), and the public CSV export. Load average before: ${loadBefore}.

${table(["Offered", "Sent", "Answers", "p50", "p99", "Committed", "Grouped into campaigns", "Waiting for grouping at the end", "Caught up after"], [[`${opts.rate}/s × ${opts.seconds} s`, submit.sent, JSON.stringify(submit.statuses), fmt(submit.p50), fmt(submit.p99), c.n, `${c.grouped} (${c.campaigns} campaigns)`, Number.isFinite(lag.atEnd) ? lag.atEnd : "still shedding (503)", `${fmt(lag.seconds, 1)} s`]])}

${table(["Page", "Status", "p50", "p99", "Verdict"], pages)}

${table(["CSV rows", "MiB", "Seconds", "Rows/s", kind === "postgres" ? "COPY ceiling rows/s" : "SELECT ceiling rows/s", "Share", "Server RSS before → after (MiB)"], [[csv.rows, fmt(csv.mib, 1), fmt(csv.seconds, 2), fmt(csvRate), fmt(ceilingRate), `${fmt((100 * csvRate) / ceilingRate)}%`, `${fmt(rssBefore)} → ${fmt(rssAfter)}`]])}`,
    );
  } finally {
    await db.drop();
  }
}

// Run on its own: `npx tsx test/bench/w-responses.ts --tiny` (or with --responses, --rate, --seconds, --db).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { tiny: { type: "boolean" }, db: { type: "string" }, responses: { type: "string" }, rate: { type: "string" }, seconds: { type: "string" } } });
  const tiny = values.tiny ?? false;
  const kind = (values.db ?? "pglite") as DbKind;
  await runResponsesBench(kind, {
    responses: Number(values.responses ?? (tiny ? 300 : kind === "postgres" ? 1_000_000 : 100_000)),
    rate: Number(values.rate ?? (tiny ? 10 : defaultResponsesRate(kind))),
    seconds: Number(values.seconds ?? (tiny ? 2 : 60)),
    pageSamples: tiny ? 3 : 30,
    write: !tiny,
  });
  process.exit(0);
}
