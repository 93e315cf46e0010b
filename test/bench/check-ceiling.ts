// Checks that W1's hand-written ceiling answers every page exactly as Roundtable does, on a small thread,
// without measuring anything (W1 itself checks the same before it measures):
//   npx tsx test/bench/check-ceiling.ts
import { createBenchDatabase } from "./lib/database.ts";
import { BENCH_SECRET, seedForum, seedLongThread } from "./lib/seed.ts";
import { startBenchServer } from "./lib/server.ts";
import { pageCursors, sameAnswers, startCeilings } from "./w1-thread-page.ts";

const db = await createBenchDatabase("postgres");
try {
  const sql = await db.open();
  const forum = await seedForum(sql, { users: 100 });
  await seedLongThread(sql, forum, { posts: 5_000 });
  const cursors = await pageCursors(sql, forum.threadId);
  await sql.close();
  const server = await startBenchServer(db.env);
  const ceiling = await startCeilings({ SESSION_SECRET: BENCH_SECRET, DATABASE_URL: db.env.DATABASE_URL ?? "" });
  try {
    const differences = await sameAnswers(server.url, ceiling.bareUrl, forum, cursors);
    console.log(differences.length ? `differs:\n${differences.join("\n")}` : "the ceiling answers every page as Roundtable does");
    process.exitCode = differences.length ? 1 : 0;
  } finally {
    await ceiling.stop();
    await server.stop();
  }
} finally {
  await db.drop();
}
process.exit();
