// Privacy: download all my data (mine only, never others' private data), delete my account (published
// contributions kept as "Former participant", unpublished ones erased, illegal-content records kept,
// sessions ended), and a request log that never holds passwords, tokens, codes or bodies.
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket } from "../support/sockets.ts";
import { enrolTwoFactor } from "../support/two-factor.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function loggedIn(user: { email: string; password: string }): Promise<TestClient> {
  const client = t.client();
  await logIn(client, user);
  return client;
}

async function scene() {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  const me = await createUser(t.prisma, { displayName: "Paula Private" });
  const other = await createUser(t.prisma, { displayName: "Otto Other" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id });
  await addMember(t.prisma, c.id, me.id, "participant");
  await addMember(t.prisma, c.id, other.id, "participant");
  const mine = await loggedIn(me);
  const theirs = await loggedIn(other);
  const thread = await theirs.post(`/api/consultations/${c.id}/threads`, { title: "Detection orders", body: "Others opening text" });
  const threadId = thread.body.thread.id as string;
  const published = await mine.post(`/api/threads/${threadId}/posts`, { body: "My public reply on detection orders" });
  const edited = await mine.patch(`/api/posts/${published.body.post.id}`, { body: "My public reply, revised", version: 1 });
  expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  const theirReply = await theirs.post(`/api/threads/${threadId}/posts`, { body: "Other person's reply", parentId: published.body.post.id });
  await mine.post(`/api/posts/${theirReply.body.post.id}/endorsements`);
  await mine.post(`/api/posts/${thread.body.post.id}/flags`, { reason: "off_topic", note: "My note on this flag" });
  await theirs.post(`/api/posts/${published.body.post.id}/flags`, { reason: "spam", note: "Someone else's flag note" });
  return { organiser, me, other, c, mine, theirs, threadId, publishedId: published.body.post.id as string };
}

describe("download my data", () => {
  it("holds my profile, posts with revisions, endorsements, flags and sessions, and nothing private of others", async () => {
    const s = await scene();
    const res = await s.mine.get("/api/me/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="roundtable-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const data = res.body;
    expect(data.profile).toMatchObject({ id: s.me.id, email: s.me.email, displayName: "Paula Private", twoFactorEnabled: false });
    expect(data.consultationMemberships).toEqual([expect.objectContaining({ consultationId: s.c.id, role: "participant" })]);
    const post = data.posts.find((p: { id: string }) => p.id === s.publishedId);
    expect(post.bodySource).toBe("My public reply, revised");
    expect(post.revisions.map((r: { bodySource: string }) => r.bodySource)).toEqual(["My public reply on detection orders"]);
    expect(data.endorsements).toHaveLength(1);
    expect(data.flagsMade).toEqual([expect.objectContaining({ reason: "off_topic", note: "My note on this flag" })]);
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0].current).toBe(true);

    const text = JSON.stringify(data);
    // Others' private data: their email, their flag on my post, their password hash, session ids.
    expect(text).not.toContain(s.other.email);
    expect(text).not.toContain("Someone else's flag note");
    expect(text).not.toContain("argon2");
    const sid = decodeURIComponent(s.mine.sessionCookie()!).slice(2).split(".")[0]!;
    expect(text).not.toContain(sid);
    // Positive control: the other person's export holds their own flag note.
    expect(JSON.stringify((await s.theirs.get("/api/me/export")).body)).toContain("Someone else's flag note");
    // Anonymous: nothing.
    expect((await t.client().get("/api/me/export")).status).toBe(401);
  });
});

describe("delete my account", () => {
  it("needs the password; keeps published posts as Former participant, erases unpublished ones, ends sessions and sockets", async () => {
    const s = await scene();
    const withdrawn = await s.mine.post(`/api/threads/${s.threadId}/posts`, { body: "A reply I will withdraw, private words" });
    expect((await s.mine.delete(`/api/posts/${withdrawn.body.post.id}`)).status).toBe(204);
    const elsewhere = await loggedIn(s.me);
    const socket = (await connectSocket(t.url, elsewhere)).socket;
    const gone = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    const wrong = await s.mine.request("DELETE", "/api/me", { password: "not my password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe("password");
    expect((await s.mine.get("/api/me")).body.user.id).toBe(s.me.id);

    const res = await s.mine.request("DELETE", "/api/me", { password: s.me.password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ deleted: true, postsKept: 1, postsRemoved: 1 });
    expect(await gone).toBe("io server disconnect");
    expect((await s.mine.get("/api/me")).body.user).toBeNull();
    expect((await elsewhere.get("/api/me")).body.user).toBeNull();
    expect((await t.client().post("/api/auth/login", { email: s.me.email, password: s.me.password })).status).toBe(401);

    // The public thread: my published reply stays, as "Former participant"; the withdrawn text is gone.
    const page = await s.theirs.get(`/api/threads/${s.threadId}/posts`);
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.body);
    expect(text).toContain("My public reply, revised");
    expect(text).toContain("Former participant");
    expect(text).not.toContain("Paula Private");
    const erased = await t.prisma.post.findUniqueOrThrow({ where: { id: withdrawn.body.post.id } });
    expect(erased.bodySource).toBe("");
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: s.me.id } });
    expect(row.email).not.toBe(s.me.email);
    expect(row.deletedAt).not.toBeNull();
    expect(await t.prisma.consultationMember.count({ where: { userId: s.me.id } })).toBe(0);
    // The email can be used for a new account.
    const again = await t.client().post("/api/auth/register", { email: s.me.email, password: "another long passphrase", displayName: "Paula Again" });
    expect(again.status).toBe(201);
    expect(again.body.user.id).not.toBe(s.me.id);
    // Positive control: the other participant is untouched.
    expect((await s.theirs.get("/api/me")).body.user.id).toBe(s.other.id);
  });

  it("keeps content quarantined as illegal, and asks for a code when two-factor is on", async () => {
    const s = await scene();
    const post = await s.mine.post(`/api/threads/${s.threadId}/posts`, { body: "Content later quarantined" });
    await t.prisma.post.update({ where: { id: post.body.post.id }, data: { quarantined: true, status: "hidden" } });
    const { app } = await enrolTwoFactor(s.mine);
    const noCode = await s.mine.request("DELETE", "/api/me", { password: s.me.password });
    expect(noCode.status).toBe(400);
    expect(noCode.body.error.details[0].path).toBe("code");
    expect((await s.mine.request("DELETE", "/api/me", { password: s.me.password, code: await app.wrongCode() })).status).toBe(400);
    expect((await s.mine.get("/api/me")).body.user.id).toBe(s.me.id);
    const res = await s.mine.request("DELETE", "/api/me", { password: s.me.password, code: await app.code() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const kept = await t.prisma.post.findUniqueOrThrow({ where: { id: post.body.post.id } });
    expect(kept).toMatchObject({ bodySource: "Content later quarantined", quarantined: true });
    expect(await t.prisma.twoFactor.count({ where: { userId: s.me.id } })).toBe(0);
  });
});

describe("the request log", () => {
  it("holds method, path and status, never passwords, codes, tokens, cookies or bodies", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    const s = await startTestServer({ env: { LOG_REQUESTS: "true" } });
    try {
      const user = await createUser(s.prisma, { password: "a very secret passphrase 42" });
      const client = s.client();
      await logIn(client, user);
      const { app, recoveryCodes } = await enrolTwoFactor(client);
      const code = await app.code();
      const second = s.client();
      await second.post("/api/auth/login", { email: user.email, password: "a very secret passphrase 42" });
      await second.post("/api/auth/login/two-factor", { code });
      await second.get("/api/search?q=private-query-words&token=secret-token-in-query");
      await second.patch("/api/me", { displayName: "Body text in a request" });
      const cookie = decodeURIComponent(second.sessionCookie()!);
      const csrf = await second.heldCsrfToken();

      const log = lines.join("\n");
      // Positive control: the requests are there.
      expect(log).toMatch(/POST \/api\/auth\/login 200/);
      expect(log).toMatch(/POST \/api\/auth\/login\/two-factor 200/);
      expect(log).toMatch(/GET \/api\/search \d{3}/);
      for (const secret of ["a very secret passphrase 42", code, recoveryCodes[0]!, "private-query-words", "secret-token-in-query", "Body text in a request", cookie.slice(2, 30), csrf, user.email]) {
        expect(log, `the log holds ${secret}`).not.toContain(secret);
      }
    } finally {
      spy.mockRestore();
      await s.stop();
    }
  });
});
