// CSRF, GETs that change nothing, and mass assignment, over every operation of the served OpenAPI
// document (so a new route is covered the day it is documented), on the attack suite's world.
// - Every non-GET operation, login and logout included, refuses a request without the token, with a wrong
//   one or with another session's, and from a cross-site form, changing nothing.
// - Every GET operation sent twice by every kind of caller leaves every table as it was (row counts and
//   row versions), the logged quarantine view excepted (it writes its audit entry, by design).
// - Every write schema refuses, by name, fields a caller must not set (isAdmin, role, status, authorId…)
//   unless the operation declares them.
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { databaseFingerprint } from "../support/world.ts";
import { DEFAULT_PASSWORD } from "../support/factories.ts";
import type { TestClient, TestResponse } from "../support/client.ts";
import { buildMatrixWorld, samplePath, type ActorName, type MatrixWorld } from "./matrix-world.ts";
import { ROUTES } from "./matrix-rules.ts";

let t: TestServer;
let w: MatrixWorld;
interface Op {
  key: string;
  method: string;
  path: string;
  body?: Schema;
}
interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: unknown;
}
let ops: Op[];
let components: Record<string, Schema>;

beforeAll(async () => {
  t = await startTestServer({ env: { SCHEDULER_INTERVAL_MS: String(24 * 3600_000) } });
  w = await buildMatrixWorld(t);
  const doc = (await w.clients.anonymous.get("/api/openapi.json")).body;
  components = doc.components?.schemas ?? {};
  ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path, body: op.requestBody?.content?.["application/json"]?.schema })),
  );
});
afterAll(async () => {
  await t?.stop();
});

function urlOf(op: Op): string {
  const query = ROUTES[op.key]?.query;
  return samplePath(w, op.path) + (query ? `?${query}` : "");
}

function bodyOf(op: Op): unknown {
  const s = JSON.stringify(ROUTES[op.key]?.body ?? {})
    .replaceAll("{authorUser}", w.userIds.author!)
    .replaceAll("{organisation}", w.organisationId)
    .replaceAll("{question}", w.consultations.public.questionIds[4]!);
  const body = JSON.parse(s);
  if (op.key === "POST /api/auth/login") return { email: "nobody@example.org", password: DEFAULT_PASSWORD };
  if (op.key === "POST /api/auth/register") return { email: "csrf-newcomer@example.org", password: "a long enough passphrase", displayName: "Newcomer" };
  return body;
}

/** Operations authenticated by an API key rather than the session cookie. */
const KEY_AUTHENTICATED = new Set(["POST /api/partner/v1/responses"]);

const isCsrfRefusal = (res: TestResponse) => res.status === 403 && res.body?.error?.code === "csrf_invalid";

describe("CSRF, from the OpenAPI document", () => {
  it("every non-GET operation, login and logout included, refuses a missing, wrong, foreign or cross-site token and changes nothing", async () => {
    // The partner API authenticates with a key in the Authorization header, which a cross-site page cannot
    // attach: no ambient credential, so no CSRF token (it answers 401 to every request here).
    const changing = ops.filter((o) => o.method !== "GET" && !KEY_AUTHENTICATED.has(o.key));
    expect(changing.map((o) => o.key)).toEqual(expect.arrayContaining(["POST /api/auth/login", "POST /api/auth/logout", "POST /api/auth/register"]));
    const foreign = await w.clients.participant.heldCsrfToken();
    const before = await databaseFingerprint(t);
    const findings: string[] = [];
    for (const actor of ["admin", "organiser", "anonymous"] as ActorName[]) {
      const client = w.clients[actor];
      const own = await client.heldCsrfToken();
      for (const op of changing) {
        const url = urlOf(op);
        const json = JSON.stringify(bodyOf(op));
        const attempts: [string, Record<string, string>, string][] = [
          ["no token", { "content-type": "application/json" }, json],
          ["a wrong token", { "content-type": "application/json", "x-csrf-token": `${own.slice(0, -2)}xx` }, json],
          ["another session's token", { "content-type": "application/json", "x-csrf-token": foreign }, json],
          // What a cross-site form can send: a simple content type, the cookie, no custom header.
          ["a cross-site form", { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" }, "isAdmin=true"],
          ["a cross-site text/plain post", { "content-type": "text/plain", origin: "https://evil.example" }, json],
        ];
        for (const [what, headers, body] of attempts) {
          const res = await client.raw(op.method, url, { body, headers });
          if (!isCsrfRefusal(res)) findings.push(`${actor} ${op.key} with ${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
    }
    expect(findings).toEqual([]);
    expect(await databaseFingerprint(t), "a request refused for CSRF changed the database").toBe(before);
    // Logout did not run: still logged in; login did not run: still anonymous.
    expect((await w.clients.admin.get("/api/me")).body.user?.id).toBe(w.userIds.admin);
    expect((await w.clients.anonymous.get("/api/me")).body.user).toBeNull();
  });

  it("positive control: with the token, login, a write and logout do happen", async () => {
    const fresh = t.client();
    const user = await t.prisma.user.findUniqueOrThrow({ where: { id: w.userIds.nonMember! } });
    expect((await fresh.post("/api/auth/login", { email: user.email, password: DEFAULT_PASSWORD })).status).toBe(200);
    await fresh.csrf();
    expect((await fresh.patch("/api/me", { displayName: "Matrix nonMember, renamed" })).status).toBe(200);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).displayName).toBe("Matrix nonMember, renamed");
    expect((await fresh.post("/api/auth/logout")).status).toBeLessThan(300);
    expect((await fresh.get("/api/me")).body.user).toBeNull();
  });
});

describe("no state change on GET", () => {
  it("every GET operation, twice, by every kind of caller, leaves every table as it was", async () => {
    const gets = ops.filter((o) => o.method === "GET");
    expect(gets.length).toBeGreaterThan(50);
    const findings: string[] = [];
    let checked = 0;
    for (const actor of ["anonymous", "participant", "moderator", "organiser", "admin"] as ActorName[]) {
      for (const op of gets) {
        const before = await databaseFingerprint(t);
        const url = urlOf(op);
        const first = await w.clients[actor].get(url);
        const second = await w.clients[actor].get(url);
        if (first.status >= 500 || second.status >= 500) findings.push(`${actor} ${op.key}: ${first.status}/${second.status}`);
        const after = await databaseFingerprint(t);
        checked++;
        if (after === before) continue;
        const changed = diffTables(before, after);
        // Opening an illegal-flagged post is logged, each time: the only GET allowed to write, and only that.
        if (op.key === "GET /api/moderation/quarantine/{kind}/{id}" && changed.every((c) => c === "audit_entries") && first.status === 200) continue;
        findings.push(`${actor} ${op.key} (${first.status}) changed ${changed.join(", ")}`);
      }
    }
    expect(findings).toEqual([]);
    // Positive control: the fingerprint does see a write.
    const before = await databaseFingerprint(t);
    expect((await w.clients.participant.patch("/api/me", { displayName: "Matrix participant" })).status).toBe(200);
    expect(await databaseFingerprint(t)).not.toBe(before);
    console.info(`GET twice: ${checked} operation x caller pairs`);
  });
});

function diffTables(a: string, b: string): string[] {
  const parse = (s: string) => new Map(s.split(" ").map((x) => [x.split("=")[0]!, x]));
  const [pa, pb] = [parse(a), parse(b)];
  return [...pb.keys()].filter((k) => pa.get(k) !== pb.get(k));
}

// ---- Mass assignment ----

/** The fields a caller names in a schema (through $ref and unions). */
function declared(schema: Schema | undefined, out = new Set<string>()): Set<string> {
  if (!schema) return out;
  if (schema.$ref) return declared(components[schema.$ref.split("/").pop()!], out);
  for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) declared(s, out);
  for (const k of Object.keys(schema.properties ?? {})) out.add(k);
  return out;
}

const PRIVILEGED: Record<string, unknown> = {
  isAdmin: true,
  role: "admin",
  status: "published",
  authorId: "someoneelse00",
  userId: "someoneelse00",
  createdById: "someoneelse00",
  id: "chosenid00000",
  createdAt: "2000-01-01T00:00:00Z",
  consultationId: "elsewhere0000",
  verified: true,
  quarantined: false,
  passwordHash: "x",
  emailVerifiedAt: "2000-01-01T00:00:00Z",
};

describe("mass assignment", () => {
  it("every write schema refuses, naming it, a field it does not declare (isAdmin, role, status, authorId…), and changes nothing", async () => {
    // (The partner API refuses a request without its key before reading the body: its own tests hold a key.)
    const withBodies = ops.filter((o) => o.body && !KEY_AUTHENTICATED.has(o.key));
    expect(withBodies.length).toBeGreaterThan(30);
    const before = await databaseFingerprint(t);
    const findings: string[] = [];
    let checked = 0;
    for (const op of withBodies) {
      const fields = declared(op.body);
      expect(fields.size, `${op.key}: no declared fields found in its schema`).toBeGreaterThan(0);
      const client: TestClient = op.key.startsWith("POST /api/auth/") ? t.client() : w.clients.admin;
      for (const [field, value] of Object.entries(PRIVILEGED)) {
        if (fields.has(field)) continue;
        const base = bodyOf(op) as Record<string, unknown>;
        const res = await client.request(op.method, urlOf(op), { ...base, [field]: value });
        checked++;
        const named = res.status === 400 && (res.body?.error?.details ?? []).some((d: { path: string }) => d.path === field);
        if (!named) findings.push(`${op.key} + ${field}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(findings).toEqual([]);
    expect(await databaseFingerprint(t), "a refused body changed the database").toBe(before);
    console.info(`mass assignment: ${checked} operation x field pairs refused`);
  });
});
