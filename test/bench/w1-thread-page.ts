// W0 ceilings and W1 the thread page: GET /api/threads/:id/posts (50 posts with authors and endorsement
// tallies) at the first, middle and last page of a 100,000-post thread, c=10 and c=50, anonymous and signed
// in, each round measuring Roundtable and then the hand-written `pg` + `node:http` page (test/bench/ceilings)
// back to back, so both see the same machine load. Before measuring, both must answer the same JSON.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { isDeepStrictEqual } from "node:util";
import { load, type LoadResult } from "./lib/load.ts";
import { loadAverage } from "./lib/machine.ts";
import { medianOf } from "./lib/stats.ts";
import type { Sql } from "./lib/database.ts";
import type { BenchForum } from "./lib/seed.ts";
import { encodeCursor } from "../../server/http/cursor.ts";

export interface Ceilings {
  bareUrl: string;
  expressUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startCeilings(env: Record<string, string>): Promise<Ceilings> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "test/bench/ceilings/server.ts"], {
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  const ports = JSON.parse(line.toString()) as { bare: number; express: number };
  return {
    bareUrl: `http://127.0.0.1:${ports.bare}`,
    expressUrl: `http://127.0.0.1:${ports.express}`,
    pid: child.pid!,
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

export interface Case {
  label: string;
  page: "first" | "middle" | "last";
  connections: number;
  signedIn: boolean;
}

export interface CaseResult {
  case: Case;
  ours: LoadResult[];
  ceiling: LoadResult[];
}

/** Canonical JSON: objects with sorted keys (endorsement tallies come back in any order). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)]));
  return v;
}

export async function pageCursors(sql: Sql, threadId: string) {
  const seqAt = async (order: "ASC" | "DESC", offset: number) =>
    (await sql.query<{ seq: number }>(`SELECT seq FROM posts WHERE thread_id = $1 AND status = 'published' ORDER BY seq ${order} OFFSET $2 LIMIT 1`, [threadId, offset])).rows[0]!.seq;
  const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM posts WHERE thread_id = $1 AND status = 'published'`, [threadId]);
  return {
    first: "",
    middle: `?cursor=${encodeCursor({ seq: await seqAt("ASC", Math.floor(Number(rows[0]!.n) / 2)) })}`,
    last: `?cursor=${encodeCursor({ seq: await seqAt("DESC", 50) })}`,
  };
}

/** Both servers answer every page the same, anonymous and signed in: otherwise the comparison means nothing. */
export async function sameAnswers(ourUrl: string, ceilingUrl: string, forum: BenchForum, cursors: Record<string, string>): Promise<string[]> {
  const differences: string[] = [];
  for (const [page, query] of Object.entries(cursors)) {
    for (const cookie of [undefined, forum.users[1]!.cookie]) {
      const get = async (base: string) => {
        const res = await fetch(`${base}/api/threads/${forum.threadId}/posts${query}`, { headers: cookie ? { cookie } : {} });
        return { status: res.status, body: canonical(await res.json()) };
      };
      const [a, b] = await Promise.all([get(ourUrl), get(ceilingUrl)]);
      if (!isDeepStrictEqual(a, b)) differences.push(`${page} ${cookie ? "signed in" : "anonymous"}: ${JSON.stringify(a).slice(0, 300)} vs ${JSON.stringify(b).slice(0, 300)}`);
    }
  }
  return differences;
}

export const W1_CASES: Case[] = (["first", "middle", "last"] as const).flatMap((page) =>
  [10, 50].flatMap((connections) =>
    [false, true].map((signedIn) => ({ label: `${page} page, c=${connections}, ${signedIn ? "signed in" : "anonymous"}`, page, connections, signedIn })),
  ),
);

export async function runThreadPage(opts: {
  ourUrl: string;
  ourPid: number;
  ceiling: Ceilings | null;
  forum: BenchForum;
  cursors: Record<string, string>;
  cases: Case[];
  rounds: number;
  seconds: number;
}): Promise<{ results: CaseResult[]; load: string[] }> {
  const cookies = opts.forum.users.map((u) => u.cookie);
  const path = (c: Case) => `/api/threads/${opts.forum.threadId}/posts${opts.cursors[c.page]}`;
  const loads: string[] = [];
  // Warm-up: JIT, connection pools, the database's cache.
  await load({ url: opts.ourUrl + path(opts.cases[0]!), connections: 10, seconds: 3, pid: opts.ourPid });
  if (opts.ceiling) await load({ url: opts.ceiling.bareUrl + path(opts.cases[0]!), connections: 10, seconds: 3, pid: opts.ceiling.pid });
  const results: CaseResult[] = opts.cases.map((c) => ({ case: c, ours: [], ceiling: [] }));
  for (let round = 0; round < opts.rounds; round++) {
    loads.push(loadAverage());
    for (const r of results) {
      const common = { connections: r.case.connections, seconds: opts.seconds, cookies: r.case.signedIn ? cookies : undefined };
      r.ours.push(await load({ url: opts.ourUrl + path(r.case), pid: opts.ourPid, ...common }));
      await drained(opts.ourUrl + path(r.case));
      if (opts.ceiling) {
        r.ceiling.push(await load({ url: opts.ceiling.bareUrl + path(r.case), pid: opts.ceiling.pid, ...common }));
        await drained(opts.ceiling.bareUrl + path(r.case));
      }
      const o = r.ours.at(-1)!;
      console.log(`W1 round ${round + 1} ${r.case.label}: ${o.rps.toFixed(0)} req/s, p99 ${o.p99} ms, ${o.cpuMsPerRequest.toFixed(2)} ms CPU${o.non2xx || o.errors ? `, ${o.non2xx} non-2xx, ${o.errors} errors` : ""}${o.shed ? `, ${o.shed} shed (503)` : ""}` + (opts.ceiling ? ` | ceiling ${r.ceiling.at(-1)!.rps.toFixed(0)} req/s` : ""));
    }
  }
  return { results, load: loads };
}

/** W0: bare node:http against Express 5, both answering a small JSON, interleaved. */
export async function runHello(ceiling: Ceilings, rounds: number, seconds: number) {
  const bare: LoadResult[] = [];
  const exp: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    bare.push(await load({ url: `${ceiling.bareUrl}/hello`, connections: 10, seconds, pid: ceiling.pid }));
    exp.push(await load({ url: `${ceiling.expressUrl}/hello`, connections: 10, seconds, pid: ceiling.pid }));
  }
  return { bare, express: exp };
}

/** Rounds without an answer (a run shorter than the latency) have no CPU per request: left out. */
export const med = (rs: LoadResult[], k: keyof LoadResult) => {
  const values = rs.map((r) => r[k]).filter((v) => Number.isFinite(v));
  return values.length ? medianOf(values) : { median: NaN, min: NaN, max: NaN };
};

/**
 * Requests autocannon left in flight when its run ended are still queued in the server: one request
 * sent after them, answered, means they are done, so the next run does not start behind them.
 */
async function drained(url: string) {
  await fetch(url).then((r) => r.arrayBuffer()).catch(() => undefined);
}
