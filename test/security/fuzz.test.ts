// fast-check against the running server, extending test/http/fuzz.test.ts (bodies, path parameters and
// hostile query values) to every query string and every cursor of every GET operation of the OpenAPI
// document: parameters repeated, bracketed, empty, unknown; cursors the server really issued, decoded and
// tampered with (wrong types, 1e400, bad dates, extra or missing keys, other encodings), and well-typed
// cursors that point nowhere. Never a 5xx; every refusal has the one error body; a tampered cursor is
// refused by name (query.cursor). Seeded and bounded like the issue-9 test (FUZZ_SEED, FUZZ_RUNS).
import { vi } from "vitest";
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { expectErrorShape } from "../support/world.ts";
import type { TestResponse } from "../support/client.ts";
import { buildMatrixWorld, samplePath, type ActorName, type MatrixWorld } from "./matrix-world.ts";
import { ROUTES } from "./matrix-rules.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

let t: TestServer;
let w: MatrixWorld;
interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema: { type?: string | string[]; enum?: unknown[] };
}
interface GetOp {
  key: string;
  path: string;
  query: Param[];
}
let gets: GetOp[];
/** Per list with a cursor: a real next-page cursor, its decoded keys, and who got it. */
const issued: { op: GetOp; url: string; actor: ActorName; cursor: string; keys: Record<string, unknown> }[] = [];

beforeAll(async () => {
  t = await startTestServer({ env: { SCHEDULER_INTERVAL_MS: String(24 * 3600_000) } });
  w = await buildMatrixWorld(t);
  const doc = (await w.clients.anonymous.get("/api/openapi.json")).body;
  gets = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    item.get ? [{ key: `GET ${path}`, path, query: ((item.get.parameters ?? []) as Param[]).filter((p) => p.in === "query") }] : [],
  );
  // Real cursors: page one of every list with one item a page, as the actor most likely to see more than one row.
  for (const op of gets.filter((o) => o.query.some((p) => p.name === "cursor"))) {
    const actor: ActorName = op.path.startsWith("/api/admin") ? "admin" : op.path.startsWith("/api/notifications") || op.path.startsWith("/api/me") ? "participant" : "organiser";
    const base = baseQuery(op);
    const url = `${samplePath(w, op.path)}?${[...base, "limit=1"].join("&")}`;
    const res = await w.clients[actor].get(url);
    const cursor = res.body?.nextCursor;
    if (typeof cursor === "string") issued.push({ op, url: url.replace(/([?&])limit=1(&|$)/, "$1").replace(/[?&]$/, ""), actor, cursor, keys: JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) });
  }
});
afterAll(async () => {
  await t?.stop();
});

/** The required query parameters, with values the route accepts (the matrix rules' query, else the first enum value). */
function baseQuery(op: GetOp): string[] {
  const fromRule = ROUTES[op.key]?.query?.split("&") ?? [];
  const named = new Set(fromRule.map((q) => q.split("=")[0]));
  return [...fromRule, ...op.query.filter((p) => p.required && !named.has(p.name)).map((p) => `${p.name}=${encodeURIComponent(String(p.schema.enum?.[0] ?? "1"))}`)];
}

async function send(actor: ActorName, url: string): Promise<TestResponse | "unsendable"> {
  try {
    return await w.clients[actor].raw("GET", url);
  } catch (err) {
    if (err instanceof TypeError && !/fetch failed/.test(err.message)) return "unsendable";
    throw err;
  }
}

// ---- Values ----

const hostileText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("", " ", "%00", "%", "%zz", "%C0%80", "%ED%A0%80", "%FF", "1e400", "-1", "0", "NaN", "Infinity", "9".repeat(40), "__proto__", "constructor", "true", "null", "[]", "{}", "x".repeat(3_000), "2020-13-45", "'; DROP TABLE users; --"),
  fc.integer().map(String),
);
const encoded = hostileText.map((s) => (/%/.test(s) ? s : encodeURIComponent(s)));
/** One query parameter as a URL can carry it: plain, repeated (an array), bracketed (an object), bare. */
const queryForm = (name: string) =>
  fc.oneof(
    encoded.map((v) => [`${name}=${v}`]),
    fc.tuple(encoded, encoded).map(([a, b]) => [`${name}=${a}`, `${name}=${b}`]),
    fc.tuple(fc.constantFrom("[]", "[0]", "[a]", "[__proto__]", "[constructor][prototype]"), encoded).map(([br, v]) => [`${encodeURIComponent(name)}${br}=${v}`]),
    fc.constant([name]),
  );

/** Raw JSON tokens JSON.stringify cannot write. */
class Raw {
  constructor(readonly text: string) {}
}
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(new Raw("1e400"), new Raw("-1e400"), new Raw("1e-400"), new Raw("123456789012345678901234567890"), -1, 0, 2 ** 31, 2 ** 53 + 1, 0.5, null, true, "", "x", "2020-01-01", "2020-13-45T25:61:61Z", "0000-01-01T00:00:00.000Z", "275760-09-13T00:00:00.000Z", "\u0000", "\ud800", [], {}, [1], { $gt: "" }),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
);
function toJson(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJson).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(",")}}`;
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  return JSON.stringify(v) ?? "null";
}

type Tamper = { kind: "value" | "drop" | "extra" | "proto" | "encoding" | "bytes" | "wrap"; key: number; value: unknown; extraKey: string; encoding: number; bytes: number[] };
const tamper: fc.Arbitrary<Tamper> = fc.record({
  kind: fc.constantFrom<Tamper["kind"]>("value", "value", "value", "drop", "extra", "proto", "encoding", "bytes", "wrap"),
  key: fc.nat(),
  value: jsonValue,
  extraKey: fc.constantFrom("id", "seq", "createdAt", "x", "__proto__", "constructor", "nameKey"),
  encoding: fc.nat(),
  bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
});

function tampered(keys: Record<string, unknown>, m: Tamper): string {
  const names = Object.keys(keys);
  const name = names[m.key % names.length]!;
  const entries: [string, unknown][] = Object.entries(keys);
  let json: string;
  switch (m.kind) {
    case "value":
      json = toJson(Object.fromEntries(entries.map(([k, v]) => [k, k === name ? m.value : v])));
      break;
    case "drop":
      json = toJson(Object.fromEntries(entries.filter(([k]) => k !== name)));
      break;
    case "extra":
      json = `{${[...entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`), `${JSON.stringify(m.extraKey)}:${toJson(m.value)}`].join(",")}}`;
      break;
    case "proto":
      json = `{"__proto__":${toJson(keys)}}`;
      break;
    case "wrap":
      json = toJson([keys]);
      break;
    case "bytes":
      return Buffer.from(m.bytes).toString("base64url");
    case "encoding": {
      const text = toJson(keys);
      // Standard base64 with padding, double-encoded, cut short, or raw JSON instead of base64.
      const forms = [Buffer.from(text).toString("base64"), Buffer.from(Buffer.from(text).toString("base64url")).toString("base64url"), Buffer.from(text).toString("base64url").slice(0, -3), text];
      return forms[m.encoding % forms.length]!;
    }
  }
  return Buffer.from(json).toString("base64url");
}

// ---- Properties ----

describe("every query string of every GET operation", () => {
  it(`never a 5xx, always the one error body (seed ${SEED}, ${RUNS} requests)`, async () => {
    expect(gets.length).toBeGreaterThan(50);
    const withQuery = gets.filter((o) => o.query.length > 0);
    expect(withQuery.length).toBeGreaterThan(10);
    const statuses = new Map<number, number>();
    const caseArb = fc.record({
      op: fc.nat(),
      actor: fc.constantFrom<ActorName>("anonymous", "participant", "organiser", "admin"),
      picks: fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 6 }),
      values: fc.array(fc.tuple(fc.constantFrom("q", "limit", "cursor", "scope", "status", "kind", "from", "to", "sort", "page", "offset", "x"), encoded), { maxLength: 3 }),
      seed: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const op = withQuery[c.op % withQuery.length]!;
        const parts: string[] = [...baseQuery(op)];
        for (const [i, replace] of c.picks) {
          const p = op.query[i % op.query.length]!;
          const form = fc.sample(queryForm(p.name), { seed: c.seed + i, numRuns: 1 })[0]!;
          if (replace) for (let j = parts.length - 1; j >= 0; j--) if (parts[j]!.startsWith(`${p.name}=`)) parts.splice(j, 1);
          parts.push(...form);
        }
        for (const [k, v] of c.values) parts.push(`${k}=${v}`);
        const url = `${samplePath(w, op.path)}?${parts.join("&")}`;
        const res = await send(c.actor, url);
        if (res === "unsendable") return;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${c.actor} GET ${url.slice(0, 500)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)} (FUZZ_SEED=${SEED})`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status >= 400 && (res.headers.get("content-type") ?? "").includes("json")) expectErrorShape(res, where);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.info(`fuzz queries: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 5);
  });
});

describe("every cursor of every list", () => {
  it("the lists issue cursors, and the cursors they issue work", async () => {
    expect(issued.length, `cursors from ${issued.map((i) => i.op.key).join(", ")}`).toBeGreaterThanOrEqual(5);
    for (const i of issued) {
      const res = await w.clients[i.actor].get(`${i.url}${i.url.includes("?") ? "&" : "?"}limit=1&cursor=${i.cursor}`);
      expect(res.status, i.op.key).toBe(200);
    }
  });

  it(`tampered cursors are refused by name, well-typed ones that point nowhere are answered, never a 5xx (seed ${SEED}, ${RUNS} requests)`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(), tamper, async (pick, m) => {
        const i = issued[pick % issued.length]!;
        const cursor = tampered(i.keys, m);
        const url = `${i.url}${i.url.includes("?") ? "&" : "?"}limit=2&cursor=${encodeURIComponent(cursor)}`;
        const res = await send(i.actor, url);
        if (res === "unsendable") return;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${i.actor} ${i.op.key} cursor ${JSON.stringify(i.keys)} tampered ${JSON.stringify({ ...m, value: m.value instanceof Raw ? m.value.text : m.value })} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)} (FUZZ_SEED=${SEED})`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status !== 200) {
          expectErrorShape(res, where);
          expect(res.status, where).toBe(400);
          expect(res.body.error.details.map((d: { path: string }) => d.path), where).toContain("query.cursor");
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.info(`fuzz cursors over ${issued.length} lists: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 3);
  });

  it("well-typed cursors that name no row, the first or the last possible one, are answered (200), not a 5xx", async () => {
    const findings: string[] = [];
    for (const i of issued) {
      const variants = Object.entries(i.keys).flatMap(([k, v]) => {
        if (typeof v === "number") return [0, 2_147_483_647, 1].map((n) => ({ ...i.keys, [k]: n }));
        if (typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v)) return ["1970-01-01T00:00:00.000Z", "2999-12-31T23:59:59.999Z"].map((d) => ({ ...i.keys, [k]: d }));
        // Row ids (other strings, such as a queue's composite key or a pinned flag, have a format of their own: the tamper property covers them).
        if (typeof v === "string" && /^c[a-z0-9]{20,}$/.test(v)) return [{ ...i.keys, [k]: "nosuchrow000" }, { ...i.keys, [k]: "zzzzzzzzzzzz" }];
        return [];
      });
      for (const keys of variants) {
        const cursor = Buffer.from(JSON.stringify(keys)).toString("base64url");
        const res = await w.clients[i.actor].get(`${i.url}${i.url.includes("?") ? "&" : "?"}cursor=${cursor}`);
        if (res.status !== 200) findings.push(`${i.op.key} ${JSON.stringify(keys)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(findings).toEqual([]);
  });
});
