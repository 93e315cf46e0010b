import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument, serveOpenApi, toOpenApiPath, type OpenApiDocument } from "../../server/http/openapi.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { apiRoutes, STATE_CHANGING } from "./routes.ts";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
type Operation = {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

let doc: OpenApiDocument;
beforeAll(() => {
  doc = buildOpenApiDocument();
});

function operations(): { method: string; path: string; op: Operation }[] {
  const out: { method: string; path: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) out.push({ method: method.toUpperCase(), path, op });
    }
  }
  return out;
}

function operation(method: string, path: string): Operation {
  const op = (doc.paths?.[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${path} is not documented`);
  return op;
}

/** Every "$ref" anywhere in a value. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("the OpenAPI document", () => {
  it("is an OpenAPI 3.1 document with info, paths and components", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(Object.keys(doc.paths ?? {}).length).toBeGreaterThan(0);
    expect(doc.components?.securitySchemes).toMatchObject({
      cookieSession: { type: "apiKey", in: "cookie", name: "roundtable.sid" },
      csrfToken: { type: "apiKey", in: "header", name: "X-CSRF-Token" },
    });
    // It survives JSON, as it is served.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("is structurally sound: unique operationIds, declared path parameters, resolvable $refs, responses everywhere", () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, op } of operations()) {
      const where = `${method} ${path}`;
      expect(path, where).toMatch(/^\/api\//);
      expect(op.summary, where).toBeTruthy();
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === "path");
      expect(declared.map((p) => p.name).sort(), where).toEqual(templated);
      expect(declared.every((p) => p.required === true), where).toBe(true);
      expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
      for (const [status, res] of Object.entries(op.responses)) {
        expect(status, where).toMatch(/^[1-5]\d\d$|^default$/);
        expect(res.description, `${where} ${status}`).toBeTruthy();
      }
      for (const p of op.parameters ?? []) expect(["path", "query", "header", "cookie"], where).toContain(p.in);
    }
    const schemas = doc.components?.schemas ?? {};
    for (const ref of refs(doc)) {
      const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
      expect(m, ref).not.toBeNull();
      expect(schemas, ref).toHaveProperty([m![1]!]);
    }
  });

  it("documents every route the app registers, and nothing the app does not", () => {
    const registered = apiRoutes();
    expect(registered.length).toBeGreaterThan(30);
    const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
    const missing = registered.map((r) => `${r.method} ${toOpenApiPath(r.path)}`).filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
    const registeredKeys = new Set(registered.map((r) => `${r.method} ${toOpenApiPath(r.path)}`));
    // GET /api/openapi.json is documented ahead of being wired into app.ts.
    const extra = [...documented].filter((k) => !registeredKeys.has(k) && k !== "GET /api/openapi.json");
    expect(extra).toEqual([]);
  });

  it("requires the session cookie and X-CSRF-Token on every state-changing route but the partner API's, which takes a key", () => {
    const partner = operation("POST", "/api/partner/v1/responses");
    expect(partner.security).toEqual([{ partnerKey: [] }]);
    expect(partner.parameters?.find((p) => p.name === "X-CSRF-Token")).toBeUndefined();
    expect(Object.keys(partner.requestBody!.content)).toEqual(["application/json", "multipart/form-data"]);
    expect(doc.components?.securitySchemes).toMatchObject({ partnerKey: { type: "http", scheme: "bearer" } });
    const changing = operations().filter((o) => STATE_CHANGING.has(o.method) && o.op !== partner);
    expect(changing.length).toBeGreaterThan(15);
    for (const { method, path, op } of changing) {
      const where = `${method} ${path}`;
      expect(op.security, where).toEqual([{ cookieSession: [], csrfToken: [] }]);
      expect(op.parameters?.find((p) => p.in === "header" && p.name === "X-CSRF-Token")?.required, where).toBe(true);
      expect(op.responses["403"]?.description, where).toContain("csrf_invalid");
      expect(op.responses["413"]?.description, where).toContain("payload_too_large");
    }
    for (const { method, path, op } of operations().filter((o) => !STATE_CHANGING.has(o.method))) {
      expect(op.parameters?.find((p) => p.name === "X-CSRF-Token"), `${method} ${path}`).toBeUndefined();
    }
  });

  it("describes errors with the shared error body", () => {
    const error = doc.components?.schemas?.Error as any;
    expect(error.properties.error.required).toEqual(expect.arrayContaining(["code", "message"]));
    expect(error.properties.error.properties.code.enum).toContain("csrf_invalid");
    expect(error.properties.error.properties.details.type).toBe("array");
    for (const { method, path, op } of operations()) {
      for (const [status, res] of Object.entries(op.responses)) {
        if (Number(status) < 400 || (path.startsWith("/api/health") && status === "503")) continue;
        expect(res.content?.["application/json"]?.schema, `${method} ${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
    expect(operation("PATCH", "/api/me").responses["401"]).toBeDefined();
    expect(operation("GET", "/api/me").responses["401"]).toBeUndefined(); // signed out is { user: null }
    expect(operation("GET", "/api/admin/users").responses["404"]?.description).toMatch(/hidden/);
    expect(operation("POST", "/api/auth/login").responses["401"]?.description).toContain("invalid_credentials");
    expect(operation("POST", "/api/auth/register").responses["429"]).toBeDefined();
  });

  it("takes request bodies and query parameters from the shared zod schemas", () => {
    const register = operation("POST", "/api/auth/register").requestBody?.content["application/json"]?.schema as any;
    expect(register).toMatchObject({ type: "object", required: ["email", "password", "displayName"], additionalProperties: false });
    expect(register.properties.password).toMatchObject({ minLength: 10, maxLength: 256 });
    const org = operation("POST", "/api/organisations").requestBody?.content["application/json"]?.schema as any;
    expect(org.properties.transparencyRegisterId.pattern).toBe("^\\d{9,12}-\\d{2}$");
    for (const [method, path] of [
      ["POST", "/api/auth/login"],
      ["POST", "/api/organisations/{id}/members"],
      ["PUT", "/api/organisations/{id}/verification"],
      ["PATCH", "/api/admin/users/{id}"],
      ["POST", "/api/consultations"],
      ["PATCH", "/api/consultations/{id}"],
      ["POST", "/api/consultations/{id}/members"],
      ["POST", "/api/consultations/{id}/threads"],
      ["POST", "/api/threads/{id}/posts"],
      ["PATCH", "/api/posts/{id}"],
      ["PUT", "/api/consultations/{id}/questions/{questionId}/position"],
    ] as const) {
      expect(operation(method, path).requestBody?.content["application/json"]?.schema, `${method} ${path}`).toBeDefined();
    }
    const search = operation("GET", "/api/search").parameters!.filter((p) => p.in === "query");
    expect(search.find((p) => p.name === "q")?.required).toBe(true);
    expect(search.map((p) => p.name)).toEqual(expect.arrayContaining(["q", "type", "limit", "offset"]));
    const threads = operation("GET", "/api/consultations/{id}/threads").parameters!.filter((p) => p.in === "query").map((p) => p.name);
    expect(threads).toEqual(expect.arrayContaining(["cursor", "limit", "questionId"]));
  });

  it("describes { user }, { token } and the { items, nextCursor } page envelope", () => {
    const schemas = doc.components?.schemas as Record<string, any>;
    expect(schemas.UserEnvelope).toMatchObject({ type: "object", required: ["user"], properties: { user: { $ref: "#/components/schemas/Me" } } });
    expect(schemas.Me.required).toEqual(expect.arrayContaining(["id", "email", "displayName", "isAdmin"]));
    expect(schemas.CsrfToken).toMatchObject({ required: ["token"], properties: { token: { type: "string" } } });
    expect(operation("GET", "/api/csrf").responses["200"]?.content?.["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/CsrfToken" });
    for (const [path, name] of [
      ["/api/organisations", "OrganisationPage"],
      ["/api/admin/users", "AccountPage"],
      ["/api/consultations", "ConsultationPage"],
      ["/api/consultations/{id}/threads", "ThreadPage"],
      ["/api/threads/{id}/posts", "PostPage"],
      ["/api/consultations/{id}/positions", "PositionPage"],
    ] as const) {
      expect(operation("GET", path).responses["200"]?.content?.["application/json"]?.schema, path).toEqual({ $ref: `#/components/schemas/${name}` });
      expect(schemas[name], name).toMatchObject({ required: expect.arrayContaining(["items", "nextCursor"]), properties: { items: { type: "array" }, nextCursor: { type: ["string", "null"] } } });
    }
  });

  it("documents the Idempotency-Key header and the replay response on POST /api/threads/{id}/posts", () => {
    const op = operation("POST", "/api/threads/{id}/posts");
    const key = op.parameters?.find((p) => p.in === "header" && p.name === "Idempotency-Key");
    expect(key).toMatchObject({ required: false, schema: { minLength: 8, maxLength: 128 } });
    expect(op.responses["201"]).toBeDefined();
    expect((op.responses["200"] as any).headers["Idempotent-Replayed"]).toBeDefined();
  });

  it("serveOpenApi sends the cached document as JSON", () => {
    const sent: string[] = [];
    const headers: Record<string, string> = {};
    const res = {
      setHeader: (k: string, v: string) => (headers[k.toLowerCase()] = v),
      type(t: string) { headers["content-type"] = t; return this; },
      send: (body: string) => sent.push(body),
    };
    serveOpenApi({} as never, res as never, () => {});
    serveOpenApi({} as never, res as never, () => {});
    expect(headers["content-type"]).toBe("application/json");
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(JSON.parse(sent[0]!)).toEqual(doc);
  });
});

describe("GET /api/openapi.json", () => {
  // Passes once app.ts has `api.get("/openapi.json", serveOpenApi);`.
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  it("serves the document as JSON to anyone", async () => {
    const res = await t.client().get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(res.body.paths)).toContain("/api/threads/{id}/posts");
  });
});
