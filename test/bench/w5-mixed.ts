// W5 mixed load: for `seconds` (2 minutes by default), on the 100,000-post thread, at once:
//   - anonymous and signed-in readers asking for the thread's first, middle and last pages (open loop);
//   - signed-in writers replying (open loop);
//   - signed-in sockets joined to the thread, receiving the replies live;
//   - one organiser's CSV export at the start and one package (ZIP) half way.
// Nothing may fail: every answer is counted by endpoint and status; latencies p50/p99 per endpoint; the
// share of replies each socket received.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { request } from "./lib/http.ts";
import { startClients } from "./w3-fanout.ts";
import { summarize, fmt } from "./lib/stats.ts";
import { loadAverage } from "./lib/machine.ts";
import { table, writeSection } from "./lib/results.ts";
import type { BenchForum } from "./lib/seed.ts";

export interface MixedOptions {
  url: string;
  forum: BenchForum;
  /** Query strings of the thread's first, middle and last pages (W1's pageCursors). */
  cursors: Record<string, string>;
  kind: string;
  seconds: number;
  readsPerSecond: number;
  writesPerSecond: number;
  sockets: number;
}

interface Sample {
  endpoint: string;
  status: number;
  ms: number;
}

/** Sends `perSecond` requests a second on schedule for `seconds`, whatever the answers take. */
async function openLoop(perSecond: number, seconds: number, send: (i: number) => Promise<Sample>): Promise<Sample[]> {
  const started = performance.now();
  const pending: Promise<Sample>[] = [];
  for (let i = 0; i < perSecond * seconds; i++) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(i));
  }
  return Promise.all(pending);
}

export async function runMixed(o: MixedOptions): Promise<void> {
  const load = loadAverage();
  const { forum } = o;
  const cookiesFile = path.join(os.tmpdir(), `rt-w5-cookies-${process.pid}.json`);
  fs.writeFileSync(cookiesFile, JSON.stringify(forum.users.map((u) => u.cookie)));
  const clients = await startClients({ url: o.url, sockets: o.sockets, threadId: forum.threadId, bare: false, cookiesFile });
  const organiser = forum.users[0]!;
  const page = (which: string) => `${o.url}/api/threads/${forum.threadId}/posts${o.cursors[which] ?? ""}`;
  const timed = async (endpoint: string, url: string, init: Parameters<typeof request>[1] = {}): Promise<Sample> => {
    const r = await request(url, { timeoutMs: 120_000, ...init });
    return { endpoint, status: r.status, ms: r.ms };
  };
  const written = new Set<string>();

  const readers = openLoop(o.readsPerSecond, o.seconds, (i) => {
    const which = ["first", "middle", "last"][i % 3]!;
    const signedIn = i % 2 === 1;
    const user = forum.users[(i * 31) % forum.users.length]!;
    return timed(`GET thread page (${which}, ${signedIn ? "signed in" : "anonymous"})`, page(which), signedIn ? { headers: { cookie: user.cookie } } : {});
  });
  const writers = openLoop(o.writesPerSecond, o.seconds, async (i) => {
    const user = forum.users[(i * 7919 + 1) % forum.users.length]!;
    const r = await request(`${o.url}/api/threads/${forum.threadId}/posts`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: user.cookie, "x-csrf-token": user.csrf },
      body: JSON.stringify({ body: `W5 reply ${i}: a mixed-load reply with a few words in it.` }),
      timeoutMs: 120_000,
    });
    if (r.status === 201) written.add((JSON.parse(r.body) as { post: { id: string } }).post.id);
    return { endpoint: "POST reply", status: r.status, ms: r.ms };
  });
  const staff = { cookie: organiser.cookie, "x-csrf-token": organiser.csrf };
  const exports = (async () => {
    const csv = await timed("GET contributions.csv (staff)", `${o.url}/api/consultations/${forum.consultationId}/exports/contributions.csv?scope=staff`, { headers: staff });
    await new Promise((r) => setTimeout(r, Math.max(0, (o.seconds * 1000) / 2 - csv.ms)));
    const zip = await timed("POST package.zip (staff)", `${o.url}/api/consultations/${forum.consultationId}/exports/package.zip?scope=staff`, { method: "POST", headers: staff });
    return [csv, zip];
  })();

  const samples = [...(await readers), ...(await writers), ...(await exports)];
  await new Promise((r) => setTimeout(r, 3000)); // the last live deliveries
  const arrivals = await clients.report();
  fs.rmSync(cookiesFile, { force: true });

  const byEndpoint = new Map<string, Sample[]>();
  for (const s of samples) byEndpoint.set(s.endpoint, [...(byEndpoint.get(s.endpoint) ?? []), s]);
  const rows = [...byEndpoint].map(([endpoint, list]) => {
    const statuses: Record<number, number> = {};
    for (const s of list) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    const lat = summarize(list.map((s) => s.ms));
    return [endpoint, list.length, Object.entries(statuses).map(([s, n]) => `${s}: ${n}`).join(", "), fmt(lat.p50), fmt(lat.p99), fmt(lat.max)];
  });
  let received = 0;
  for (const id of written) received += arrivals[id]?.length ?? 0;
  const share = written.size ? received / (written.size * o.sockets) : NaN;
  const failures = samples.filter((s) => s.status < 200 || s.status >= 300).length;
  console.log(`W5 ${o.kind}: ${samples.length} requests, ${failures} not 2xx; live share ${(share * 100).toFixed(1)}%`);
  writeSection(
    `w5-${o.kind}`,
    `W5 mixed load (${o.kind === "postgres" ? "PostgreSQL" : "PGlite"})`,
    `${o.seconds} s on the 100,000-post thread, all at once: ${o.readsPerSecond} page reads a second (first, middle and last
page in turn, half anonymous, half signed in), ${o.writesPerSecond} replies a second from signed-in users (open loop),
${o.sockets} signed-in sockets in the thread, and an organiser's staff CSV export at the start and a package
(ZIP) half way. Latencies in ms over every request. Requests not answered 2xx: ${failures}. Replies received live:
${(share * 100).toFixed(1)}% of replies × sockets. Load average before: ${load}.

${table(["Endpoint", "Requests", "Answers", "p50", "p99", "max"], rows)}`,
  );
}
