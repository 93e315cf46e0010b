// `npm run bench`: starts the server in production mode on loopback, seeds its own data, runs each
// workload after a warm-up, and writes test/bench/RESULTS.md. Not part of the test suite.
//   npm run bench -- --only=w2 --db=postgres --quick
import { parseArgs } from "node:util";
import { createBenchDatabase, type DbKind } from "./lib/database.ts";
import { BENCH_SECRET, seedForum } from "./lib/seed.ts";
import { startBenchServer } from "./lib/server.ts";
import { cpuSecondsOf, loadAverage } from "./lib/machine.ts";
import { fmt } from "./lib/stats.ts";
import { table, writeSection } from "./lib/results.ts";
import { runPosting } from "./w2-posting.ts";
import { seedLongThread } from "./lib/seed.ts";
import { med, pageCursors, runHello, runThreadPage, sameAnswers, startCeilings, W1_CASES } from "./w1-thread-page.ts";
import { spread } from "./lib/stats.ts";
import { fanoutBare, fanoutOurs, startBareSocketIo } from "./w3-fanout.ts";
import { runTextsBench } from "./w-texts.ts";
import { defaultResponsesRate, runResponsesBench } from "./w-responses.ts";
import { runIdleSockets } from "./w4-idle-sockets.ts";
import { runExportsBench } from "./w6-exports.ts";
import { runMixed } from "./w5-mixed.ts";
import { withForumServer } from "./lib/forum-server.ts";

const { values } = parseArgs({
  options: { only: { type: "string" }, db: { type: "string" }, quick: { type: "boolean" }, rates: { type: "string" }, seconds: { type: "string" }, sockets: { type: "string" }, responses: { type: "string" }, articles: { type: "string" }, "cpu-prof": { type: "string" } },
});
const only = values.only?.split(",");
const wants = (id: string) => !only || only.includes(id);
const quick = values.quick ?? false;
/** Runs on another Node than the project's 20 keep their own sections (npx -y node@24 ... run.ts). */
const nodeMajor = process.versions.node.split(".")[0];
const nodeTag = nodeMajor === "20" ? "" : `-node${nodeMajor}`;

async function w2(kind: DbKind) {
  await withForumServer(kind, {}, async ({ db, forum, server }) => {
    const seconds = Number(values.seconds ?? (quick ? 15 : 60));
    const rates = (values.rates ?? "5,20,50,100").split(",").map(Number);
    // Warm-up: a few seconds at a low rate (connections, JIT, caches).
    await runPosting(server.url, forum, () => db.open(), 10, 3);
    const rows: (string | number)[][] = [];
    for (const rate of rates) {
      const before = loadAverage();
      const cpuBefore = cpuSecondsOf(server.child.pid!);
      const r = await runPosting(server.url, forum, () => db.open(), rate, seconds);
      const cpuMsPerRequest = ((cpuSecondsOf(server.child.pid!) - cpuBefore) * 1000) / r.sent;
      const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(", ");
      console.log(`W2 ${kind} ${rate}/s: ${statuses}; p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms; committed ${r.committed}, half-written ${r.halfWritten}; server CPU ${fmt(cpuMsPerRequest)} ms/request`);
      if (r.statuses["500"]) console.log(`server output (last 3000 characters):\n${server.output().slice(-3000)}`);
      rows.push([`${rate}/s × ${seconds} s`, r.sent, statuses, fmt(r.p50), fmt(r.p99), fmt(r.max), r.committed, r.halfWritten, r.retryAfterSeen ? "yes" : "–", fmt(cpuMsPerRequest), before]);
    }
    writeSection(
      `w2-${kind}`,
      `W2 posting into one thread (${kind === "postgres" ? "PostgreSQL" : "PGlite"})`,
      `Open loop: each request is sent on schedule, from 1,000 signed-in users in turn, into one thread. Latency
in ms over every request of the run (not medians of rounds). "Committed" counts the posts found in the
database afterwards; "half-written" counts requests that failed but left a post (must be 0).

${table(["Offered load", "Sent", "Answers", "p50", "p99", "max", "Committed", "Half-written", "503 with Retry-After", "Server CPU ms/request", "Load avg before"], rows)}`,
    );
  });
}

async function w1(kind: DbKind) {
  const db = await createBenchDatabase(kind);
  try {
    const sql = await db.open();
    const forum = await seedForum(sql, { users: 1000 });
    const seeded = await seedLongThread(sql, forum, { posts: 100_000 });
    const cursors = await pageCursors(sql, forum.threadId);
    await sql.close();
    console.log(`W1 ${kind}: seeded ${seeded.posts} posts, ${seeded.endorsements} endorsements`);
    const server = await startBenchServer(db.env);
    // PGlite is one process: the hand-written page cannot share its database, so there it has no ceiling.
    const ceiling = await startCeilings({ SESSION_SECRET: BENCH_SECRET, DATABASE_URL: db.env.DATABASE_URL ?? "" });
    try {
      const differences = kind === "postgres" ? await sameAnswers(server.url, ceiling.bareUrl, forum, cursors) : [];
      if (differences.length) console.log(`W1: the ceiling answers differently:\n${differences.join("\n")}`);
      const rounds = quick ? 2 : 3;
      const seconds = Number(values.seconds ?? (quick ? 3 : 5));
      const hello = await runHello(ceiling, rounds, seconds);
      const { results, load } = await runThreadPage({
        ourUrl: server.url,
        ourPid: server.child.pid!,
        ceiling: kind === "postgres" ? ceiling : null,
        forum,
        cursors,
        cases: W1_CASES,
        rounds,
        seconds,
      });
      const rows = results.map((r) => {
        const ours = med(r.ours, "rps");
        const ceil = r.ceiling.length ? med(r.ceiling, "rps") : null;
        const failures = r.ours.reduce((n, x) => n + x.non2xx + x.errors, 0);
        const shed = r.ours.reduce((n, x) => n + x.shed, 0);
        return [
          r.case.label,
          spread(ours),
          spread(med(r.ours, "p50")),
          spread(med(r.ours, "p99")),
          spread(med(r.ours, "cpuMsPerRequest"), 2),
          ceil ? spread(ceil) : "–",
          r.ceiling.length ? spread(med(r.ceiling, "p99")) : "–",
          r.ceiling.length ? spread(med(r.ceiling, "cpuMsPerRequest"), 2) : "–",
          ceil ? (ours.median / ceil.median).toFixed(2) : "–",
          r.ceiling.length ? (med(r.ceiling, "cpuMsPerRequest").median / med(r.ours, "cpuMsPerRequest").median).toFixed(2) : "–",
          failures,
          shed,
        ];
      });
      const helloRows = [
        ["bare `node:http`", spread(med(hello.bare, "rps")), spread(med(hello.bare, "p99")), spread(med(hello.bare, "cpuMsPerRequest"), 3)],
        ["Express 5", spread(med(hello.express, "rps")), spread(med(hello.express, "p99")), spread(med(hello.express, "cpuMsPerRequest"), 3)],
      ];
      writeSection(
        `w1-${kind}${nodeTag}`,
        `W0/W1 thread page (${kind === "postgres" ? "PostgreSQL" : "PGlite"}${nodeTag ? `, Node ${process.versions.node}` : ""}${quick ? ", quick run" : ""})`,
        `${seeded.posts.toLocaleString("en")} posts in one thread by 1,000 users, ${seeded.endorsements.toLocaleString("en")} endorsements. GET
/api/threads/:id/posts, 50 posts a page; "last" is the page holding the thread's last 50 public posts.
autocannon, closed loop, ${rounds} rounds of ${seconds} s per case after a warm-up; in each round Roundtable and
then the ceiling are measured back to back (interleaved), so the ratio compares like with like while
other helpers load this shared 2-core machine. Ceiling: \`pg\` + \`node:http\` in its own process, two
queries (three signed in: the session row), the same JSON (${kind === "postgres" ? (differences.length ? `**differs: ${differences.length} pages**` : "checked equal on every page before measuring") : "none on PGlite: one process per database"}).
Signed in: each connection its own user's session. CPU: the server process's user + system time from
/proc over the run, per answered request. Latencies in ms. Load average (1, 5, 15 min) at the start of
each round: ${load.join(" · ")}.

${table(["Case", "req/s", "p50", "p99", "CPU ms/req", "Ceiling req/s", "Ceiling p99", "Ceiling CPU ms/req", "Ratio (req/s)", "Ratio (CPU)", "Failed", "Shed (503)"], rows)}

W0, same run, c=10, a 17-byte JSON:

${table(["Server", "req/s", "p99", "CPU ms/req"], helloRows)}`,
      );
    } finally {
      await ceiling.stop();
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

async function w3(kind: DbKind) {
  await withForumServer(kind, { longThreadPosts: 100_000 }, async ({ forum, server }) => {
    const bare = await startBareSocketIo();
    try {
      const posts = Number(values.seconds ?? (quick ? 10 : 30));
      const sizes = (values.sockets ?? "100,1000").split(",").map(Number);
      // The bare broadcast carries a real post's payload: the thread's first post as REST presents it.
      const page = await fetch(`${server.url}/api/threads/${forum.threadId}/posts?limit=1`).then((r) => r.json() as Promise<{ items: Record<string, unknown>[] }>);
      const { abilities: _a, viewerEndorsed: _v, ...samplePost } = page.items[0]!;
      const rows: (string | number)[][] = [];
      for (const sockets of sizes) {
        const before = loadAverage();
        const ours = await fanoutOurs({ url: server.url, pid: server.child.pid!, forum, sockets, posts });
        const ceiling = await fanoutBare({ ceiling: bare, forum, sockets, posts, samplePost });
        console.log(`W3 ${kind} ${sockets} sockets: ours p50 ${ours.p50} p99 ${ours.p99} delivered ${ours.delivered.toFixed(3)} ${ours.cpuMsPerPost.toFixed(1)} ms CPU/post | bare p50 ${ceiling.p50} p99 ${ceiling.p99} ${ceiling.cpuMsPerPost.toFixed(1)} ms`);
        rows.push([
          sockets, ours.posts, fmt(ours.p50), fmt(ours.p99), fmt(ours.max), `${(ours.delivered * 100).toFixed(1)}%`, fmt(ours.cpuMsPerPost, 1),
          fmt(ceiling.p50), fmt(ceiling.p99), fmt(ceiling.max), `${(ceiling.delivered * 100).toFixed(1)}%`, fmt(ceiling.cpuMsPerPost, 1),
          (ours.p99 / ceiling.p99).toFixed(2), (ours.cpuMsPerPost / ceiling.cpuMsPerPost).toFixed(2),
          fmt(ours.cpuMsPerPostAboveIdle, 1), fmt(ceiling.cpuMsPerPostAboveIdle, 1), (ours.cpuMsPerPostAboveIdle / ceiling.cpuMsPerPostAboveIdle).toFixed(2), before,
        ]);
      }
      writeSection(
        `w3-${kind}`,
        `W3 live fan-out (${kind === "postgres" ? "PostgreSQL" : "PGlite"})`,
        `N signed-in sockets from ${4} socket.io-client processes in one thread of 100,000 posts; one post a second
through REST (POST /api/threads/:id/posts, users in turn), ${posts} posts per size. Delivery: from the moment the
POST was sent to each socket's post:created, in ms (so it includes the write and its commit). Ceiling, same
run right after on the same sockets count: a bare Socket.IO server broadcasting the same payload to one
room, timed from the broadcast request. CPU: the server process's (or the bare server's) user + system time
per post over the posting period, all sockets included; "above idle" subtracts what the process burns
with its sockets connected and nothing posted (5 s measured before posting: Roundtable's pollers). One run per size (not medians of rounds): the
machine is shared with other helpers' test runs, see the load average.

${table(["Sockets", "Posts", "p50", "p99", "max", "Delivered", "CPU ms/post", "Bare p50", "Bare p99", "Bare max", "Bare delivered", "Bare CPU ms/post", "p99 ratio", "CPU ratio", "CPU ms/post above idle", "Bare, above idle", "CPU ratio above idle", "Load avg before"], rows)}`,
      );
    } finally {
      await bare.stop();
    }
  });
}

async function w4(kind: DbKind) {
  await withForumServer(kind, {}, ({ forum, server }) =>
    runIdleSockets({ url: server.url, pid: server.child.pid!, forum, sockets: Number(values.sockets ?? (quick ? 1000 : 10_000)), kind }),
  );
}

async function w6(kind: DbKind) {
  await withForumServer(kind, { longThreadPosts: quick ? 10_000 : 100_000 }, ({ db, forum, server }) => {
    const sockets = Number(values.sockets ?? (quick ? 200 : 1000));
    return runExportsBench({ url: server.url, pid: server.child.pid!, forum, databaseUrl: db.env.DATABASE_URL, kind, sockets, posts: Number(values.seconds ?? (quick ? 10 : 30)) });
  });
}

async function w5(kind: DbKind) {
  const posts = quick ? 10_000 : 100_000;
  await withForumServer(kind, { longThreadPosts: posts, prepare: (sql, forum) => pageCursors(sql, forum.threadId) }, ({ forum, server, prepared: cursors }) => {
    const rates = (values.rates ?? "40,10").split(",").map(Number);
    return runMixed({ url: server.url, forum, cursors, kind, seconds: Number(values.seconds ?? (quick ? 20 : 120)), readsPerSecond: rates[0]!, writesPerSecond: rates[1]!, sockets: Number(values.sockets ?? (quick ? 100 : 500)) });
  });
}

const kinds = (values.db?.split(",") ?? ["postgres"]) as DbKind[];
for (const kind of kinds) {
  if (wants("w2") && kind === "postgres") await w2(kind);
  if (wants("w1")) await w1(kind);
  if (wants("w3")) await w3(kind);
  if (wants("w4")) await w4(kind);
  if (wants("w5")) await w5(kind);
  if (wants("w6")) await w6(kind);
}
// The draft-text reading view is measured on PGlite unless --db says otherwise.
if (wants("texts")) for (const kind of (values.db?.split(",") ?? ["pglite"]) as DbKind[]) await runTextsBench(kind, quick, { articles: values.articles ? Number(values.articles) : undefined, cpuProfDir: values["cpu-prof"] });
if (wants("responses")) {
  for (const kind of (values.db?.split(",") ?? ["pglite"]) as DbKind[]) {
    const rate = Number(values.rates?.split(",")[0] ?? defaultResponsesRate(kind));
    await runResponsesBench(kind, { responses: Number(values.responses ?? (kind === "postgres" ? 1_000_000 : 100_000)), rate, seconds: Number(values.seconds ?? (quick ? 15 : 60)), pageSamples: quick ? 10 : 30, write: true });
  }
}
process.exit(0);
