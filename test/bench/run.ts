// `npm run bench`: starts the server in production mode on loopback, seeds its own data, runs each
// workload after a warm-up, and writes test/bench/RESULTS.md. Not part of the test suite.
//   npm run bench -- --only=w2 --db=postgres --quick
import { parseArgs } from "node:util";
import { createBenchDatabase, type DbKind } from "./lib/database.ts";
import { seedForum } from "./lib/seed.ts";
import { startBenchServer } from "./lib/server.ts";
import { loadAverage } from "./lib/machine.ts";
import { fmt } from "./lib/stats.ts";
import { table, writeSection } from "./lib/results.ts";
import { runPosting } from "./w2-posting.ts";

const { values } = parseArgs({
  options: { only: { type: "string" }, db: { type: "string" }, quick: { type: "boolean" }, rates: { type: "string" }, seconds: { type: "string" } },
});
const only = values.only?.split(",");
const wants = (id: string) => !only || only.includes(id);
const quick = values.quick ?? false;

async function w2(kind: DbKind) {
  const db = await createBenchDatabase(kind);
  try {
    const sql = await db.open();
    const forum = await seedForum(sql, { users: 1000 });
    await sql.close();
    const server = await startBenchServer(db.env);
    try {
      const seconds = Number(values.seconds ?? (quick ? 15 : 60));
      const rates = (values.rates ?? "5,20,50,100").split(",").map(Number);
      // Warm-up: a few seconds at a low rate (connections, JIT, caches).
      await runPosting(server.url, forum, () => db.open(), 10, 3);
      const rows: (string | number)[][] = [];
      for (const rate of rates) {
        const before = loadAverage();
        const r = await runPosting(server.url, forum, () => db.open(), rate, seconds);
        const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(", ");
        console.log(`W2 ${kind} ${rate}/s: ${statuses}; p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms; committed ${r.committed}, half-written ${r.halfWritten}`);
        if (r.statuses["500"]) console.log(`server output (last 3000 characters):\n${server.output().slice(-3000)}`);
        rows.push([`${rate}/s × ${seconds} s`, r.sent, statuses, fmt(r.p50), fmt(r.p99), fmt(r.max), r.committed, r.halfWritten, r.retryAfterSeen ? "yes" : "–", before]);
      }
      writeSection(
        `w2-${kind}`,
        `W2 posting into one thread (${kind === "postgres" ? "PostgreSQL" : "PGlite"})`,
        `Open loop: each request is sent on schedule, from 1,000 signed-in users in turn, into one thread. Latency
in ms over every request of the run (not medians of rounds). "Committed" counts the posts found in the
database afterwards; "half-written" counts requests that failed but left a post (must be 0).

${table(["Offered load", "Sent", "Answers", "p50", "p99", "max", "Committed", "Half-written", "503 with Retry-After", "Load avg before"], rows)}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

const kinds = (values.db?.split(",") ?? ["postgres"]) as DbKind[];
for (const kind of kinds) {
  if (wants("w2") && kind === "postgres") await w2(kind);
}
process.exit(0);
