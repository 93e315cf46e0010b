// W3 live fan-out: N signed-in sockets (from CLIENT_PROCESSES socket.io-client processes) in one thread;
// one post a second is written through the REST API and each socket's post:created arrival is timed from
// the moment the request was sent. The ceiling, measured in the same run right after: a bare Socket.IO
// server broadcasting a payload of the same size to N sockets in one room, timed from the moment the
// broadcast was asked for. Server CPU per post from /proc over the posting period.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { request } from "./lib/http.ts";
import { cpuSecondsOf } from "./lib/machine.ts";
import { summarize } from "./lib/stats.ts";
import type { BenchForum } from "./lib/seed.ts";
import { MEMORY_PROBE_ARGS } from "./lib/memory.ts";

const CLIENT_PROCESSES = 4;

export interface FanoutResult {
  sockets: number;
  posts: number;
  p50: number;
  p99: number;
  max: number;
  /** Arrivals over sockets × posts. */
  delivered: number;
  cpuMsPerPost: number;
  /**
   * The same less what the process burns when nothing is posted (measured for 5 s with the sockets
   * connected, before posting): Roundtable's pollers (event tail, mail, exports, campaign grouping) cost
   * CPU every second, which at one post a second would otherwise count as per-post work.
   */
  cpuMsPerPostAboveIdle: number;
}

/** CPU ms per second of the process while its sockets are connected and nothing happens. */
async function idleCpuMsPerSecond(pid: number): Promise<number> {
  const before = cpuSecondsOf(pid);
  await new Promise((r) => setTimeout(r, 5000));
  return ((cpuSecondsOf(pid) - before) * 1000) / 5;
}

export async function startClients(opts: { url: string; sockets: number; threadId: string; bare: boolean; cookiesFile: string }) {
  const clients: { child: ChildProcess; lines: AsyncIterator<string> }[] = [];
  const per = Math.ceil(opts.sockets / CLIENT_PROCESSES);
  for (let i = 0; i < CLIENT_PROCESSES && i * per < opts.sockets; i++) {
    const child = spawn(process.execPath, ["--import", "tsx", "test/bench/w3-client.ts"], {
      env: { ...process.env, URL: opts.url, SOCKETS: String(Math.min(per, opts.sockets - i * per)), THREAD_ID: opts.threadId, BARE: opts.bare ? "1" : "0", COOKIES_FILE: opts.cookiesFile, OFFSET: String(i * per) },
      stdio: ["pipe", "pipe", "inherit"],
    });
    clients.push({ child, lines: readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]() });
  }
  for (const c of clients) {
    const first = await c.lines.next();
    if (first.value !== "ready") throw new Error(`W3 client did not get ready: ${String(first.value)}`);
  }
  return {
    async report(): Promise<Record<string, number[]>> {
      const all: Record<string, number[]> = {};
      for (const c of clients) {
        c.child.stdin!.write("report\n");
        const line = await c.lines.next();
        for (const [id, times] of Object.entries(JSON.parse(String(line.value)) as Record<string, number[]>)) (all[id] ??= []).push(...times);
        await once(c.child, "exit").catch(() => undefined);
      }
      return all;
    },
  };
}

function summarise(sent: Map<string, number>, arrivals: Record<string, number[]>, sockets: number, cpuSeconds: number, idleCpuMs: number): FanoutResult {
  const latencies: number[] = [];
  for (const [id, at] of sent) for (const t of arrivals[id] ?? []) latencies.push(t - at);
  const s = summarize(latencies);
  return { sockets, posts: sent.size, p50: s.p50, p99: s.p99, max: s.max, delivered: latencies.length / (sockets * sent.size),
    cpuMsPerPost: (cpuSeconds * 1000) / sent.size,
    cpuMsPerPostAboveIdle: Math.max(0, cpuSeconds * 1000 - idleCpuMs) / sent.size,
  };
}

const pace = async (i: number, started: number, perSecond: number) => {
  const wait = started + (i * 1000) / perSecond - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
};

/** Roundtable: posts written through REST by the forum's users in turn, delivered by the dispatcher. */
export async function fanoutOurs(opts: { url: string; pid: number; forum: BenchForum; sockets: number; posts: number }): Promise<FanoutResult> {
  const cookiesFile = path.join(os.tmpdir(), `rt-w3-cookies-${process.pid}.json`);
  fs.writeFileSync(cookiesFile, JSON.stringify(opts.forum.users.map((u) => u.cookie)));
  const clients = await startClients({ url: opts.url, sockets: opts.sockets, threadId: opts.forum.threadId, bare: false, cookiesFile });
  const idle = await idleCpuMsPerSecond(opts.pid);
  const sent = new Map<string, number>();
  const cpuBefore = cpuSecondsOf(opts.pid);
  const started = Date.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < opts.posts; i++) {
    await pace(i, started, 1);
    const user = opts.forum.users[(i * 13 + 7) % opts.forum.users.length]!;
    const at = Date.now();
    pending.push(
      request(`${opts.url}/api/threads/${opts.forum.threadId}/posts`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: user.cookie, "x-csrf-token": user.csrf },
        body: JSON.stringify({ body: `Fan-out post ${i}: we support the proposal, with changes to article ${i % 40}.` }),
      }).then((r) => {
        if (r.status === 201) sent.set((JSON.parse(r.body) as { post: { id: string } }).post.id, at);
      }),
    );
  }
  await Promise.all(pending);
  await new Promise((r) => setTimeout(r, 3000)); // the last deliveries
  const cpu = cpuSecondsOf(opts.pid) - cpuBefore;
  const result = summarise(sent, await clients.report(), opts.sockets, cpu, idle * ((Date.now() - started) / 1000));
  fs.rmSync(cookiesFile, { force: true });
  return result;
}

export async function startBareSocketIo(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...MEMORY_PROBE_ARGS, "--import", "tsx", "test/bench/ceilings/socketio.ts"], { env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  return {
    url: `http://127.0.0.1:${(JSON.parse(line.toString()) as { port: number }).port}`,
    pid: child.pid!,
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/** The ceiling: the same number of sockets in one room of a bare Socket.IO server, a payload of the same shape. */
export async function fanoutBare(opts: { ceiling: { url: string; pid: number }; forum: BenchForum; sockets: number; posts: number; samplePost: unknown }): Promise<FanoutResult> {
  const cookiesFile = path.join(os.tmpdir(), `rt-w3-cookies-bare-${process.pid}.json`);
  fs.writeFileSync(cookiesFile, JSON.stringify(opts.forum.users.map((u) => u.cookie)));
  const clients = await startClients({ url: opts.ceiling.url, sockets: opts.sockets, threadId: opts.forum.threadId, bare: true, cookiesFile });
  const idle = await idleCpuMsPerSecond(opts.ceiling.pid);
  const sent = new Map<string, number>();
  const cpuBefore = cpuSecondsOf(opts.ceiling.pid);
  const started = Date.now();
  for (let i = 0; i < opts.posts; i++) {
    await pace(i, started, 1);
    const id = `bare${i}`;
    sent.set(id, Date.now());
    await request(`${opts.ceiling.url}/broadcast`, { method: "POST", body: JSON.stringify({ seq: i, post: { ...(opts.samplePost as object), id } }) });
  }
  await new Promise((r) => setTimeout(r, 3000));
  const cpu = cpuSecondsOf(opts.ceiling.pid) - cpuBefore;
  const result = summarise(sent, await clients.report(), opts.sockets, cpu, idle * ((Date.now() - started) / 1000));
  fs.rmSync(cookiesFile, { force: true });
  return result;
}
