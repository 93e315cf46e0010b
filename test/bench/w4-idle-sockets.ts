// W4 memory per idle socket: N signed-in sockets (from the W3 client processes) connect and join one
// thread, then sit idle, as readers with a thread page open do. Measured: the server's resident memory
// before they connect and once they have all joined and the server has settled, per socket; the same for a
// bare Socket.IO server holding as many sockets in one room, in the same run. Target (issue 12): under
// 20 KB per idle socket.
import { startClients, startBareSocketIo } from "./w3-fanout.ts";
import { rssMiBOf, loadAverage } from "./lib/machine.ts";
import { liveMemoryMiB } from "./lib/memory.ts";
import { table, writeSection } from "./lib/results.ts";
import type { BenchForum } from "./lib/seed.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface IdleMemory {
  sockets: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  kibPerSocket: number;
  connectSeconds: number;
  liveBeforeMiB: number;
  liveAfterMiB: number;
  /** Live memory (heap in use + buffers, after a full collection) per socket. */
  liveKibPerSocket: number;
}

/** Resident memory once it stops moving (a few samples a second apart within 1 MiB), or after 15 s. */
async function settledRss(pid: number): Promise<number> {
  let last = rssMiBOf(pid);
  for (let i = 0; i < 15; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = rssMiBOf(pid);
    if (Math.abs(now - last) < 1) return now;
    last = now;
  }
  return last;
}

async function measure(opts: { url: string; pid: number; forum: BenchForum; sockets: number; bare: boolean }): Promise<IdleMemory> {
  const cookiesFile = path.join(os.tmpdir(), `rt-w4-cookies-${process.pid}.json`);
  fs.writeFileSync(cookiesFile, JSON.stringify(opts.forum.users.map((u) => u.cookie)));
  const liveBeforeMiB = await liveMemoryMiB(opts.pid);
  const rssBeforeMiB = await settledRss(opts.pid);
  const started = Date.now();
  const clients = await startClients({ url: opts.url, sockets: opts.sockets, threadId: opts.forum.threadId, bare: opts.bare, cookiesFile });
  const connectSeconds = (Date.now() - started) / 1000;
  const rssAfterMiB = await settledRss(opts.pid);
  const liveAfterMiB = await liveMemoryMiB(opts.pid);
  await clients.report(); // closes the sockets
  fs.rmSync(cookiesFile, { force: true });
  const perSocket = (before: number, after: number) => ((after - before) * 1024) / opts.sockets;
  return { sockets: opts.sockets, rssBeforeMiB, rssAfterMiB, kibPerSocket: perSocket(rssBeforeMiB, rssAfterMiB), connectSeconds, liveBeforeMiB, liveAfterMiB, liveKibPerSocket: perSocket(liveBeforeMiB, liveAfterMiB) };
}

export async function runIdleSockets(opts: { url: string; pid: number; forum: BenchForum; sockets: number; kind: string }): Promise<void> {
  const load = loadAverage();
  const ours = await measure({ ...opts, bare: false });
  const bare = await startBareSocketIo();
  let ceiling: IdleMemory;
  try {
    ceiling = await measure({ url: bare.url, pid: bare.pid, forum: opts.forum, sockets: opts.sockets, bare: true });
  } finally {
    await bare.stop();
  }
  const row = (name: string, m: IdleMemory) => [name, m.sockets, m.liveBeforeMiB.toFixed(1), m.liveAfterMiB.toFixed(1), m.liveKibPerSocket.toFixed(1), m.rssBeforeMiB.toFixed(0), m.rssAfterMiB.toFixed(0), m.kibPerSocket.toFixed(1), m.connectSeconds.toFixed(1)];
  console.log(`W4 ${opts.kind}: ours ${ours.liveKibPerSocket.toFixed(1)} KiB/socket live (RSS ${ours.kibPerSocket.toFixed(1)}), bare ${ceiling.liveKibPerSocket.toFixed(1)} (RSS ${ceiling.kibPerSocket.toFixed(1)})`);
  writeSection(
    `w4-${opts.kind}`,
    `W4 memory per idle socket (${opts.kind === "postgres" ? "PostgreSQL" : "PGlite"})`,
    `${opts.sockets.toLocaleString("en")} signed-in sockets (each its own user's session, from 4 socket.io-client processes) connect, join one
thread and idle. Live memory: the server's heap in use plus its buffers after a full garbage collection
(asked of the process itself, lib/memory-probe.cjs), before and after, in MiB, and per socket in KiB: what
a socket really costs. Resident memory (VmRSS) once settled, for comparison: it also counts garbage and
freed pages, so it moves by more than the sockets. Ceiling, same run right after: a bare Socket.IO server
holding as many sockets in one room. Target: under 20 KB per idle socket. Load average before: ${load}.

${table(["Server", "Sockets", "Live before", "Live after", "Live KiB per socket", "RSS before", "RSS after", "RSS KiB per socket", "Connect time s"], [row("Roundtable", ours), row("bare Socket.IO", ceiling)])}`,
  );
}
