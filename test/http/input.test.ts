// Bad input is a 400 that names the field and changes nothing, never a 500. Regressions for what testing
// against main found: NUL and lone surrogates reaching PostgreSQL (22021), tampered cursors, unbounded
// numbers, the appeals list answering 500 or 403 where it should be 404, and the error handler's last
// line of defence for PostgreSQL data errors. test/http/fuzz.test.ts explores the same ground at random.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import net from "node:net";
import { z } from "zod";
import { startTestServer, type TestServer } from "../support/server.ts";
import type { TestClient, TestResponse } from "../support/client.ts";
import { createOrganisation } from "../support/factories.ts";
import { buildWorld, databaseFingerprint, expectErrorShape, type World } from "../support/world.ts";
import { errorHandler, toAppError } from "../../server/http/errors.ts";
import { findForbiddenCharacter, noForbiddenCharacters, zId, zPlainText, zString } from "../../shared/schemas/common.ts";
import { API_ROUTES } from "../../server/http/openapi.ts";
import { zLoginBody } from "../../shared/schemas/accounts.ts";
import { zRichText } from "../../shared/schemas/threads.ts";

let t: TestServer;
let w: World;
beforeAll(async () => {
  t = await startTestServer();
  w = await buildWorld(t);
});
afterAll(async () => {
  await t.stop();
});

/** A 400 invalid_input whose details name `path`, and a database exactly as it was before. */
async function expectRefused(send: () => Promise<TestResponse>, path: string, message?: RegExp) {
  const before = await databaseFingerprint(t);
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expectErrorShape(res, path);
  expect(res.body.error.code).toBe("invalid_input");
  const detail = (res.body.error.details ?? []).find((d: { path: string }) => d.path === path);
  expect(detail, JSON.stringify(res.body.error)).toBeDefined();
  if (message) expect(detail.message).toMatch(message);
  expect(await databaseFingerprint(t)).toBe(before);
  return res;
}

const CONTROL = /control characters/;
const SURROGATE = /unpaired surrogate/;

describe("the forbidden-character check (shared with the client's forms)", () => {
  it("finds C0 and C1 controls, DEL and unpaired surrogates, with a position counted in characters", () => {
    expect(findForbiddenCharacter("fine\ttext\r\nwith breaks")).toBeNull();
    expect(findForbiddenCharacter("emoji 😀 and 中文 are text")).toBeNull();
    expect(findForbiddenCharacter("a\u0000b")).toEqual({ position: 2, codePoint: 0, unpairedSurrogate: false });
    expect(findForbiddenCharacter("😀\u0085")).toEqual({ position: 2, codePoint: 0x85, unpairedSurrogate: false });
    expect(findForbiddenCharacter("x\u007f")?.codePoint).toBe(0x7f);
    expect(findForbiddenCharacter("x\u000b")?.codePoint).toBe(0x0b);
    expect(findForbiddenCharacter("ab\ud800")).toEqual({ position: 3, codePoint: 0xd800, unpairedSurrogate: true });
    expect(findForbiddenCharacter("\udc00z")).toEqual({ position: 1, codePoint: 0xdc00, unpairedSurrogate: true });
    expect(findForbiddenCharacter("\ude00\ud83d")?.unpairedSurrogate).toBe(true); // a pair in the wrong order
  });

  it("is one message, first and alone, on every kind of text field", () => {
    const issues = (schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } }, v: string) => schema.safeParse(v).error?.issues.map((i) => i.message);
    expect(issues(zString().regex(/^[a-z]+$/, "letters only"), "a\u0000")).toEqual([expect.stringMatching(/U\+0000 at character 2/)]);
    expect(issues(zPlainText(5), "\u0001 too long")).toEqual([expect.stringMatching(CONTROL)]);
    expect(issues(zRichText, "# Title\n\n\ud800")).toEqual([expect.stringMatching(SURROGATE)]);
    expect(zRichText.safeParse("# Title\n\n\tcode\r\n").success).toBe(true);
  });
});

describe("every request schema is built on zString()", () => {
  /** Paths of the strings in a zod schema that do not carry the forbidden-character check. */
  function unchecked(schema: unknown, path = ""): string[] {
    const def = (schema as { _zod: { def: Record<string, any> } })._zod.def;
    switch (def.type) {
      case "string":
        // ISO date-times are a format type of their own, whose pattern admits no control character.
        return def.checks?.includes(noForbiddenCharacters) || def.format === "datetime" ? [] : [path || "(root)"];
      case "object":
        return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => unchecked(v, path ? `${path}.${k}` : k));
      case "array":
        return unchecked(def.element, `${path}[]`);
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "readonly":
      case "catch":
        return unchecked(def.innerType, path);
      case "pipe": // what comes in is checked; the output side sees only what already passed
        return unchecked(def.in, path);
      case "union":
        return (def.options as unknown[]).flatMap((o) => unchecked(o, path));
      case "intersection":
        return [...unchecked(def.left, path), ...unchecked(def.right, path)];
      case "record": // both the keys and the values arrive from the client
        return [...unchecked(def.keyType, `${path}{key}`), ...unchecked(def.valueType, `${path}{}`)];
      case "number":
      case "boolean":
      case "enum":
      case "literal":
      case "transform":
        return [];
      default:
        return [`${path || "(root)"}: unexpected zod type ${def.type}, teach this walker`];
    }
  }

  it("in the bodies, queries, path parameters and headers of every route of the API", () => {
    const found: string[] = [];
    for (const r of API_ROUTES) {
      const where = `${r.method.toUpperCase()} ${r.path}`;
      if (r.body) found.push(...unchecked(r.body).map((p) => `${where} body ${p}`));
      if (r.query) found.push(...unchecked(r.query).map((p) => `${where} query ${p}`));
      if (r.headers) found.push(...unchecked(r.headers).map((p) => `${where} headers ${p}`));
      for (const [name, param] of Object.entries(r.params ?? {})) found.push(...unchecked(typeof param === "string" ? zId : param).map((p) => `${where} params.${name} ${p}`));
    }
    expect(found).toEqual([]);
    // And the walker does see a plain z.string():
    expect(unchecked(zLoginBody.extend({ extra: z.string() }))).toEqual(["extra"]);
  });
});

describe("control characters and lone surrogates in requests are a 400 naming the field", () => {
  it("in a thread's body and title (was 500: PostgreSQL 22021)", async () => {
    const path = `/api/consultations/${w.consultation.id}/threads`;
    await expectRefused(() => w.clients.participant.post(path, { title: "Fine", body: "a\u0000b" }), "body", CONTROL);
    await expectRefused(() => w.clients.participant.post(path, { title: "Lone \ud800 surrogate", body: "Fine" }), "title", SURROGATE);
    await expectRefused(() => w.clients.participant.post(path, { title: "Next line\u0085", body: "Fine" }), "title", CONTROL);
  });

  it("in a reply, an edit and a moderator's statement", async () => {
    await expectRefused(() => w.clients.participant.post(`/api/threads/${w.threadId}/posts`, { body: "nul \u0000 here" }), "body", CONTROL);
    await expectRefused(() => w.clients.participant.patch(`/api/posts/${w.openingPostId}`, { body: "\udfff", version: 1 }), "body", SURROGATE);
    await expectRefused(
      () => w.clients.organiser.post(`/api/posts/${w.replyPostId}/moderation`, { action: "hide", reasonCode: "spam", statement: "bell \u0007" }),
      "statement",
      CONTROL,
    );
  });

  it("in a flag's note, an appeal and a position's evidence", async () => {
    await expectRefused(() => w.clients.participant.post(`/api/posts/${w.replyPostId}/flags`, { reason: "spam", note: "\u0000" }), "note", CONTROL);
    await expectRefused(() => w.clients.participant.post(`/api/moderation/decisions/${w.decisionId}/appeal`, { message: "x\ud83d" }), "message", SURROGATE);
    await expectRefused(
      () =>
        w.clients.participant.put(`/api/consultations/${w.consultation.id}/questions/${w.questionId}/position`, {
          organisationId: w.organisationId,
          stance: "oppose",
          summary: "Fine.",
          argument: "Fine.",
          evidence: [{ kind: "study", citation: "Study\u0000" }],
          version: 1,
        }),
      "evidence.0.citation",
      CONTROL,
    );
  });

  it("in query strings: search, organisations, the audit log, the admin's account list (search was 500)", async () => {
    await expectRefused(() => w.clients.anonymous.get("/api/search?q=a%00b"), "query.q", CONTROL);
    await expectRefused(() => w.clients.anonymous.get("/api/organisations?q=%00"), "query.q", CONTROL);
    await expectRefused(() => w.clients.organiser.get(`/api/consultations/${w.consultation.id}/moderation/log?action=hide%1B`), "query.action", CONTROL);
    await expectRefused(() => w.clients.admin.get("/api/admin/users?q=%C2%85"), "query.q", CONTROL);
  });

  it("in login credentials (was 500: the email went to the database as it came)", async () => {
    await expectRefused(() => w.clients.anonymous.post("/api/auth/login", { email: "a\u0000@example.org", password: "whatever it is" }), "email", CONTROL);
    await expectRefused(() => t.client().post("/api/auth/register", { email: "new@example.org", password: "ten or more\u0000", displayName: "New" }), "password", CONTROL);
  });

  it("in path parameters and the Idempotency-Key header, named as params.* and headers.*", async () => {
    await expectRefused(() => w.clients.anonymous.get("/api/consultations/a%00b"), "params.id");
    await expectRefused(() => w.clients.anonymous.get(`/api/consultations/${w.consultation.id}/summary/versions/1e400.html`), "params.version");
    // Not percent-decodable (the bytes of a lone surrogate): Express's router refuses it, with the one body.
    await expectRefused(() => w.clients.anonymous.get("/api/consultations/%ED%A0%80"), "params");
    await expectRefused(() => w.clients.participant.post(`/api/threads/${w.threadId}/posts`, { body: "Fine" }, { headers: { "idempotency-key": "key-\u00e9\u00e9\u00e9\u00e9\u00e9" } }), "headers.idempotency-key");
  });

  it("still accepts tabs, line breaks, and every printable character including astral ones", async () => {
    const res = await w.clients.participant.post(`/api/threads/${w.threadId}/posts`, { body: "Indented:\n\n\tcode\r\nEmoji 😀, 中文, ‮RTL‬ marks, zero\u200bwidth." });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.post.body ?? res.body.post.bodyHtml).toBeTruthy();
  });
});

describe("requests Node's HTTP parser refuses", () => {
  it("a URL over 16 KiB is a 400 with the one error body (was a bare 431)", async () => {
    const res = await w.clients.anonymous.get(`/api/search?q=${"x".repeat(20_000)}`);
    expect(res.status).toBe(400);
    expectErrorShape(res, "long URL");
  });

  it("a malformed request line is a 400 with the one error body", async () => {
    const { port } = new URL(t.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let data = "";
      socket.on("data", (d) => (data += d.toString()));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4))).toEqual({ error: { code: "invalid_input", message: "The request is malformed." } });
  });
});

describe("numbers from the URL and the body are bounded", () => {
  it.each([
    ["/api/search?q=a&limit=1e400", "query.limit"],
    ["/api/search?q=a&offset=NaN", "query.offset"],
    ["/api/search?q=a&offset=-1", "query.offset"],
    ["/api/search?q=a&limit=Infinity", "query.limit"],
    ["/api/consultations?limit=1.5", "query.limit"],
    ["/api/organisations?limit=99999999999999999999", "query.limit"],
  ])("GET %s is a 400 naming %s", async (url, path) => {
    await expectRefused(() => w.clients.anonymous.get(url), path);
  });

  it("a version beyond PostgreSQL's integer is a 400, not a database error (was 500: 22003)", async () => {
    await expectRefused(() => w.clients.participant.patch(`/api/posts/${w.openingPostId}`, { body: "Edited", version: 2 ** 40 }), "version");
    await expectRefused(
      () =>
        w.clients.participant.put(`/api/consultations/${w.consultation.id}/questions/${w.questionId}/position`, {
          organisationId: w.organisationId,
          stance: "oppose",
          summary: "Fine.",
          argument: "Fine.",
          version: 2 ** 53,
        }),
      "version",
    );
  });

  it("a JSON number too large for a double (1e400) is refused like any wrong value", async () => {
    const token = await w.clients.participant.csrf();
    const before = await databaseFingerprint(t);
    const res = await w.clients.participant.raw("PATCH", `/api/posts/${w.openingPostId}`, {
      body: '{"body":"Edited","version":1e400}',
      headers: { "content-type": "application/json", "x-csrf-token": token, cookie: w.clients.participant.cookieHeader() },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain("version");
    expect(await databaseFingerprint(t)).toBe(before);
  });
});

describe("cursors", () => {
  const b64 = (json: string) => Buffer.from(json).toString("base64url");
  const BAD_CURSORS: [string, string][] = [
    ["not base64 JSON", "%%%not-a-cursor"],
    ["JSON that is not an object", b64("[1,2]")],
    ["null", b64("null")],
    ["a date that is no date", b64('{"createdAt":"x","id":"abc"}')],
    ["a seq of 1e400", b64('{"seq":1e400}')],
    ["a negative seq", b64('{"seq":-1}')],
    ["a fractional seq", b64('{"seq":1.5}')],
    ["a seq beyond integer", b64(`{"seq":${2 ** 40}}`)],
    ["a seq as a string", b64('{"seq":"12"}')],
    ["an id with NUL", b64('{"id":"a\\u0000b"}')],
    ["an id as an object", b64('{"id":{"gt":""}}')],
    ["a forged queue key", b64('{"key":"anything"}')],
    ["a name key with a lone surrogate", b64('{"nameKey":"\\ud800"}')],
    ["an extra key", b64('{"id":"abc","pinned":"1","createdAt":"2024-01-01T00:00:00.000Z","seq":1,"key":"k","nameKey":"n","x":1}')],
  ];
  const lists = (): [string, () => TestClient][] => [
    ["/api/consultations", () => w.clients.anonymous],
    [`/api/consultations/${w.consultation.id}/threads`, () => w.clients.anonymous],
    [`/api/threads/${w.threadId}/posts`, () => w.clients.anonymous],
    [`/api/consultations/${w.consultation.id}/positions`, () => w.clients.anonymous],
    [`/api/consultations/${w.consultation.id}/moderation/queue`, () => w.clients.organiser],
    [`/api/consultations/${w.consultation.id}/moderation/log`, () => w.clients.organiser],
    ["/api/organisations", () => w.clients.anonymous],
    ["/api/notifications", () => w.clients.participant],
    ["/api/admin/users", () => w.clients.admin],
  ];

  it("every tampered cursor on every list is a 400 'The cursor is not valid.' naming query.cursor (some were 500)", async () => {
    for (const [path, client] of lists()) {
      for (const [what, cursor] of BAD_CURSORS) {
        const res = await client().get(`${path}?cursor=${encodeURIComponent(cursor)}`);
        const where = `${path} with ${what}`;
        expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBe(400);
        expectErrorShape(res, where);
        expect(res.body.error.message, where).toBe("The cursor is not valid.");
        expect(res.body.error.details, where).toEqual([{ path: "query.cursor", message: "is not a cursor this API issued" }]);
      }
    }
  });

  it("the cursors these lists issue still page through everything, once", async () => {
    for (let i = 0; i < 3; i++) await createOrganisation(t.prisma, { name: `Paging Org ${i}` });
    for (const [path, client] of lists()) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 200; page++) {
        const res: TestResponse = await client().get(`${path}?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(cursor, path).toBeNull();
      expect(new Set(seen).size, path).toBe(seen.length);
    }
  });
});

describe("moderation lists of a consultation the caller may not see", () => {
  const routes = (id: string) => [`/api/consultations/${id}/moderation/appeals`, `/api/consultations/${id}/moderation/queue`, `/api/consultations/${id}/moderation/log`, `/api/consultations/${id}/members`];

  it("are the same 404 for a missing consultation and for one the caller may not read (appeals were 500 and 403)", async () => {
    for (const missing of routes("nonexistent")) {
      const res = await w.clients.outsider.get(missing);
      expect(res.status, missing).toBe(404);
      expect(res.body).toEqual({ error: { code: "not_found", message: "Consultation not found." } });
    }
    for (const client of [w.clients.outsider, w.clients.anonymous]) {
      for (const [i, hidden] of routes(w.restricted.id).entries()) {
        const res = await client.get(hidden);
        if (client === w.clients.anonymous) {
          expect(res.status, hidden).toBe(401);
          continue;
        }
        expect(res.status, hidden).toBe(404);
        expect(res.body, hidden).toEqual((await client.get(routes("nonexistent")[i]!)).body);
      }
    }
  });

  it("the appeals list: 403 for a reader who is not staff, the appeals for staff, by id or slug", async () => {
    const denied = await w.clients.participant.get(`/api/consultations/${w.consultation.id}/moderation/appeals`);
    expect(denied.status).toBe(403);
    expectErrorShape(denied, "appeals as participant");
    for (const key of [w.consultation.id, w.consultation.slug]) {
      const res = await w.clients.organiser.get(`/api/consultations/${key}/moderation/appeals`);
      expect(res.status, key).toBe(200);
      expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([w.appealId]);
    }
  });
});

describe("PostgreSQL data errors that slip past the schemas (the error handler's last line of defence)", () => {
  async function caught(run: () => Promise<unknown>): Promise<unknown> {
    try {
      await run();
    } catch (err) {
      return err;
    }
    throw new Error("expected the database to refuse");
  }
  const cases: [string, string, () => Promise<unknown>][] = [
    ["22021", "NUL in a model query", () => t.prisma.user.findMany({ where: { displayName: "a\u0000b" } })],
    ["22021", "NUL in a raw query", () => t.prisma.$queryRawUnsafe("SELECT $1::text AS x", "a\u0000b")],
    ["22P02", "invalid text representation", () => t.prisma.$queryRawUnsafe("SELECT 'x'::int AS x")],
    ["22003", "an integer out of range in a model query", () => t.prisma.auditEntry.findMany({ where: { seq: { lt: 2 ** 40 } } })],
    ["22003", "an integer out of range in a raw query", () => t.prisma.$queryRawUnsafe("SELECT 99999999999::int AS x")],
    ["54000", "a program limit", () => t.prisma.$queryRawUnsafe("SELECT repeat('x', 1100000000) AS x")],
  ];

  it.each(cases)("PostgreSQL %s (%s) becomes a 400 and is logged as a schema to fix", async (code, _what, run) => {
    const err = await caught(run);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const sent: { status?: number; body?: unknown } = {};
      const res = {
        headersSent: false,
        setHeader() {},
        status(s: number) {
          sent.status = s;
          return this;
        },
        json(b: unknown) {
          sent.body = b;
        },
      };
      errorHandler(err, { method: "POST", originalUrl: "/api/example" } as never, res as never, () => {});
      expect(sent.status).toBe(400);
      expect(sent.body).toMatchObject({ error: { code: "invalid_input" } });
      expect(JSON.stringify(sent.body)).not.toMatch(/prisma|SELECT|invalid byte|out of range for type/i);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain(`PostgreSQL ${code}`);
      expect(String(warn.mock.calls[0]![0])).toContain("POST /api/example");
      expect(error).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it("other database errors stay a 500 (a foreign key is our bug, not the caller's input)", async () => {
    const err = await caught(() => t.prisma.flag.create({ data: { postId: "nothing", consultationId: "nothing", flaggerId: "nobody", reason: "spam" } }));
    expect(toAppError(err).code).toBe("internal");
    expect(toAppError(new Error("boom")).code).toBe("internal");
  });
});
