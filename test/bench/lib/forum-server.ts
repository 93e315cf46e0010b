// The set-up most workloads share: a fresh benchmark database with the forum (1,000 signed-in users, one
// consultation and thread) and optionally a long thread, seeded before the server starts (PGlite is one
// process), then the server in production mode; both are torn down whatever the workload does.
import { createBenchDatabase, type BenchDatabase, type DbKind, type Sql } from "./database.ts";
import { seedForum, seedLongThread, type BenchForum } from "./seed.ts";
import { startBenchServer } from "./server.ts";
import type { ServerProcess } from "../../support/processes.ts";

export async function withForumServer<T = undefined>(
  kind: DbKind,
  opts: { longThreadPosts?: number; prepare?: (sql: Sql, forum: BenchForum) => Promise<T> },
  run: (s: { db: BenchDatabase; forum: BenchForum; server: ServerProcess; prepared: T }) => Promise<void>,
): Promise<void> {
  const db = await createBenchDatabase(kind);
  try {
    const sql = await db.open();
    const forum = await seedForum(sql, { users: 1000 });
    if (opts.longThreadPosts) await seedLongThread(sql, forum, { posts: opts.longThreadPosts });
    const prepared = (opts.prepare ? await opts.prepare(sql, forum) : undefined) as T;
    await sql.close();
    const server = await startBenchServer(db.env);
    try {
      await run({ db, forum, server, prepared });
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}
