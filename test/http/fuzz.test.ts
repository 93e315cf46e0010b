// Property-based tests of every route in the OpenAPI document (/api/openapi.json): generated bodies, query
// strings, path parameters and headers, hostile ones (NUL, C0/C1 controls, lone surrogates, huge numbers,
// deep nesting, __proto__ keys) and near-valid ones mutated from a valid example, sent as an anonymous
// visitor, a participant and an organiser. Whatever arrives: never a 5xx, every failure has the one error
// body, and a refused request leaves every table as it was.
//
// Bounded and reproducible: a fixed seed (FUZZ_SEED to try another, FUZZ_RUNS for more requests), no
// shrinking (the server keeps state between requests, so a shrunk replay would not be the same run). A
// failure names the seed and prints the exact request that failed.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { TestClient, type TestResponse } from "../support/client.ts";
import { DEFAULT_PASSWORD } from "../support/factories.ts";
import { buildWorld, databaseFingerprint, expectErrorShape, type World } from "../support/world.ts";

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_611);
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 600);

let t: TestServer;
let w: World;
let ops: Operation[];
beforeAll(async () => {
  // No scheduled lifecycle moves mid-run: they would change the database between two requests.
  t = await startTestServer({ env: { SCHEDULER_INTERVAL_MS: String(24 * 3600_000) } });
  w = await buildWorld(t);
  const doc = await w.clients.anonymous.get("/api/openapi.json");
  expect(doc.status).toBe(200);
  ops = operationsOf(doc.body);
  for (const c of Object.values(w.clients)) await c.csrf();
});
afterAll(async () => {
  await t?.stop();
});

// ---- The routes, as the served document describes them ----

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  default?: unknown;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
}
interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  key: string;
  method: string;
  /** OpenAPI form: /api/consultations/{id} */
  path: string;
  params: Parameter[];
  query: Parameter[];
  headers: Parameter[];
  body?: JsonSchema;
}

function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters: Parameter[] = op.parameters ?? [];
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === "path"),
        query: parameters.filter((p) => p.in === "query"),
        headers: parameters.filter((p) => p.in === "header" && p.name !== "X-CSRF-Token"),
        body: op.requestBody?.content?.["application/json"]?.schema,
      });
    }
  }
  return out;
}

// ---- Valid examples: what each path parameter, query parameter and body looks like when all is well ----

/** The row a path parameter names, by the path's first segment. */
function validParam(op: Operation, name: string): string {
  const first = op.path.split("/")[2];
  if (name === "questionId") return w.questionId;
  if (name === "userId") return w.users.participant.id;
  if (name === "version") return "1";
  if (name === "page") return "1";
  if (name === "kind") return "posts";
  if (name === "format") return String(op.params.find((p) => p.name === "format")!.schema.enum![0]);
  if (name === "table") return String(op.params.find((p) => p.name === "table")!.schema.enum![0]);
  if (name === "questionKey") return "comment";
  if (op.path.startsWith("/api/moderation/quarantine")) return w.hiddenPostId;
  if (op.path.startsWith("/api/moderation/decisions")) return w.decisionId;
  if (op.path.startsWith("/api/moderation/appeals")) return w.appealId;
  const byFirst: Record<string, string> = {
    consultations: w.consultation.id,
    threads: w.threadId,
    posts: w.openingPostId,
    positions: w.positionId,
    organisations: w.organisationId,
    users: w.users.participant.id,
    admin: w.users.participant.id,
    exports: "nosuchjob0",
    "organisation-invitations": "nosuchinvitation0",
    texts: w.textId,
    amendments: w.amendmentId,
    responses: "nosuchresponse0",
    me: "nosuchsessionhandle000",
    campaigns: "nosuchcampaign0",
    partners: "nosuchpartner0",
    "representation-requests": "nosuchrepresentationrequest0",
    codes: "nosuchcode0",
    "pseudonym-requests": "nosuchpseudonymrequest0",
  };
  const value = byFirst[first ?? ""];
  if (!value) throw new Error(`${op.key}: no valid example for path parameter ${name}: add one to validParam()`);
  return value;
}

function validQueryValue(p: Parameter): string | undefined {
  const byName: Record<string, string | undefined> = {
    q: "encryption",
    cursor: undefined,
    consultationId: w.consultation.id,
    questionId: w.questionId,
    actorId: w.users.organiser.id,
    targetId: w.openingPostId,
    action: "hide",
    from: "2020-01-01T00:00:00Z",
    to: "2040-01-01T00:00:00.000+02:00",
    country: "BE",
    question: undefined,
    answer: undefined,
    eId: "art_7__para_1",
    // The positions filter by a cited unit: optional, and this world has no draft text to name.
    textId: undefined,
    questionKey: "comment",
    token: "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuz",
  };
  if (p.name in byName) return byName[p.name];
  if (p.schema.enum) return String(p.schema.enum[0]);
  const types = ([] as unknown[]).concat(p.schema.type);
  if (types.includes("integer") || types.includes("number")) return String(p.schema.default ?? p.schema.minimum ?? 1);
  throw new Error(`no valid example for query parameter ${p.name}: add one to validQueryValue()`);
}

const VALID_HEADERS: Record<string, string> = { "Idempotency-Key": "fuzz-idempotency-0001" };

/** One or more valid bodies per route with a request body. A new route with a body must add one here. */
function validBodies(op: Operation): unknown[] {
  const reason = { reasonCode: "off_topic", statement: "Belongs in another thread." };
  const table: Record<string, unknown[]> = {
    "POST /api/auth/register": [{ email: "fuzz-new@example.org", password: "a long enough passphrase", displayName: "Fuzz Newcomer", category: "individual" }],
    "POST /api/auth/login": [{ email: w.users.outsider.email, password: DEFAULT_PASSWORD }],
    "PATCH /api/me": [{ language: "fr" }, { language: "de" }, { language: "en" }, { displayName: "Fuzz Renamed", category: "academia" }],
    "POST /api/organisations": [{ name: "Fuzz Foundation", category: "civil_society", country: "be", website: "https://example.org/fuzz", transparencyRegisterId: "123456789-12" }],
    "POST /api/organisations/{id}/members": [{ email: w.users.outsider.email, role: "member" }],
    "PUT /api/organisations/{id}/verification": [{ verified: true }],
    "PATCH /api/admin/users/{id}": [{ status: "suspended", reasonCode: "spam", statement: "Spam." }],
    "POST /api/consultations": [
      {
        title: "Fuzzed consultation",
        slug: "fuzzed-consultation",
        summary: "A consultation made by the fuzzer.",
        background: "Some *Markdown* background.",
        language: "en",
        accessMode: "open",
        moderationMode: "post",
        newcomerThreshold: 3,
        flagHideThreshold: 5,
        opensAt: null,
        closesAt: "2099-01-01T00:00:00Z",
        questions: [{ text: "Should we?", explanation: "Because." }],
      },
    ],
    "PATCH /api/consultations/{id}": [{ title: "Detection orders, revised", summary: "Revised summary.", questions: [{ id: w.questionId, text: "Question one?" }] }],
    "PATCH /api/consultations/{id}/members/{userId}": [{ role: "observer" }],
    "POST /api/me/password": [{ currentPassword: DEFAULT_PASSWORD, newPassword: "another long passphrase" }],
    "POST /api/consultations/{id}/members": [{ email: w.users.outsider.email, role: "observer" }, { organisationId: w.organisationId, role: "participant" }],
    "POST /api/consultations/{id}/threads": [{ title: "A fuzzed thread", body: "With a **body**.", questionId: w.questionId, onBehalfOfOrganisationId: w.organisationId }],
    "POST /api/threads/{id}/posts": [{ body: "A fuzzed reply.", parentId: w.openingPostId, replyType: "supports", quotedPostId: w.replyPostId, onBehalfOfOrganisationId: w.organisationId }],
    "PATCH /api/posts/{id}": [{ body: "An edit.", version: 1 }],
    "PUT /api/consultations/{id}/questions/{questionId}/position": [
      {
        organisationId: w.organisationId,
        stance: "support_with_amendments",
        summary: "Support, amended.",
        argument: "The argument, in *Markdown*.",
        amendmentText: "Exclude end-to-end encrypted services.",
        evidence: [{ kind: "study", citation: "A study (2024)", url: "https://example.org/study" }],
        declarationOfInterests: "None.",
        fundingSources: "Members' fees.",
        version: 1,
      },
    ],
    "POST /api/preview": [{ body: "# Preview\n\nSome **bold** text." }],
    "POST /api/posts/{id}/moderation": [{ action: "edit", ...reason, body: "Edited by a moderator." }, { action: "move", threadId: w.threadId, parentId: w.replyPostId }],
    "POST /api/positions/{id}/moderation": [{ action: "reject", ...reason }],
    "POST /api/threads/{id}/moderation": [{ action: "slow_mode", seconds: 60, ...reason }],
    "POST /api/consultations/{id}/moderation/mutes": [{ userId: w.users.participant.id, minutes: 5, reasonCode: "harassment", statement: "Cool off." }],
    "POST /api/posts/{id}/flags": [{ reason: "misinformation", note: "Please check the figures." }],
    "POST /api/positions/{id}/flags": [{ reason: "personal_data", note: "A phone number." }],
    "POST /api/moderation/decisions/{id}/appeal": [{ message: "Please reconsider." }],
    "POST /api/moderation/appeals/{id}/decision": [{ outcome: "upheld", statement: "It stays hidden." }],
    "POST /api/notifications/read": [{ ids: [w.notificationId] }],
    "PUT /api/consultations/{id}/questions/{questionId}/outcome": [{ outcome: "partly_accepted", reasons: "Some of it." }],
    "POST /api/consultations/{id}/exports/jobs": [{ kind: "pdf", scope: "public" }],
    "POST /api/consultations/{id}/texts/preview": [{ format: "markdown", content: "### Article 1 — Scope\n\n1. It applies.\n(a) to providers;" }],
    "POST /api/consultations/{id}/texts": [{ title: "A fuzzed text", format: "html", content: "<h3>Article 1</h3><ol><li>It applies.</li></ol>", note: "First reading." }],
    "POST /api/texts/{id}/threads": [{ eId: "art_7__para_1", spanStart: 0, spanEnd: 2, quote: "A detection", title: "On detection", body: "Which orders?", onBehalfOfOrganisationId: w.organisationId }],
    "POST /api/texts/{id}/amendments": [
      { eId: "art_7__para_1", kind: "replace", spanStart: 1, spanEnd: 3, quote: "detection order", proposedText: "targeted order", justification: "Narrower.", evidence: [{ kind: "study", citation: "A study (2024)", url: "https://example.org/study" }], declarationOfInterests: "None.", fundingSources: "Members.", organisationId: w.organisationId },
      { eId: "art_7", kind: "insert_after", proposedText: "Article 7a: Review.", justification: "A review clause." },
    ],
    "PUT /api/amendments/{id}/outcome": [{ outcome: "partly_accepted", reasons: "In part." }],
    "POST /api/amendments/{id}/moderation": [{ action: "hide", reasonCode: "spam", statement: "Spam." }, { action: "dismiss_flags", statement: "Unfounded." }],
    "POST /api/amendments/{id}/flags": [{ reason: "misinformation", note: "Misquotes the Charter." }],
    "POST /api/texts/{id}/versions": [{ format: "markdown", content: "### Article 7 — Detection orders\n\n1. A detection order may be issued exceptionally.", note: "Compromise.", basedOn: 1 }],
    "PUT /api/consultations/{id}/questionnaire": [
      {
        title: "Fuzzed questionnaire",
        sections: [{ key: "s1", title: "About you", questions: [{ key: "q1", label: "Agree?", type: "single_choice", required: true, options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] }, { key: "q2", label: "Why?", type: "long_text", showIf: { kind: "choice", questionKey: "q1", anyOf: ["no"] } }] }],
      },
    ],
    "POST /api/responses/{id}/redactions": [{ questionKey: "q2", start: 0, end: 3, reason: "Personal data." }],
    "PUT /api/consultations/{id}/responses/mine": [{ answers: { q1: "no", q2: "Because." }, consent: "publish_anonymous", country: "BE", submit: false }],
    "POST /api/responses/{id}/attachments/{attachmentId}/withhold": [{ reason: "Personal data." }],
    "POST /api/responses/{id}/attachments/{attachmentId}/page-redactions": [{ page: 1, reasonCode: "personal_data", reason: "A signature." }],
    "DELETE /api/responses/{id}/redactions/{redactionId}": [{ reason: "Not personal data after all." }],
    "DELETE /api/responses/{id}/attachments/{attachmentId}/page-redactions/{page}": [{ reason: "Not personal data after all." }],
    "POST /api/responses/{id}/impersonation-reports": [{ email: "fuzz-reporter@example.org", statement: "Not me." }],
    "POST /api/impersonation-reports/verify": [{ token: "fuzz-token-0000000000000000000000" }],
    "PUT /api/responses/{id}/suspected-automated": [{ suspected: true, reason: "Bursts from one address." }, { suspected: false }],
    "POST /api/consultations/{id}/codebook/codes": [{ label: "Safety", definition: "Protecting children.", parentId: null, position: 1 }],
    "PATCH /api/codes/{id}": [{ label: "Safety", definition: "Protecting children online." }],
    "PUT /api/responses/{id}/codings/{questionKey}": [{ codeIds: [] }],
    "POST /api/consultations/{id}/partners": [{ name: "Fuzz Partner" }],
    "POST /api/organisations/{id}/representation-requests": [{ message: "I work there." }, {}],
    "POST /api/representation-requests/{id}/decision": [{ approve: false, reason: "Not known to us." }, { approve: true }],
    "POST /api/partner/v1/responses": [{ externalRef: "fuzz-1", category: "individual", consent: "publish_named", name: "Fuzz Person", country: "BE", answers: { q1: "yes" } }],
    // Two-factor and privacy: well-formed, but a code nobody's app shows and a wrong password, so the
    // fuzzer neither locks its accounts nor deletes them.
    "POST /api/auth/login/two-factor": [{ code: "123456" }, { recoveryCode: "abcd-efgh-jkmn" }],
    "POST /api/me/two-factor/confirmation": [{ code: "123456" }],
    "POST /api/me/two-factor/disable": [{ password: DEFAULT_PASSWORD, code: "123456" }, { password: "not the password", recoveryCode: "abcd-efgh-jkmn" }],
    "POST /api/me/two-factor/recovery-codes": [{ password: DEFAULT_PASSWORD, code: "123456" }],
    "DELETE /api/me": [{ password: "not the fuzzer's password" }],
    "POST /api/me/pseudonym-requests": [{ pseudonym: "Fuzz Pseudonym", legalName: "Fuzz Realname", note: "Fuzzing." }],
    "POST /api/pseudonym-requests/{id}/decision": [{ verify: false, statement: "Not verified." }],
    // Mail (test/mail): tokens of the right shape that match no link; the flows themselves are tested there.
    "POST /api/auth/verify-email": [{ token: "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuz" }],
    "POST /api/password-reset/request": [{ email: w.users.outsider.email }],
    "POST /api/password-reset/confirm": [{ token: "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuz", password: "another long passphrase" }],
    "PUT /api/me/mail-settings": [{ replies: "instant", decisions: "digest" }],
    "POST /api/consultations/{id}/invitations": [{ email: "fuzz-invitee@example.org", role: "observer" }],
    "POST /api/invitations/accept": [{ token: "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuz" }],
    "POST /api/invitations/decline": [{ token: "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuz" }],
  };
  const bodies = table[op.key];
  if (!bodies) throw new Error(`${op.key} takes a body but has no valid example: add one to validBodies()`);
  return bodies;
}

/** Starting these for real runs a worker job; organisers' requests to them are sent as the participant (refused before any job starts). */
const HEAVY = new Set(["POST /api/consultations/{id}/exports/package.zip", "POST /api/consultations/{id}/exports/jobs"]);
/** Logging in or out would change who the actor is: these always go through a fresh client. */
const SESSION_ROUTES = new Set(["POST /api/auth/login", "POST /api/auth/register", "POST /api/auth/logout"]);

// ---- JSON with what JSON.stringify cannot write: raw number tokens, duplicate and __proto__ keys ----

class Raw {
  constructor(readonly text: string) {}
}
class Obj {
  constructor(readonly entries: [string, J][]) {}
}
type J = null | boolean | number | string | Raw | J[] | Obj;

function toJsonText(v: J): string {
  if (v instanceof Raw) return v.text;
  if (v instanceof Obj) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${toJsonText(x)}`).join(",")}}`;
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(",")}]`;
  if (typeof v === "number" && !Number.isFinite(v)) return String(v); // NaN, Infinity: not JSON at all
  return JSON.stringify(v); // strings: lone surrogates come out as \udXXX escapes, NUL as \u0000
}

function fromPlain(v: unknown): J {
  if (Array.isArray(v)) return v.map(fromPlain);
  if (v && typeof v === "object") return new Obj(Object.entries(v).map(([k, x]) => [k, fromPlain(x)]));
  return v as J;
}

// ---- Hostile values ----

const HOSTILE_CHARS = [
  "\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f",
  "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ufeff", "\ufffe", "\uffff", "\u202e", "\u2028", "\u00a0", "😀",
];
const hostileChar = fc.constantFrom(...HOSTILE_CHARS);
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 24 }).map((u) => String.fromCharCode(...u));
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.tuple(fc.string({ maxLength: 12 }), hostileChar, fc.string({ maxLength: 12 })).map(([a, c, b]) => a + c + b), weight: 4 },
  { arbitrary: codeUnits, weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      "", " ", "\t\r\n", "null", "undefined", "true", "0", "-1", "1e400", "NaN", "Infinity", "0x10", "9".repeat(400), "__proto__", "constructor",
      "' OR 1=1 --", "%00", "%", "../../etc/passwd", "<script>alert(1)</script>", "[object Object]", "a".repeat(70), "x".repeat(25_000),
    ),
    weight: 2,
  },
);
const hostileNumber: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom<J>(new Raw("1e400"), new Raw("-1e400"), new Raw("1e-400"), new Raw("123456789012345678901234567890"), new Raw("-0"), 2 ** 31, 2 ** 31 - 1, 2 ** 53 + 2, -1, 0, 0.5, 1.5, -(2 ** 63)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "isAdmin", "id", "", "\u0000", "\ud800", "a.b", "0"];
const hostileKey = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), hostileString);
const deep = fc.tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean()).map(([n, arrays]) => new Raw(arrays ? "[".repeat(n) + "]".repeat(n) : '{"a":'.repeat(n) + "1" + "}".repeat(n)));

const hostileJson: fc.Arbitrary<J> = fc.letrec<{ value: J }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: hostileNumber, weight: 2 },
    { arbitrary: hostileString, weight: 4 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: fc.array(tie("value"), { maxLength: 4 }), weight: 2 },
    { arbitrary: fc.array(fc.tuple(hostileKey, tie("value")), { maxLength: 5 }).map((e) => new Obj(e)), weight: 3 },
  ),
})).value;

// ---- Mutating a valid example (bodies are trees; a choice is a number taken modulo what is there) ----

type Mutation = { pick: number; op: number; value: J; char: string; key: string; position: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({ pick: fc.nat(), op: fc.nat(), value: hostileJson, char: hostileChar, key: hostileKey, position: fc.nat() });

/** Every node of a tree, with a function that returns the tree with that node replaced (or removed). */
function nodes(v: J, replace: (x: J | undefined) => J = (x) => x ?? null): { node: J; replace: (x: J | undefined) => J }[] {
  const out: { node: J; replace: (x: J | undefined) => J }[] = [{ node: v, replace }];
  if (v instanceof Obj) {
    v.entries.forEach(([k, x], i) => {
      out.push(...nodes(x, (y) => replace(new Obj(y === undefined ? v.entries.filter((_, j) => j !== i) : v.entries.map((e, j) => (j === i ? [k, y] : e))))));
    });
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => out.push(...nodes(x, (y) => replace(y === undefined ? v.filter((_, j) => j !== i) : v.map((e, j) => (j === i ? y : e))))));
  }
  return out;
}

function insertChar(s: string, char: string, position: number): string {
  const at = position % (s.length + 1);
  return s.slice(0, at) + char + s.slice(at);
}

function mutateJson(example: J, m: Mutation): J {
  const all = nodes(example);
  const { node, replace } = all[m.pick % all.length]!;
  // Ops 0 to 3 are the most telling near miss, a valid string with one bad character in it: weighted up.
  switch (Math.max(0, (m.op % 11) - 3)) {
    case 0: {
      const strings = all.filter((n) => typeof n.node === "string");
      const s = strings[m.pick % Math.max(1, strings.length)];
      return s ? s.replace(insertChar(s.node as string, m.char, m.position)) : replace(m.char);
    }
    case 1:
      return replace(m.value);
    case 2:
      return replace(undefined);
    case 3:
      return replace(node instanceof Obj ? new Obj([...node.entries, [m.key, m.value]]) : [node]);
    case 4: // a duplicate key: JSON.parse keeps the last one
      return replace(node instanceof Obj && node.entries.length ? new Obj([...node.entries, [node.entries[m.position % node.entries.length]![0], m.value]]) : m.value);
    case 5:
      return replace(new Obj([["__proto__", node instanceof Obj ? node : new Obj([["isAdmin", true]])]]));
    case 6: // the wrong type
      return replace(typeof node === "string" ? (Number(node) || 1) : typeof node === "number" ? String(node) : node === null ? false : null);
    default:
      return replace(typeof node === "number" ? m.value : typeof node === "string" ? node.repeat(40 + (m.position % 2_000)) : m.value);
  }
}

// ---- URLs: percent-encoding that lets through what encodeURIComponent refuses ----

/** Like encodeURIComponent, but an unpaired surrogate becomes its (invalid) three UTF-8-style bytes instead of a URIError. */
function encodeLoose(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    else out += encodeURIComponent(ch);
  }
  return out;
}
/** Appended unencoded: broken escapes, encoded NUL and overlong forms, bytes that are not UTF-8. */
const RAW_URL_TAILS = ["", "", "", "", "%", "%zz", "%00", "%C0%80", "%ED%A0%80", "%FF%FE", "%E2%82", "%25", "%2F..%2F"];
const hostileUrlValue = fc.tuple(hostileString, fc.constantFrom(...RAW_URL_TAILS)).map(([s, raw]) => encodeLoose(s) + raw);

type UrlMutation = { pick: number; value: string; char: string; position: number; op: number };
const urlMutation: fc.Arbitrary<UrlMutation> = fc.record({ pick: fc.nat(), value: hostileUrlValue, char: hostileChar, position: fc.nat(), op: fc.nat() });

/** Header values fetch can send: Latin-1 without CR, LF or NUL. */
const headerValue = fc.oneof(
  fc.array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09)), { maxLength: 200 }).map((u) => String.fromCharCode(...u)),
  fc.constantFrom("", "short", "x".repeat(129), "fuzz-idempotency-0001", "fuzz idempotency 0002", "ключ-ключ-ключ"),
);

// ---- One generated request ----

type Actor = "anonymous" | "participant" | "organiser";
interface Case {
  route: number;
  actor: Actor;
  mode: "hostile" | "near-valid";
  example: number;
  /** Which part of the request a near-valid case mutates (modulo what the route has). */
  target: number;
  body: Mutation;
  hostileBody: J;
  url: UrlMutation;
  hostileQuery: [string, string][];
  optionalQuery: number;
  header: string | null;
  contentType: string;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  route: fc.nat(),
  actor: fc.constantFrom<Actor>("anonymous", "participant", "organiser"),
  mode: fc.constantFrom<Case["mode"]>("hostile", "near-valid", "near-valid"),
  example: fc.nat(),
  target: fc.nat(),
  body: mutation,
  hostileBody: hostileJson,
  url: urlMutation,
  hostileQuery: fc.array(fc.tuple(fc.oneof(fc.constantFrom("q", "limit", "offset", "cursor", "scope", "format", "__proto__", "constructor", "limit[]", "q[a]"), hostileUrlValue), hostileUrlValue), { maxLength: 4 }),
  optionalQuery: fc.nat(),
  header: fc.option(headerValue, { freq: 3 }),
  contentType: fc.constantFrom("application/json", "application/json", "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded", "application/merge-patch+json"),
});

interface Built {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  client: TestClient;
}

async function build(c: Case): Promise<Built> {
  const op = ops[c.route % ops.length]!;
  const actor: Actor = HEAVY.has(op.key) && c.actor === "organiser" ? "participant" : c.actor;
  const client = SESSION_ROUTES.has(op.key) ? t.client() : w.clients[actor];
  const near = c.mode === "near-valid";
  // What a near-valid case mutates: one of its path parameters, query parameters, header or body.
  const targets = [...op.params.map((p) => `param:${p.name}`), ...op.query.map((p) => `query:${p.name}`), ...op.headers.map((h) => `header:${h.name}`), ...(op.body ? ["body", "body", "body", "body"] : []), "query:+"];
  const target = targets[c.target % targets.length]!;
  const mutateUrl = (valid: string, name: string) => {
    if (!(near ? target === name : c.url.op % 2 === 0)) return encodeURIComponent(valid);
    return c.url.op % 3 === 0 ? encodeLoose(insertChar(valid, c.url.char, c.url.position)) : c.url.value;
  };

  let path = op.path;
  for (const p of op.params) path = path.replace(`{${p.name}}`, mutateUrl(validParam(op, p.name), `param:${p.name}`));

  const query: string[] = [];
  for (const [i, p] of op.query.entries()) {
    const valid = validQueryValue(p);
    const mutated = near && target === `query:${p.name}`;
    if (valid === undefined && !mutated) continue;
    if (!p.required && !mutated && ((c.optionalQuery >> i) & 1) === 0) continue;
    query.push(`${encodeURIComponent(p.name)}=${mutateUrl(valid ?? "", `query:${p.name}`)}`);
  }
  if (!near || target === "query:+") for (const [k, v] of c.hostileQuery) query.push(`${k}=${v}`);
  const url = path + (query.length ? `?${query.join("&")}` : "");

  const headers: Record<string, string> = {};
  for (const h of op.headers) {
    const value = near && target === `header:${h.name}` ? c.header : (c.header ?? VALID_HEADERS[h.name]);
    if (value !== null && value !== undefined) headers[h.name.toLowerCase()] = value;
  }

  let body: string | undefined;
  if (op.body || op.method !== "GET") {
    if (op.body) {
      const examples = validBodies(op);
      const example = fromPlain(examples[c.example % examples.length]);
      body = toJsonText(!near ? c.hostileBody : target === "body" ? mutateJson(example, c.body) : example);
    } else if (op.method !== "GET" && op.method !== "DELETE") {
      body = near ? "{}" : toJsonText(c.hostileBody);
    }
  }
  if (body !== undefined) headers["content-type"] = near && target !== "body" ? "application/json" : c.contentType;
  return { method: op.method, url, headers, body, client };
}

async function send(b: Built): Promise<TestResponse | "unsendable"> {
  const headers = { ...b.headers };
  if (b.method !== "GET") headers["x-csrf-token"] = await b.client.heldCsrfToken();
  try {
    return await b.client.raw(b.method, b.url, { body: b.body, headers });
  } catch (err) {
    // fetch refuses some header values and URLs before anything is sent: nothing to test there.
    if (err instanceof TypeError && !/fetch failed/.test(err.message)) return "unsendable";
    throw err;
  }
}

function describeRequest(b: Built, res?: TestResponse): string {
  const body = b.body === undefined ? "" : b.body.length > 2_000 ? `${b.body.slice(0, 2_000)}… (${b.body.length} characters)` : b.body;
  const answer = res ? `\n→ ${res.status} ${JSON.stringify(res.body).slice(0, 1_000)}` : "";
  return `${b.method} ${b.url.length > 600 ? `${b.url.slice(0, 600)}…` : b.url}\n${JSON.stringify(b.headers)}\n${body}${answer}\n(FUZZ_SEED=${FUZZ_SEED})`;
}

// ---- The properties ----

describe("every route, fed generated input", () => {
  it(`never answers 5xx, always with the one error body, and a refused request changes nothing (seed ${FUZZ_SEED}, ${FUZZ_RUNS} requests)`, async () => {
    const started = Date.now();
    const statuses = new Map<number, number>();
    let unsendable = 0;
    let fingerprint = await databaseFingerprint(t);
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const b = await build(c);
        const res = await send(b);
        if (res === "unsendable") {
          unsendable++;
          return;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = describeRequest(b, res);
        expect(res.status, where).toBeLessThan(500);
        const after = await databaseFingerprint(t);
        if (res.status >= 300) {
          expectErrorShape(res, where);
          // Our own requests carry a valid token: a CSRF refusal would mean the harness is broken.
          expect(res.body.error.code, where).not.toBe("csrf_invalid");
          expect(after, `a refused request changed the database:\n${where}`).toBe(fingerprint);
        }
        fingerprint = after;
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.info(`fuzz: ${FUZZ_RUNS} cases (${unsendable} not sendable) in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    // Most requests must be refused for a reason the schemas give (else the generator is not reaching them).
    expect(statuses.get(400) ?? 0).toBeGreaterThan(FUZZ_RUNS / 3);
  }, 600_000);
});

describe("every text field of every request names itself when it holds a forbidden character", () => {
  /** The JSON schema of the value at `path` in a body schema, following properties, items and unions. */
  function schemaAt(schema: JsonSchema | undefined, path: (string | number)[], components: Record<string, JsonSchema>): JsonSchema | undefined {
    if (!schema) return undefined;
    if (schema.$ref) return schemaAt(components[schema.$ref.split("/").pop()!], path, components);
    for (const union of [schema.anyOf, schema.oneOf, schema.allOf]) {
      if (union) for (const s of union) { const found = schemaAt(s, path, components); if (found) return found; }
    }
    if (path.length === 0) return schema;
    const [head, ...rest] = path;
    if (typeof head === "number") return schemaAt(schema.items, rest, components);
    return schemaAt(schema.properties?.[head!], rest, components);
  }
  const free = (s: JsonSchema | undefined) => !!s && !s.enum && !s.format && !s.pattern && (s.type === "string" || (Array.isArray(s.type) && s.type.includes("string")));

  function stringLeaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (typeof v === "string") return [path];
    if (Array.isArray(v)) return v.flatMap((x, i) => stringLeaves(x, [...path, i]));
    if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => stringLeaves(x, [...path, k]));
    return [];
  }
  function withValue(v: unknown, path: (string | number)[], value: string): unknown {
    if (path.length === 0) return value;
    const [head, ...rest] = path;
    if (Array.isArray(v)) return v.map((x, i) => (i === head ? withValue(x, rest, value) : x));
    return { ...(v as object), [head!]: withValue((v as Record<string, unknown>)[head as string], rest, value) };
  }

  it("in bodies (NUL and a lone surrogate), query strings and path parameters (NUL and a C1 control), refusing and changing nothing", async () => {
    const doc = (await w.clients.anonymous.get("/api/openapi.json")).body;
    const components = doc.components?.schemas ?? {};
    const clientFor = (op: Operation) => (SESSION_ROUTES.has(op.key) ? t.client() : op.path.startsWith("/api/admin") ? w.clients.admin : w.clients.organiser);
    const checked: string[] = [];
    const expectNamed = async (op: Operation, url: string, body: unknown, path: string, helperMessage: boolean) => {
      const before = await databaseFingerprint(t);
      const client = clientFor(op);
      const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
      if (op.method !== "GET") headers["x-csrf-token"] = await client.heldCsrfToken();
      const res = await client.raw(op.method, url, { body: body === undefined ? undefined : JSON.stringify(body), headers });
      const where = `${op.key} ${path}: ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)}`;
      expect(res.status, where).toBe(400);
      expectErrorShape(res, where);
      const detail = res.body.error.details?.find((d: { path: string }) => d.path === path);
      expect(detail, where).toBeDefined();
      if (helperMessage) expect(detail.message, where).toMatch(/control characters|unpaired surrogate/);
      expect(await databaseFingerprint(t), where).toBe(before);
      checked.push(`${op.key} ${path}`);
    };
    const urlOf = (op: Operation, params: Record<string, string> = {}, query = "") =>
      op.params.reduce((p, param) => p.replace(`{${param.name}}`, params[param.name] ?? encodeURIComponent(validParam(op, param.name))), op.path) + query;
    const validQuery = (op: Operation) =>
      op.query.flatMap((p) => (p.required ? [`${p.name}=${encodeURIComponent(validQueryValue(p)!)}`] : []));

    for (const op of ops) {
      for (const p of op.params) {
        for (const bad of ["%00", "%C2%85"]) {
          await expectNamed(op, urlOf(op, { [p.name]: encodeURIComponent(validParam(op, p.name)) + bad }, validQuery(op).length ? `?${validQuery(op).join("&")}` : ""), op.body ? validBodies(op)[0] : undefined, `params.${p.name}`, free(p.schema));
        }
      }
      for (const p of op.query) {
        for (const bad of ["%00", "%C2%85"]) {
          const others = validQuery(op).filter((q) => !q.startsWith(`${p.name}=`));
          const value = encodeURIComponent(validQueryValue(p) ?? "abc") + bad;
          await expectNamed(op, urlOf(op, {}, `?${[...others, `${p.name}=${value}`].join("&")}`), op.body ? validBodies(op)[0] : undefined, `query.${p.name}`, free(p.schema));
        }
      }
      if (!op.body) continue;
      for (const example of validBodies(op)) {
        for (const leaf of stringLeaves(example)) {
          const original = leaf.reduce<any>((v, k) => v[k], example) as string;
          for (const bad of ["\u0000", "\ud800"]) {
            await expectNamed(op, urlOf(op), withValue(example, leaf, original + bad), leaf.join("."), free(schemaAt(op.body, leaf, components)));
          }
        }
      }
    }
    console.info(`every text field: ${checked.length} refusals checked`);
    // Guard against a walker that silently checks nothing.
    expect(checked.length).toBeGreaterThan(200);
  }, 600_000);
});
