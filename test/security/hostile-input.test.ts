// Findings: 500s from hostile input (NUL bytes and lone surrogates in bodies, titles, flag notes and query
// strings; cursors with {"createdAt":"x"} or a seq of 1e400; the appeals list of a missing consultation),
// and the appeals list telling a non-member that a restricted consultation exists (403, not 404).
// Found fixed on main by the input work (zString, cursor decoding, the fuzz test); kept as regressions.
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { buildWorld, databaseFingerprint, expectErrorShape, type World } from "../support/world.ts";

let t: TestServer;
let w: World;
beforeAll(async () => {
  t = await startTestServer();
  w = await buildWorld(t);
});
afterAll(async () => {
  await t.stop();
});

const cursor = (keys: Record<string, unknown>) => Buffer.from(JSON.stringify(keys)).toString("base64url");
const rawCursor = (json: string) => Buffer.from(json).toString("base64url");

describe("hostile input is a 400 that changes nothing, never a 500", () => {
  it("NUL bytes and lone surrogates in bodies, titles and flag notes", async () => {
    const before = await databaseFingerprint(t);
    const p = w.clients.participant;
    const cases = [
      () => p.post(`/api/threads/${w.threadId}/posts`, { body: "a\u0000b" }),
      () => p.post(`/api/threads/${w.threadId}/posts`, { body: "lone \ud800 surrogate" }),
      () => p.post(`/api/consultations/${w.consultation.id}/threads`, { title: "t\u0000", body: "Body." }),
      () => p.post(`/api/consultations/${w.consultation.id}/threads`, { title: "\udfff", body: "Body." }),
      () => w.clients.outsider.post(`/api/posts/${w.replyPostId}/flags`, { reason: "spam", note: "n\u0000" }),
    ];
    for (const make of cases) {
      const res = await make();
      expect(res.status).toBe(400);
      expectErrorShape(res, "hostile body");
    }
    expect(await databaseFingerprint(t)).toBe(before);
  });

  it("NUL in query strings, and cursors with wrong types or huge numbers", async () => {
    const paths = [
      "/api/search?q=a%00b",
      `/api/consultations/${w.consultation.id}/threads?cursor=${cursor({ pinned: "0", createdAt: "x", id: "c1" })}`,
      `/api/threads/${w.threadId}/posts?cursor=${rawCursor('{"seq":1e400}')}`,
      `/api/consultations/${w.consultation.id}/moderation/log?cursor=${rawCursor('{"seq":1e400}')}`,
      `/api/notifications?cursor=${cursor({ createdAt: "x" })}`,
    ];
    for (const path of paths) {
      const client = path.includes("moderation") ? w.clients.organiser : w.clients.participant;
      const res = await client.get(path);
      expect(res.status, path).toBe(400);
      expectErrorShape(res, path);
    }
    // Bytes that are not UTF-8 decode to U+FFFD (a valid character): an ordinary search, not an error.
    expect((await w.clients.participant.get("/api/search?q=%ED%A0%80")).status).toBe(200);
    // Positive control: the same lists answer without the hostile part.
    expect((await w.clients.participant.get(`/api/consultations/${w.consultation.id}/threads`)).status).toBe(200);
  });

  it("the appeals list: a missing consultation is a 404, and a restricted one is the same 404 for a non-member", async () => {
    const missing = await w.clients.outsider.get("/api/consultations/nonexistent/moderation/appeals");
    expect(missing.status).toBe(404);
    const restricted = await w.clients.outsider.get(`/api/consultations/${w.restricted.id}/moderation/appeals`);
    expect(restricted.status).toBe(404);
    expect(restricted.body).toEqual(missing.body);
    expect((await w.clients.organiser.get(`/api/consultations/${w.restricted.id}/moderation/appeals`)).status).toBe(200);
  });
});
