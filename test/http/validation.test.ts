import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, DEFAULT_PASSWORD, logIn, uniqueEmail } from "../support/factories.ts";
import { ERROR_CODES } from "../../shared/errors.ts";
import type { TestClient, TestResponse } from "../support/client.ts";

let t: TestServer;
let member: TestClient;
beforeAll(async () => {
  t = await startTestServer();
  member = t.client();
  await logIn(member, await createUser(t.prisma));
});
afterAll(async () => {
  await t.stop();
});

/** The one error body, exactly: { error: { code, message, details? } }, and nothing that looks like a stack trace. */
function expectErrorBody(res: TestResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(Object.keys(res.body)).toEqual(["error"]);
  const { error } = res.body;
  expect(Object.keys(error).sort()).toEqual(Object.keys(error).includes("details") ? ["code", "details", "message"] : ["code", "message"]);
  expect(ERROR_CODES).toContain(error.code);
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe("string");
  expect(error.message.length).toBeGreaterThan(0);
  if (error.details !== undefined) {
    expect(Array.isArray(error.details)).toBe(true);
    for (const d of error.details) {
      expect(Object.keys(d).sort()).toEqual(["message", "path"]);
      expect(typeof d.path).toBe("string");
      expect(typeof d.message).toBe("string");
    }
  }
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/\bat\s+\S+\s+\(|\n\s*at\s|\\n\s*at\s/); // "at fn (file:line)" frames
  expect(text).not.toMatch(/\/work\/|node_modules|\.ts:\d+|\.js:\d+|file:\/\//);
  expect(text).not.toMatch(/prisma|SELECT |stack/i);
}

const detailPaths = (res: TestResponse): string[] => res.body.error.details.map((d: { path: string }) => d.path);

describe("invalid bodies", () => {
  const valid = () => ({ email: uniqueEmail("v"), password: DEFAULT_PASSWORD, displayName: "Val" });

  it.each([
    ["a bad email", { email: "not-an-email" }, "email"],
    ["a short password", { password: "short" }, "password"],
    ["a missing displayName", { displayName: undefined }, "displayName"],
    ["an empty displayName", { displayName: "   " }, "displayName"],
    ["a wrong category", { category: "aliens" }, "category"],
  ])("registration with %s is a 400 naming the field, and creates no user", async (_name, change, path) => {
    const before = await t.prisma.user.count();
    const res = await t.client().post("/api/auth/register", { ...valid(), ...change });
    expectErrorBody(res, 400, "invalid_input");
    expect(detailPaths(res)).toContain(path);
    expect(await t.prisma.user.count()).toBe(before);
  });

  it("registration with an unknown extra field is a 400 and creates no user", async () => {
    const before = await t.prisma.user.count();
    const body = { ...valid(), isAdmin: true };
    const res = await t.client().post("/api/auth/register", body);
    expectErrorBody(res, 400, "invalid_input");
    expect(res.body.error.details).toContainEqual({ path: "isAdmin", message: "is not a field you can set" });
    expect(await t.prisma.user.count()).toBe(before);
    expect(await t.prisma.user.count({ where: { email: body.email } })).toBe(0);
  });

  it("names an unknown extra field in details[].path", async () => {
    const res = await t.client().post("/api/auth/register", { ...valid(), isAdmin: true });
    expect(detailPaths(res)).toContain("isAdmin");
  });

  it("reports every invalid field at once", async () => {
    const res = await t.client().post("/api/auth/register", { email: "nope", password: "short" });
    expectErrorBody(res, 400, "invalid_input");
    expect(detailPaths(res)).toEqual(expect.arrayContaining(["email", "password", "displayName"]));
  });

  it.each([["123"], ["12345678-12"], ["1234567890123-12"], ["123456789-1"], ["123456789012_34"], ["abcdefghij-12"]])(
    "POST /api/organisations with transparencyRegisterId %s is a 400 naming the field, and creates nothing",
    async (transparencyRegisterId) => {
      const before = await t.prisma.organisation.count();
      const res = await member.post("/api/organisations", { name: `Org ${transparencyRegisterId}`, category: "industry", country: "BE", transparencyRegisterId });
      expectErrorBody(res, 400, "invalid_input");
      expect(detailPaths(res)).toEqual(["transparencyRegisterId"]);
      expect(await t.prisma.organisation.count()).toBe(before);
    },
  );

  it("accepts well-formed transparency register ids (9 to 12 digits, a hyphen, 2 digits)", async () => {
    for (const id of ["123456789-12", "123456789012-34"]) {
      const res = await member.post("/api/organisations", { name: `Org ${id}`, category: "industry", country: "BE", transparencyRegisterId: id });
      expect(res.status).toBe(201);
    }
  });

  it("refuses malformed JSON with 400 invalid_input", async () => {
    const before = await t.prisma.user.count();
    const c = t.client();
    const token = await c.csrf();
    for (const body of ['{"email": "a@b.org", ', "{not json}", "[1,2", '{"a":1}}']) {
      const res = await c.raw("POST", "/api/auth/register", { body, headers: { "content-type": "application/json", "x-csrf-token": token } });
      expectErrorBody(res, 400, "invalid_input");
    }
    expect(await t.prisma.user.count()).toBe(before);
  });

  it("refuses a JSON body over 200 KiB with 413 payload_too_large, and writes nothing", async () => {
    const before = await t.prisma.user.count();
    const c = t.client();
    const email = uniqueEmail("big");
    const res = await c.post("/api/auth/register", { email, password: DEFAULT_PASSWORD, displayName: "Big", padding: "x".repeat(201 * 1024) });
    expectErrorBody(res, 413, "payload_too_large");
    expect(await t.prisma.user.count()).toBe(before);
    const post = await member.post("/api/organisations", { name: "Huge", category: "industry", country: "BE", website: `https://example.org/${"a".repeat(210 * 1024)}` });
    expectErrorBody(post, 413, "payload_too_large");
    expect(await t.prisma.organisation.count({ where: { name: "Huge" } })).toBe(0);
  });

  it("accepts a body just under the limit as far as size goes (then validates it)", async () => {
    const res = await member.post("/api/organisations", { name: "Almost", category: "industry", country: "BE", padding: "x".repeat(190 * 1024) });
    expectErrorBody(res, 400, "invalid_input");
  });
});

describe("every error has the same shape", () => {
  it("for 400 query errors, 401, 403, 404, 409 and unknown routes", async () => {
    const anon = t.client();
    expectErrorBody(await anon.get("/api/search?q="), 400, "invalid_input");
    expectErrorBody(await anon.get("/api/consultations?limit=0"), 400, "invalid_input");
    expectErrorBody(await anon.get("/api/consultations/bad%20id!"), 400, "invalid_input");
    expectErrorBody(await anon.patch("/api/me", { language: "fr" }), 401, "unauthenticated");
    expectErrorBody(await anon.post("/api/auth/login", { email: "nobody@example.org", password: "wrong password" }), 401, "invalid_credentials");
    expectErrorBody(await anon.post("/api/organisations", {}, { csrf: false }), 403, "csrf_invalid");
    expectErrorBody(await member.put("/api/organisations/doesnotexist0/verification", { verified: true }), 403, "forbidden");
    expectErrorBody(await anon.get("/api/consultations/doesnotexist0"), 404, "not_found");
    expectErrorBody(await anon.get("/api/no/such/route"), 404, "not_found");
    expectErrorBody(await anon.request("DELETE", "/api/consultations"), 404, "not_found");
    // Registering an existing email is not an error (it would tell that the email has an account): test/security/registration.test.ts.
  });

  it("for a body with the wrong JSON type at the top level", async () => {
    for (const body of [[], "a string", 42, null]) {
      expectErrorBody(await member.post("/api/organisations", body), 400, "invalid_input");
    }
  });
});

describe("health", () => {
  it("GET /api/health is 200 { status: ok, database: ok } without a session", async () => {
    const res = await t.client().get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: "ok" });
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});
