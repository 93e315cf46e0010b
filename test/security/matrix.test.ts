// The authorization matrix (issue 11, attack suite): every route of the served OpenAPI document x the eight
// actors x the objects it can name (public, restricted and draft consultations; published, pending, hidden,
// withdrawn and illegal-flagged posts, threads and positions), then every way to reach an object (direct,
// permalink, list, search, count, profile, revision, notification, socket, export) and every socket event.
// Expectations come from matrix-rules.ts, never from the server. A denial of an unseen object must be the
// very answer a missing one gets. Writes are sent only where they must be refused (the world stays as
// seeded), and every refused write leaves every table as it was. Every JSON answered is scanned for
// password hashes, other users' emails, IP addresses and session ids.
import { vi } from "vitest";
// One world, seeded once: minutes on the shared, busy test machine (argon2 per account).
// The whole matrix is one test (its findings are read together); it grows with the routes, and a loaded
// 2-core machine took 241 s for it on PGlite.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import type { TestClient, TestResponse } from "../support/client.ts";
import { connectSocket, type TestSocket } from "../support/sockets.ts";
import { databaseFingerprint } from "../support/world.ts";
import { ACTORS, CONSULTATIONS, buildMatrixWorld, type ActorName, type ConsultationName, type ContentObject, type MatrixWorld } from "./matrix-world.ts";
import { ROUTES, holds, inPublicChannels, readsConsultation, readsContent, seesObject, rankOf, atLeast, type RouteRule } from "./matrix-rules.ts";

let t: TestServer;
let w: MatrixWorld;
let doc: { paths: Record<string, Record<string, unknown>> };
/** Every JSON body answered to an actor, for the secrets scan. */
const answered: { actor: ActorName; where: string; text: string }[] = [];
const BATCH = 16;

beforeAll(async () => {
  t = await startTestServer({ env: { SCHEDULER_INTERVAL_MS: String(24 * 3600_000) } });
  w = await buildMatrixWorld(t);
  doc = (await w.clients.anonymous.get("/api/openapi.json")).body;
});
afterAll(async () => {
  await t?.stop();
});

async function send(actor: ActorName, method: string, url: string, body?: unknown): Promise<TestResponse> {
  const res = await w.clients[actor].request(method, url, method === "GET" ? undefined : body ?? {});
  if (typeof res.body === "object" && res.body !== null) answered.push({ actor, where: `${method} ${url}`, text: JSON.stringify(res.body) });
  else if (typeof res.body === "string" && (res.headers.get("content-type") ?? "").match(/csv|html|xml|markdown/)) answered.push({ actor, where: `${method} ${url}`, text: res.body });
  return res;
}

/** Runs the thunks BATCH at a time, in order of batches. */
async function inBatches<T>(thunks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < thunks.length; i += BATCH) out.push(...(await Promise.all(thunks.slice(i, i + BATCH).map((f) => f()))));
  return out;
}

// ---- The route matrix ----

interface Case {
  key: string;
  rule: RouteRule;
  method: string;
  url: string;
  /** The same request naming a row that does not exist. */
  missingUrl?: string;
  consultation: ConsultationName | null;
  /** Which actors see the target (the object itself, before what the route needs). */
  sees: (a: ActorName) => boolean;
  label: string;
  body?: unknown;
}

function fill(value: unknown, c: ConsultationName | null): unknown {
  const s = JSON.stringify(value ?? {})
    .replaceAll("{authorUser}", w.userIds.author!)
    .replaceAll("{organisation}", w.organisationId)
    .replaceAll("{question}", w.consultations[c ?? "public"].questionIds[4]!);
  return JSON.parse(s);
}

function casesFor(key: string, rule: RouteRule): Case[] {
  const [method, path] = key.split(" ") as [string, string];
  const build = (id: string | null, c: ConsultationName | null, sees: Case["sees"], label: string): Case => {
    const params = fill(rule.fixedParams ?? {}, c) as Record<string, string>;
    const url = (theId: string) => path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === "id" && theId ? theId : (params[name] ?? theId))) + (rule.query ? `?${rule.query}` : "");
    return { key, rule, method, url: url(id ?? ""), missingUrl: id ? url("nosuchobject0") : undefined, consultation: c, sees, label, body: rule.body === undefined ? undefined : fill(rule.body, c) };
  };
  const objects = (kind: ContentObject["kind"]) => w.objects.filter((o) => o.kind === kind).map((o) => build(o.id, o.consultation, (a) => seesObject(a, o), `${o.kind} ${o.consultation}/${o.state}`));
  switch (rule.target) {
    case "none":
      return [build(null, null, () => true, "")];
    case "fixed":
      return [build(null, null, () => true, "")];
    case "consultation":
      return CONSULTATIONS.map((c) => build(w.consultations[c].id, c, (a) => readsConsultation(a, c), `consultation ${c}`));
    case "thread":
    case "post":
    case "position":
      return objects(rule.target);
    case "text":
      return CONSULTATIONS.map((c) => build(w.consultations[c].textId, c, (a) => readsConsultation(a, c), `text in ${c}`));
    case "amendment":
      return CONSULTATIONS.map((c) => build(w.consultations[c].amendmentId, c, (a) => readsConsultation(a, c), `amendment in ${c}`));
    case "decision":
    case "appeal": {
      const id = rule.target === "decision" ? w.consultations.public.decisionId! : w.consultations.public.appealId!;
      return [build(id, "public", (a) => seesObject(a, { consultation: "public", state: "hidden" }), `${rule.target} on a hidden post`)];
    }
    case "quarantined": {
      const illegal = w.objects.find((o) => o.kind === "post" && o.state === "illegal")!;
      return [build(illegal.id, "public", (a) => seesObject(a, illegal), "illegal-flagged post")];
    }
  }
}

/** What the rules say the actor gets: a status, "missing" (the answer a missing row gets), or "allowed" for a write that is not sent. */
function expected(c: Case, actor: ActorName): number | "missing" | "allowed" | "answered" | "refused" {
  if (!c.sees(actor)) return "missing";
  const ok = holds(actor, c.rule.need, c.consultation);
  if (c.rule.loose) return ok ? (c.method === "GET" ? "answered" : "allowed") : "refused";
  if (ok && c.rule.quarantineOnly && c.label.endsWith("/illegal")) return 403;
  if (ok) return c.method === "GET" ? (c.rule.absent ? 404 : 200) : "allowed";
  if (c.rule.absent && c.rule.target === "fixed") return actor === "anonymous" && c.rule.need !== "any" ? 401 : 404;
  // Seen, but the route does not admit it to this caller: a 404 (what it names exists for them, so the wording may differ).
  // Anonymous callers are asked to log in first, except where the route itself is hidden (the admin console).
  if (c.rule.conceal) return actor === "anonymous" && !c.key.includes(" /api/admin/") ? 401 : 404;
  return actor === "anonymous" ? 401 : 403;
}

const NOT_SENT = new Set(["POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/logout", "POST /api/consultations"]);

describe("the authorization matrix", () => {
  it("has a rule for every route of the OpenAPI document, and no rule for a route that is gone", () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.length).toBeGreaterThan(100);
    expect(documented.filter((k) => !ROUTES[k]), "routes without a rule in test/security/matrix-rules.ts").toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !documented.includes(k)), "rules for routes that are not documented").toEqual([]);
  });

  it("every route x actor x object answers what the rules say; unseen is the same as missing", async () => {
    const started = Date.now();
    const cases = Object.entries(ROUTES)
      .filter(([key]) => !NOT_SENT.has(key))
      .flatMap(([key, rule]) => casesFor(key, rule));
    const findings: string[] = [];
    let sent = 0;
    let allowedWrites = 0;
    const missingCache = new Map<string, Promise<TestResponse>>();
    const missing = (actor: ActorName, c: Case) => {
      const k = `${actor} ${c.method} ${c.missingUrl}`;
      if (!missingCache.has(k)) missingCache.set(k, send(actor, c.method, c.missingUrl!, c.body));
      return missingCache.get(k)!;
    };
    // GETs first, then the refused writes (none of which may change anything: checked after each batch, to name the culprit).
    const thunks = (list: Case[]) =>
      list.flatMap((c) =>
        ACTORS.map((actor) => async () => {
          const want = expected(c, actor);
          if (want === "allowed") return void allowedWrites++;
          sent++;
          const res = await send(actor, c.method, c.url, c.body);
          const where = `${actor} ${c.key} (${c.label}) → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          if (res.status >= 500) findings.push(`5xx: ${where}`);
          if (want === "missing") {
            if (!c.missingUrl) return void findings.push(`no missing form: ${where}`);
            // A concealed route may check the session first: anonymous callers are asked to log in, whether or not the row exists.
            const m = await missing(actor, c);
            if (m.status !== res.status || JSON.stringify(m.body) !== JSON.stringify(res.body)) findings.push(`unseen differs from missing (${m.status} ${JSON.stringify(m.body).slice(0, 120)}): ${where}`);
            if (res.status < 400) findings.push(`unseen is not refused: ${where}`);
          } else if (want === "answered") {
            if (res.status >= 500) findings.push(`expected an answer: ${where}`);
          } else if (want === "refused") {
            if (res.status < 400 || res.status >= 500) findings.push(`expected a refusal: ${where}`);
          } else if (res.status !== want) findings.push(`expected ${want}: ${where}`);
          return where;
        }),
      );
    await inBatches(thunks(cases.filter((c) => c.method === "GET")));
    // (Opening the quarantine view is logged: the one GET that writes, by design.)
    let fingerprint = await databaseFingerprint(t);
    const writes = thunks(cases.filter((c) => c.method !== "GET"));
    for (let i = 0; i < writes.length; i += BATCH) {
      const batch = await Promise.all(writes.slice(i, i + BATCH).map((f) => f()));
      const now = await databaseFingerprint(t);
      if (now !== fingerprint) findings.push(`a refused write changed the database, in: ${batch.filter(Boolean).join(" | ")}`);
      fingerprint = now;
    }
    console.info(`matrix: ${cases.length} route x object cases x ${ACTORS.length} actors: ${sent} requests sent, ${allowedWrites} permitted writes not sent, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(findings).toEqual([]);
  });
});

// ---- Every way to reach an object ----

async function allPages(actor: ActorName, path: string): Promise<{ status: number; text: string }> {
  let cursor: string | null = null;
  let text = "";
  let status = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res: TestResponse = await send(actor, "GET", `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ""}`);
    status = res.status;
    text += JSON.stringify(res.body);
    cursor = res.status === 200 ? (res.body.nextCursor ?? null) : null;
  } while (cursor);
  return { status, text };
}

describe("every way to reach an object", () => {
  it("direct, permalink, list, search, count, profile, revision, notification and export agree with the rules", async () => {
    const findings: string[] = [];
    // Lists, profiles, exports and notifications are the same for every object of a consultation: asked once per reader.
    const memo = new Map<string, Promise<{ status: number; text: string }>>();
    const once = (actor: ActorName, path: string, paged: boolean) => {
      const k = `${actor} ${path}`;
      if (!memo.has(k)) memo.set(k, paged ? allPages(actor, path) : send(actor, "GET", path).then((r) => ({ status: r.status, text: JSON.stringify(r.body) })));
      return memo.get(k)!;
    };
    const check = (present: boolean, want: boolean, what: string) => {
      if (present !== want) findings.push(`${what}: ${present ? "present" : "absent"}, the rules say ${want ? "present" : "absent"}`);
    };
    await inBatches(
      w.objects.flatMap((o) =>
        ACTORS.map((actor) => async () => {
          const c = w.consultations[o.consultation];
          const label = `${actor} ${o.kind} ${o.consultation}/${o.state}`;
          const has = (text: string) => text.includes(o.token);
          const direct = await send(actor, "GET", `/api/${o.kind}s/${o.id}`);
          check(direct.status === 200, seesObject(actor, o), `${label} direct status ${direct.status}`);
          check(has(JSON.stringify(direct.body)), readsContent(actor, o), `${label} direct content`);
          if (o.kind === "thread") {
            const permalink = await send(actor, "GET", `/api/posts/${o.replyId}`);
            check(permalink.status === 200, seesObject(actor, o), `${label} permalink to a reply, ${permalink.status}`);
            check(has(JSON.stringify(permalink.body)), readsContent(actor, o), `${label} permalink content`);
            const list = await once(actor, `/api/consultations/${c.id}/threads?limit=100`, true);
            check(has(list.text), readsContent(actor, o), `${label} list`);
          } else if (o.kind === "post") {
            const list = await once(actor, `/api/threads/${o.threadId}/posts?limit=100`, true);
            check(has(list.text), readsContent(actor, o), `${label} list`);
            const rev = await send(actor, "GET", `/api/posts/${o.id}/revisions`);
            check(has(JSON.stringify(rev.body)), readsContent(actor, o) && atLeast(rankOf(actor, o.consultation), "moderator"), `${label} revisions (${rev.status})`);
          } else {
            const list = await once(actor, `/api/consultations/${c.id}/positions?limit=100`, true);
            check(has(list.text), readsContent(actor, o), `${label} list`);
          }
          const search = await send(actor, "GET", `/api/search?q=${o.token}&limit=50`);
          check(has(JSON.stringify(search.body)) || JSON.stringify(search.body).includes(o.id), inPublicChannels(actor, o), `${label} search`);
          const profile = await once(actor, `/api/users/${w.userIds.author}`, false);
          // The author's recent posts, with their threads' titles, from the consultations the reader reads.
          check(has(profile.text), o.kind !== "position" && inPublicChannels(actor, o), `${label} profile`);
          const exp = await once(actor, `/api/consultations/${c.id}/exports/contributions.json?scope=public`, false);
          check(has(exp.text), inPublicChannels(actor, o), `${label} public export (${exp.status})`);
          if (actor !== "anonymous") {
            const notes = await once(actor, `/api/notifications`, true);
            // Every reply post answers the participant, as does a post in every thread: the participant is told of those they may read.
            check(has(notes.text), actor === "participant" && o.kind !== "position" && inPublicChannels(actor, o), `${label} notifications`);
          }
        }),
      ),
    );
    expect(findings).toEqual([]);
  });

  it("counts: the thread list counts only the replies the reader sees", async () => {
    const c = w.consultations.public;
    const findings: string[] = [];
    for (const actor of ACTORS) {
      const list = await send(actor, "GET", `/api/consultations/${c.id}/threads?limit=100`);
      const item = (list.body.items as Record<string, unknown>[]).find((i) => i.id === c.thread.id)!;
      const posts = await allPages(actor, `/api/threads/${c.thread.id}/posts?limit=100`);
      // Hidden posts stay in place as placeholders for readers: they count what is published, staff everything.
      const staff = atLeast(rankOf(actor, "public"), "moderator");
      const visible = (JSON.parse(`[${posts.text.replaceAll("}{", "},{")}]`) as { items: { status: string }[] }[]).reduce((n, p) => n + p.items.filter((i) => staff || i.status === "published").length, 0);
      const counted = Object.entries(item).filter(([k, v]) => /count/i.test(k) && typeof v === "number");
      expect(counted.length, `the thread list item has a count: ${JSON.stringify(item)}`).toBeGreaterThan(0);
      for (const [k, v] of counted) if (/repl|post/i.test(k) && v !== visible && v !== visible - 1) findings.push(`${actor}: ${k}=${v}, sees ${visible} posts`);
    }
    expect(findings).toEqual([]);
  });
});

// ---- Sockets ----

describe("every socket event, per actor", () => {
  it("joins, leaves, syncs and claims follow the same rules, unseen is the same as missing, and replays carry only what the reader may read", async () => {
    const findings: string[] = [];
    const sockets = {} as Record<ActorName, TestSocket>;
    for (const actor of ACTORS) sockets[actor] = await connectSocket(t.url, actor === "anonymous" ? undefined : w.clients[actor]);
    try {
      const ackOf = async (actor: ActorName, name: string, payload: unknown) => {
        const ack = await sockets[actor].request(name, payload);
        answered.push({ actor, where: `socket ${name}`, text: JSON.stringify(ack) });
        return ack as { data?: any; error?: { code: string; message: string } };
      };
      // Each actor on their own socket, all at once.
      await Promise.all(ACTORS.map(async (actor) => {
        const missingThread = await ackOf(actor, "thread:join", { threadId: "nosuchobject0", since: 0 });
        const missingConsultation = await ackOf(actor, "consultation:join", { consultationId: "nosuchobject0", since: 0 });
        const missingQueue = await ackOf(actor, "queue:join", { consultationId: "nosuchobject0", since: 0 });
        if (!missingThread.error || !missingConsultation.error || !missingQueue.error) findings.push(`${actor}: a missing room was joined`);
        for (const o of w.objects.filter((x) => x.kind !== "position")) {
          const ack = await ackOf(actor, "thread:join", { threadId: o.threadId, since: 0 });
          const threadState = o.kind === "thread" ? o : { ...o, state: "published" as const };
          const label = `${actor} thread:join ${o.kind} ${o.consultation}/${o.state}`;
          if (seesObject(actor, threadState)) {
            if (!ack.data) findings.push(`${label}: refused ${JSON.stringify(ack.error)}`);
            else if (JSON.stringify(ack.data).includes(o.token) !== readsContent(actor, o))
              findings.push(`${label}: replay ${readsContent(actor, o) ? "lacks" : "carries"} the token (${(ack.data.missed as { name?: string; type?: string }[]).filter((e) => JSON.stringify(e).includes(o.token)).map((e) => JSON.stringify(e).slice(0, 160)).join("; ")})`);
            await ackOf(actor, "room:leave", { room: "thread", id: o.threadId });
          } else if (JSON.stringify(ack) !== JSON.stringify(missingThread)) findings.push(`${label}: ${JSON.stringify(ack)} differs from missing ${JSON.stringify(missingThread)}`);
        }
        for (const c of CONSULTATIONS) {
          const id = w.consultations[c].id;
          const join = await ackOf(actor, "consultation:join", { consultationId: id, since: 0 });
          const label = `${actor} consultation:join ${c}`;
          if (readsConsultation(actor, c)) {
            if (!join.data) findings.push(`${label}: refused ${JSON.stringify(join.error)}`);
            else for (const o of w.objects.filter((x) => x.consultation === c)) {
              if (JSON.stringify(join.data).includes(o.token) && !readsContent(actor, o)) findings.push(`${label}: replay carries ${o.kind} ${o.state}`);
            }
            await ackOf(actor, "room:leave", { room: "consultation", id });
          } else if (JSON.stringify(join) !== JSON.stringify(missingConsultation)) findings.push(`${label}: ${JSON.stringify(join)} differs from missing`);
          const queue = await ackOf(actor, "queue:join", { consultationId: id, since: 0 });
          const qLabel = `${actor} queue:join ${c}`;
          const staff = readsConsultation(actor, c) && atLeast(rankOf(actor, c), "moderator");
          if (staff) {
            if (!queue.data) findings.push(`${qLabel}: refused ${JSON.stringify(queue.error)}`);
            await ackOf(actor, "room:leave", { room: "queue", id });
          } else if (!queue.error) findings.push(`${qLabel}: joined`);
          else if (!readsConsultation(actor, c) && JSON.stringify(queue) !== JSON.stringify(missingQueue)) findings.push(`${qLabel}: ${JSON.stringify(queue)} differs from missing`);
          // Claiming the pending post for review: staff only; nobody else learns it exists.
          const pending = w.objects.find((x) => x.kind === "post" && x.state === "pending")!;
          if (c === "public" && !staff) {
            const claim = await ackOf(actor, "queue:claim", { consultationId: id, kind: "post", id: pending.id });
            const missingClaim = await ackOf(actor, "queue:claim", { consultationId: id, kind: "post", id: "nosuchobject0" });
            if (!claim.error) findings.push(`${actor} queue:claim: claimed`);
            else if (JSON.stringify(claim) !== JSON.stringify(missingClaim) && claim.error.code !== "forbidden" && claim.error.code !== "unauthenticated") findings.push(`${actor} queue:claim: ${JSON.stringify(claim)}`);
          }
        }
        const sync = await ackOf(actor, "notifications:sync", { since: 0 });
        if (actor === "anonymous" ? !sync.error : !sync.data) findings.push(`${actor} notifications:sync: ${JSON.stringify(sync)}`);
        if (sync.data) for (const o of w.objects) if (JSON.stringify(sync.data).includes(o.token) && !inPublicChannels(actor, o)) findings.push(`${actor} notifications:sync carries ${o.kind} ${o.state}`);
      }));
    } finally {
      for (const s of Object.values(sockets)) s.close();
    }
    expect(findings).toEqual([]);
  });
});

// ---- Secrets in answers ----

describe("what no answer carries", () => {
  it("password hashes, other users' emails, IP addresses, session ids: in none of the JSON answered above", async () => {
    expect(answered.length).toBeGreaterThan(1000);
    const users = await t.prisma.user.findMany({ select: { id: true, email: true, passwordHash: true } });
    const sessions = await t.prisma.session.findMany({ select: { sid: true } });
    const ownEmail = (actor: ActorName) => users.find((u) => u.id === w.userIds[actor])?.email;
    const findings = new Set<string>();
    for (const a of answered) {
      // The server names its own address (siteUrl in reports): that is nobody's IP.
      a.text = a.text.replaceAll(t.url, "SITE");
      for (const u of users) {
        if (a.text.includes(u.passwordHash)) findings.add(`${a.where}: a password hash`);
        // Admins manage accounts: the admin console lists emails (to admins only, as the matrix checks).
        const adminConsole = a.actor === "admin" && a.where.startsWith("GET /api/admin/");
        if (!adminConsole && u.email !== ownEmail(a.actor) && a.text.toLowerCase().includes(u.email.toLowerCase())) findings.add(`${a.actor} ${a.where}: another user's email`);
      }
      if (/\$argon2/.test(a.text)) findings.add(`${a.where}: an argon2 string`);
      const ip = /\b127\.0\.0\.1\b|::ffff:|"ip"\s*:/.exec(a.text);
      if (ip) findings.add(`${a.actor} ${a.where}: an IP address (…${a.text.slice(Math.max(0, ip.index - 80), ip.index + 40)}…)`);
      for (const s of sessions) if (a.text.includes(s.sid)) findings.add(`${a.actor} ${a.where}: a session id`);
      if (/passwordHash|password_hash/.test(a.text)) findings.add(`${a.where}: a passwordHash field`);
    }
    // Positive control: the scan does see an actor's own email (GET /api/me answers it).
    expect(answered.some((a) => a.actor === "participant" && a.text.includes(ownEmail("participant")!))).toBe(true);
    expect([...findings]).toEqual([]);
  });
});
