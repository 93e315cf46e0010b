// W-texts: the reading view of a long draft text. 100 articles of 10 units (1,000 units), 500 threads
// anchored to its paragraphs and points holding 10,000 comments, 250 more threads on its first paragraph
// (750 in all: past the 500 the text-wide list once stopped at), and 200 amendments with endorsements.
// One sample is the whole page load as the client makes it: GET /api/texts/:id/reading, then the opened
// unit's threads (every page) and amendments side by side; anonymous, sequentially, after a warm-up.
// Target: under 1 s on PGlite.
//   npm run bench -- --only=texts --db=pglite                       the full size (writes RESULTS.md)
//   npm run bench -- --only=texts --quick --articles=10             a smoke size (prints, writes nothing)
//   ... --cpu-prof=/tmp/prof                                         the server runs under node --cpu-prof
import { createBenchDatabase, type DbKind, type Sql } from "./lib/database.ts";
import { seedForum } from "./lib/seed.ts";
import { startServerProcess } from "../support/processes.ts";
import { BENCH_SECRET } from "./lib/seed.ts";
import { request } from "./lib/http.ts";
import { fmt, summarize } from "./lib/stats.ts";
import { table, writeSection } from "./lib/results.ts";
import { loadAverage } from "./lib/machine.ts";

const CATEGORIES = ["child_rights", "civil_society", "digital_rights", "industry", "public_authority", "academia", "individual"];

/** The unit the page opens (?unit=): the first paragraph, which also holds the first of the 500 threads. */
export const BUSY_UNIT = "art_1__para_1";
const BUSY_UNIT_EXTRA = 250;

/** Per article: the article, 3 paragraphs, each with 2 points (10 units); threads on the paragraphs and points. */
export async function seedText(sql: Sql, users: number, ARTICLES = 100) {
  await sql.query(`INSERT INTO text_documents (id, consultation_id, title, ordinal, created_by_id) VALUES ('bench_doc', 'bench_c', 'Benchmark regulation', 1, 'bu0')`);
  await sql.query(`INSERT INTO text_versions (id, document_id, number, source_format, published_by_id) VALUES ('bench_v1', 'bench_doc', 1, 'markdown', 'bu0')`);
  await sql.query(
    `INSERT INTO text_units (id, version_id, document_id, consultation_id, e_id, parent_e_id, kind, ordinal, depth, num, heading, text)
     SELECT 'bu_' || u.e_id, 'bench_v1', 'bench_doc', 'bench_c', u.e_id, u.parent, u.kind::"TextUnitKind", u.ord, u.depth, u.num, u.heading, u.text
     FROM (
       SELECT 'art_' || a AS e_id, NULL AS parent, 'article' AS kind, (a - 1) * 10 + 1 AS ord, 0 AS depth, 'Article ' || a AS num, 'Heading of article ' || a AS heading, '' AS text FROM generate_series(1, $1) a
       UNION ALL
       SELECT 'art_' || a || '__para_' || p, 'art_' || a, 'paragraph', (a - 1) * 10 + 2 + (p - 1) * 3, 1, p || '.', NULL, 'Paragraph ' || p || ' of article ' || a || ' lays down what providers shall do where:' FROM generate_series(1, $1) a, generate_series(1, 3) p
       UNION ALL
       SELECT 'art_' || a || '__para_' || p || '__point_' || chr(96 + q), 'art_' || a || '__para_' || p, 'point', (a - 1) * 10 + 2 + (p - 1) * 3 + q, 2, '(' || chr(96 + q) || ')', NULL, 'a condition of the kind a regulation sets out in a point;' FROM generate_series(1, $1) a, generate_series(1, 3) p, generate_series(1, 2) q
     ) u`,
    [ARTICLES],
  );
  // 500 threads: five per article, on its paragraphs and points in turn; 20 posts each (10,000 comments).
  const lastThread = ARTICLES * 5 - 1;
  await sql.query(
    `INSERT INTO threads (id, consultation_id, title, author_id, created_at)
     SELECT 'bt_' || i, 'bench_c', 'On a provision ' || i, 'bu' || (i % $1), now() FROM generate_series(0, $2::int) i`,
    [users, lastThread],
  );
  await sql.query(
    `INSERT INTO thread_anchors (thread_id, consultation_id, document_id, e_id, version_number)
     SELECT 'bt_' || i, 'bench_c', 'bench_doc', u.e_id, 1
     FROM generate_series(0, $1::int) i
     JOIN (SELECT e_id, row_number() OVER (ORDER BY ordinal) - 1 AS n FROM text_units WHERE version_id = 'bench_v1' AND kind <> 'article') u ON u.n = (i / 5) * 9 + (i % 5)`,
    [lastThread],
  );
  await sql.query(
    `INSERT INTO posts (id, thread_id, consultation_id, is_opening, author_id, author_category, body_source, body_html, status)
     SELECT 'bp_' || t || '_' || k, 'bt_' || t, 'bench_c', k = 0, 'bu' || ((t * 20 + k) % $1), ($2::text[])[1 + (t + k) % 7]::"StakeholderCategory", 'A comment.', '<p>A comment.</p>', 'published'
     FROM generate_series(0, $3::int) t, generate_series(0, 19) k`,
    [users, CATEGORIES, lastThread],
  );
  // The first paragraph is the busy one: 250 more threads on it (an opening post each), so its panel
  // needs two pages and a text-wide list capped at 500 threads would miss some of it.
  await sql.query(
    `INSERT INTO threads (id, consultation_id, title, author_id, created_at)
     SELECT 'btx_' || i, 'bench_c', 'On article 1(1) ' || i, 'bu' || (i % $1), now() FROM generate_series(1, $2::int) i`,
    [users, BUSY_UNIT_EXTRA],
  );
  await sql.query(`INSERT INTO thread_anchors (thread_id, consultation_id, document_id, e_id, version_number) SELECT 'btx_' || i, 'bench_c', 'bench_doc', $1, 1 FROM generate_series(1, $2::int) i`, [BUSY_UNIT, BUSY_UNIT_EXTRA]);
  await sql.query(
    `INSERT INTO posts (id, thread_id, consultation_id, is_opening, author_id, author_category, body_source, body_html, status)
     SELECT 'bpx_' || i, 'btx_' || i, 'bench_c', true, 'bu' || (i % $1), ($2::text[])[1 + i % 7]::"StakeholderCategory", 'A comment.', '<p>A comment.</p>', 'published'
     FROM generate_series(1, $3::int) i`,
    [users, CATEGORIES, BUSY_UNIT_EXTRA],
  );
  // 200 amendments, two per article on its first point (competing), each endorsed by five people.
  await sql.query(
    `INSERT INTO amendments (id, consultation_id, document_id, e_id, version_number, kind, quote, proposed_text, justification_source, justification_html, author_id, category, status)
     SELECT 'ba_' || a || '_' || k, 'bench_c', 'bench_doc', 'art_' || a || '__para_1__point_a', 1, 'replace', 'a condition', 'another condition', 'Because.', '<p>Because.</p>', 'bu' || ((a * 2 + k) % $1), ($2::text[])[1 + (a + k) % 7]::"StakeholderCategory", 'published'
     FROM generate_series(1, $3) a, generate_series(0, 1) k`,
    [users, CATEGORIES, ARTICLES],
  );
  await sql.query(
    `INSERT INTO amendment_endorsements (amendment_id, user_id, category)
     SELECT 'ba_' || a || '_' || k, 'bu' || ((a * 7 + k * 3 + e) % $1 + 1), ($2::text[])[1 + (a + k + e) % 7]::"StakeholderCategory"
     FROM generate_series(1, $3) a, generate_series(0, 1) k, generate_series(0, 4) e`,
    [users - 1, CATEGORIES, ARTICLES],
  );
}

export async function runTextsBench(kind: DbKind, quick: boolean, opts: { articles?: number; cpuProfDir?: string } = {}) {
  const ARTICLES = opts.articles ?? 100;
  // Only the full size is a result; a smoke size checks the bench and the answer, and writes nothing.
  const smoke = ARTICLES !== 100;
  const db = await createBenchDatabase(kind);
  try {
    const sql = await db.open();
    await seedForum(sql, { users: 100 });
    await seedText(sql, 100, ARTICLES);
    const counts = await sql.query<{ units: string; posts: string }>(`SELECT (SELECT count(*) FROM text_units)::text AS units, (SELECT count(*) FROM posts WHERE thread_id LIKE 'bt_%')::text AS posts`);
    await sql.close();
    // As startBenchServer, with a longer start-up allowance: this machine is shared and often loaded.
    const server = await startServerProcess({ NODE_ENV: "production", SESSION_SECRET: BENCH_SECRET, RATE_LIMIT_SCALE: "1000", ...db.env }, {
      timeoutMs: 300_000,
      nodeArgs: opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`] : [],
    });
    try {
      const api = `${server.url}/api/texts/bench_doc`;
      const statuses: Record<number, number> = {};
      const get = async (url: string) => {
        const r = await request(url);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        return r;
      };
      /** Every page of the unit's list, one after the other (as the client's allPages does). */
      const allOf = async (list: "threads" | "amendments") => {
        let n = 0;
        let bytes = 0;
        for (let cursor: string | null = null; ; ) {
          const r = await get(`${api}/${list}?eId=${BUSY_UNIT}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
          const body = JSON.parse(r.body || "{}") as { items?: unknown[]; nextCursor?: string | null };
          n += body.items?.length ?? 0;
          bytes += r.body.length;
          cursor = body.nextCursor ?? null;
          if (!cursor) return { n, bytes };
        }
      };
      /** The page load: the reading view, then the opened unit's threads and amendments side by side. */
      const pageLoad = async () => {
        const started = performance.now();
        const reading = await get(`${api}/reading`);
        const [threads, amendments] = await Promise.all([allOf("threads"), allOf("amendments")]);
        return { ms: performance.now() - started, readingMs: reading.ms, bytes: reading.body.length + threads.bytes + amendments.bytes, threads: threads.n, amendments: amendments.n };
      };
      for (let i = 0; i < 3; i++) await pageLoad(); // warm-up
      for (const k of Object.keys(statuses)) delete statuses[Number(k)];
      // The machine is shared: what else was running matters as much as the numbers.
      const loadBefore = loadAverage();
      const samples: number[] = [];
      const readingSamples: number[] = [];
      let last = { bytes: 0, threads: 0, amendments: 0 };
      for (let i = 0; i < (quick ? 10 : 50); i++) {
        const r = await pageLoad();
        samples.push(r.ms);
        readingSamples.push(r.readingMs);
        last = r;
      }
      // The busy unit's panel must show all its threads: the 250 added and the first of the 500.
      if (last.threads !== BUSY_UNIT_EXTRA + 1) throw new Error(`the opened unit showed ${last.threads} threads, not ${BUSY_UNIT_EXTRA + 1}`);
      const bytes = last.bytes;
      const s = summarize(samples);
      const reading = summarize(readingSamples);
      const verdict = s.p99 < 1000 ? "under 1 s" : "OVER 1 s";
      const loadAfter = loadAverage();
      console.log(`W-texts ${kind} (${ARTICLES} articles, load ${loadBefore} -> ${loadAfter}): ${JSON.stringify(statuses)}; page load p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, max ${fmt(s.max)} ms (${verdict}); of which /reading p50 ${fmt(reading.p50)} ms; ${counts.rows[0]!.units} units, ${counts.rows[0]!.posts} comments, opened unit: ${last.threads} threads, ${last.amendments} amendments; ${Math.round(bytes / 1024)} KiB`);
      if (smoke) return;
      writeSection(
        `w-texts-${kind}`,
        `W-texts reading view of a long draft (${kind === "postgres" ? "PostgreSQL" : "PGlite"})`,
        `One document of ${ARTICLES} articles and ${counts.rows[0]!.units} units, ${500 + BUSY_UNIT_EXTRA} anchored threads holding ${counts.rows[0]!.posts} comments
(${BUSY_UNIT_EXTRA + 1} of them on the opened unit), 200 competing amendments with 1,000 endorsements. One page load, as the
client makes it: \`GET /api/texts/:id/reading\`, then the opened unit's threads (every page) and amendments side by
side; anonymous, one after another, after three warm-up loads; latency in ms over ${s.n} loads${quick ? " (--quick)" : ""}. Target: under 1 s.

${table(["Page loads", "Answers", "p50", "p99", "max", "/reading p50", "Response size", "Verdict", "Load avg before", "Load avg after"], [[s.n, JSON.stringify(statuses), fmt(s.p50), fmt(s.p99), fmt(s.max), fmt(reading.p50), `${Math.round(bytes / 1024)} KiB`, verdict, loadBefore, loadAfter]])}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}
