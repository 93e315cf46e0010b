import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { connectSocket, deliveredUpToNow, type TestSocket } from "../support/sockets.ts";
import { recordEventNow } from "../../server/events/record.ts";
import { openDatabase } from "../../server/db/index.ts";
import { setAccountSuspended } from "../../server/moderation/sanctions.ts";

let t: TestServer;
const sockets: TestSocket[] = [];
async function as(name: string, opts: { admin?: boolean } = {}) {
  const user = await createUser(t.prisma, { displayName: name, isAdmin: opts.admin });
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}
async function socketFor(client?: TestClient) {
  const s = await connectSocket(t.url, client);
  sockets.push(s);
  return s;
}

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await t.stop();
});

describe("live threads", () => {
  it("delivers a post made over REST to every viewer of the thread and nobody outside it", async () => {
    const organiser = await as("organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
    const alice = await as("alice");
    const th = await alice.client.post(`/api/consultations/${c.id}/threads`, { title: "Live", body: "opening" });
    const other = await alice.client.post(`/api/consultations/${c.id}/threads`, { title: "Elsewhere", body: "other" });
    const viewerA = await socketFor(alice.client);
    const viewerAnon = await socketFor();
    const outsider = await socketFor((await as("bob")).client);
    for (const s of [viewerA, viewerAnon]) {
      const ack = await s.request("thread:join", { threadId: th.body.thread.id });
      expect(ack).toHaveProperty("data.seq");
    }
    expect(await outsider.request("thread:join", { threadId: other.body.thread.id })).toHaveProperty("data");

    const reply = await organiser.client.post(`/api/threads/${th.body.thread.id}/posts`, { body: "Hello, live readers" });
    for (const s of [viewerA, viewerAnon]) {
      const event = await s.waitFor("post:created", (p) => (p.post as { id: string }).id === reply.body.post.id);
      expect(event.post).toMatchObject({ bodyHtml: expect.stringContaining("<p>Hello, live readers</p>"), author: { displayName: "organiser" } });
      expect(event.seq).toBeGreaterThan(0);
    }
    await deliveredUpToNow(t.prisma, outsider, { threadId: other.body.thread.id, consultationId: c.id });
    expect(outsider.received.filter(([n]) => n.startsWith("post:"))).toEqual([]);
    const viewers = await viewerA.waitFor("presence:updated", (p) => p.viewers === 2);
    expect(viewers.threadId).toBe(th.body.thread.id);
  });

  it("sends a pending post only to its author and the moderators", async () => {
    const organiser = await as("organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id, moderationMode: "pre" });
    const moderator = await as("moderator");
    await addMember(t.prisma, c.id, moderator.user.id, "moderator");
    const th = await organiser.client.post(`/api/consultations/${c.id}/threads`, { title: "Held", body: "opening" });
    const author = await as("author");
    const reader = await as("reader");
    const authorSocket = await socketFor(author.client);
    const readerSocket = await socketFor(reader.client);
    const anonSocket = await socketFor();
    const modSocket = await socketFor(moderator.client);
    for (const s of [authorSocket, readerSocket, anonSocket, modSocket]) expect(await s.request("thread:join", { threadId: th.body.thread.id })).toHaveProperty("data");
    expect(await modSocket.request("queue:join", { consultationId: c.id })).toHaveProperty("data");
    expect(await readerSocket.request("queue:join", { consultationId: c.id })).toMatchObject({ error: { code: "forbidden" } });

    const held = await author.client.post(`/api/threads/${th.body.thread.id}/posts`, { body: "secret pending words" });
    expect(held.body.post.status).toBe("pending");
    const mine = await authorSocket.waitFor("post:created", (p) => (p.post as { id: string }).id === held.body.post.id);
    expect(mine.post).toMatchObject({ status: "pending" });
    await modSocket.waitFor("post:created", (p) => (p.post as { id: string }).id === held.body.post.id);
    await modSocket.waitFor("queue:added", (p) => p.id === held.body.post.id);
    for (const s of [readerSocket, anonSocket]) await deliveredUpToNow(t.prisma, s, { threadId: th.body.thread.id, consultationId: c.id });
    for (const s of [readerSocket, anonSocket]) expect(JSON.stringify(s.received)).not.toContain("secret pending words");
    for (const s of [readerSocket, anonSocket]) expect(JSON.stringify(s.received)).not.toContain(held.body.post.id);

    // Approval makes it appear for everyone.
    expect((await moderator.client.post(`/api/posts/${held.body.post.id}/moderation`, { action: "approve" })).status).toBe(200);
    await readerSocket.waitFor("post:approved", (p) => (p.post as { id: string }).id === held.body.post.id);
    await modSocket.waitFor("queue:decided", (p) => p.id === held.body.post.id);
  });

  it("strips the author in Chatham House mode for participants but not for moderators", async () => {
    const organiser = await as("organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id, accessMode: "chatham_house" });
    const writer = await as("Secret Writer");
    const reader = await as("reader");
    const moderator = await as("moderator");
    await addMember(t.prisma, c.id, writer.user.id, "participant");
    await addMember(t.prisma, c.id, reader.user.id, "participant");
    await addMember(t.prisma, c.id, moderator.user.id, "moderator");
    const th = await organiser.client.post(`/api/consultations/${c.id}/threads`, { title: "Chatham", body: "opening" });
    const readerSocket = await socketFor(reader.client);
    const modSocket = await socketFor(moderator.client);
    for (const s of [readerSocket, modSocket]) await s.request("thread:join", { threadId: th.body.thread.id });
    const post = await writer.client.post(`/api/threads/${th.body.thread.id}/posts`, { body: "unattributed" });
    const seen = await readerSocket.waitFor("post:created", (p) => (p.post as { id: string }).id === post.body.post.id);
    expect(seen.post).toMatchObject({ author: null, onBehalfOf: null, category: "individual" });
    expect(JSON.stringify(readerSocket.received)).not.toContain("Secret Writer");
    expect(JSON.stringify(readerSocket.received)).not.toContain(writer.user.id);
    const staff = await modSocket.waitFor("post:created", (p) => (p.post as { id: string }).id === post.body.post.id);
    expect(staff.post).toMatchObject({ author: { displayName: "Secret Writer" } });
  });
});

describe("access", () => {
  it("stops events to a member removed from a restricted consultation at once", async () => {
    const organiser = await as("organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id, accessMode: "restricted" });
    const member = await as("member");
    await addMember(t.prisma, c.id, member.user.id, "participant");
    const th = await organiser.client.post(`/api/consultations/${c.id}/threads`, { title: "Restricted", body: "opening" });
    const s = await socketFor(member.client);
    expect(await s.request("thread:join", { threadId: th.body.thread.id })).toHaveProperty("data");
    const gone = new Promise<string>((resolve) => s.socket.once("disconnect", resolve));
    expect((await organiser.client.delete(`/api/consultations/${c.id}/members/${member.user.id}`)).status).toBe(204);
    // A removal ends the member's sessions and sockets at once (test/security/role-change-sessions.test.ts).
    expect(await gone).toBe("io server disconnect");
    await organiser.client.post(`/api/threads/${th.body.thread.id}/posts`, { body: "after removal" });
    expect(JSON.stringify(s.received)).not.toContain("after removal");
    // Logged in again, the former member's new socket is refused the thread; it hears its own user room
    // (positive control), and the post made after the removal never arrives.
    await logIn(member.client, member.user);
    const again = await socketFor(member.client);
    expect(await again.request("thread:join", { threadId: th.body.thread.id })).toMatchObject({ error: { code: "not_found" } });
    await deliveredUpToNow(t.prisma, again, { userId: member.user.id });
    expect(JSON.stringify(again.received)).not.toContain("after removal");
  });

  it("takes a leaver out of the rooms that only their organisation's role let them into", async () => {
    const organiser = await as("organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id, accessMode: "restricted" });
    const org = await createOrganisation(t.prisma, { verified: true });
    await t.prisma.consultationOrganisation.create({ data: { consultationId: c.id, organisationId: org.id, role: "participant" } });
    const leaver = await as("leaver-of-org");
    const stayer = await as("stayer-in-org");
    for (const m of [leaver, stayer]) await addToOrganisation(t.prisma, m.user.id, org.id);
    const th = await organiser.client.post(`/api/consultations/${c.id}/threads`, { title: "Through the organisation", body: "opening" });
    const leaving = await socketFor(leaver.client);
    const staying = await socketFor(stayer.client);
    for (const s of [leaving, staying]) expect(await s.request("thread:join", { threadId: th.body.thread.id })).toHaveProperty("data");
    expect((await leaver.client.delete(`/api/organisations/${org.id}/members/me`)).status).toBe(204);
    await leaving.waitFor("rooms:reset", (p) => p.consultationId === c.id);
    await organiser.client.post(`/api/threads/${th.body.thread.id}/posts`, { body: "after leaving" });
    // Positive control: the member who stayed hears the post; the leaver, still connected, does not.
    await staying.waitFor("post:created", (p) => JSON.stringify(p).includes("after leaving"));
    await deliveredUpToNow(t.prisma, leaving, { userId: leaver.user.id });
    expect(JSON.stringify(leaving.received)).not.toContain("after leaving");
    expect(await leaving.request("thread:join", { threadId: th.body.thread.id })).toMatchObject({ error: { code: "not_found" } });
  });

  it("ends the sockets of an account suspended outside any request (as the CLI or a job would), on any process", async () => {
    const admin = await as("admin", { admin: true });
    const target = await as("target");
    const bystander = await as("bystander");
    const s = await socketFor(target.client);
    const other = await socketFor(bystander.client);
    const gone = new Promise<string>((resolve) => s.socket.once("disconnect", resolve));
    // On PostgreSQL through a connection of its own, like another process; PGlite has one.
    const db = t.config.databaseUrl ? await openDatabase({ databaseUrl: t.config.databaseUrl, migrate: false }) : t.server.db;
    try {
      await setAccountSuspended(db.prisma, { id: admin.user.id, isAdmin: true }, target.user.id, true, { reasonCode: "spam", statement: "Mass posting." });
    } finally {
      if (db !== t.server.db) await db.close();
    }
    expect(await gone).toBe("io server disconnect");
    // Positive control: the bystander's socket stays and still receives what is meant for it.
    await deliveredUpToNow(t.prisma, other, { userId: bystander.user.id });
    expect(other.socket.connected).toBe(true);
  });

  it("disconnects a session's sockets at logout", async () => {
    const user = await as("leaver");
    const s = await socketFor(user.client);
    const disconnected = new Promise<string>((resolve) => s.socket.once("disconnect", resolve));
    expect((await user.client.post("/api/auth/logout")).status).toBe(204);
    expect(await disconnected).toBe("io server disconnect");
  });

  it("refuses a handshake from a foreign origin, and restricted rooms without a session", async () => {
    await expect(connectSocket(t.url, undefined, { origin: "https://evil.example" })).rejects.toThrow();
    const ok = await connectSocket(t.url, undefined, { origin: new URL(t.url).origin });
    sockets.push(ok);
    const organiser = await as("organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id, accessMode: "restricted" });
    const th = await organiser.client.post(`/api/consultations/${c.id}/threads`, { title: "Members only", body: "opening" });
    expect(await ok.request("thread:join", { threadId: th.body.thread.id })).toMatchObject({ error: { code: "not_found" } });
    expect(await ok.request("consultation:join", { consultationId: c.id })).toMatchObject({ error: { code: "not_found" } });
  });

  it("survives malformed, unknown, prototype-named and oversize events", async () => {
    const s = await socketFor((await as("fuzzer")).client);
    expect(await s.request("thread:join", { threadId: 42 })).toMatchObject({ error: { code: "invalid_input" } });
    expect(await s.request("thread:join", "not an object")).toMatchObject({ error: { code: "invalid_input" } });
    expect(await s.request("no:such-event", {})).toMatchObject({ error: { code: "invalid_input" } });
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(await s.request(name, {})).toMatchObject({ error: { code: "invalid_input" } });
    }
    s.socket.emit("thread:join", { threadId: "x" }); // no ack: must not crash anything
    // Oversize: the server drops the connection rather than parse it.
    const big = await socketFor();
    const dropped = new Promise<string>((resolve) => big.socket.once("disconnect", resolve));
    big.socket.emit("thread:join", { threadId: "a".repeat(100_000) });
    expect(await dropped).toBeTruthy();
    // Still serving.
    expect((await t.client().get("/api/health")).status).toBe(200);
    const fresh = await socketFor();
    expect(await fresh.request("notifications:sync", {})).toMatchObject({ error: { code: "unauthenticated" } });
  });
});

describe("notifications", () => {
  it("pushes a reply notification to the parent's author and keeps it for the bell", async () => {
    const organiser = await as("organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
    const alice = await as("alice");
    const th = await alice.client.post(`/api/consultations/${c.id}/threads`, { title: "Ping", body: "opening" });
    const s = await socketFor(alice.client);
    const r = await organiser.client.post(`/api/threads/${th.body.thread.id}/posts`, { body: "a reply", parentId: th.body.post.id });
    const pushed = await s.waitFor("notification:created");
    expect(pushed.notification).toMatchObject({ kind: "reply", payload: { postId: r.body.post.id }, read: false });
    const bellItem = (await alice.client.get("/api/notifications")).body.items[0];
    expect((pushed.notification as { createdAt: string }).createdAt).toBe(bellItem.createdAt);
    const bell = await alice.client.get("/api/notifications");
    expect(bell.body.unread).toBe(1);
    expect(await s.request("notifications:sync", {})).toEqual({ data: { unread: 1 } });
  });
});

describe("moderators and limits over sockets", () => {
  it("lets a moderator claim a queue item, seen by colleagues only", async () => {
    const organiser = await as("organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id, moderationMode: "pre" });
    const modA = await as("Moderator A");
    const modB = await as("Moderator B");
    for (const m of [modA, modB]) await addMember(t.prisma, c.id, m.user.id, "moderator");
    const th = await organiser.client.post(`/api/consultations/${c.id}/threads`, { title: "Claims", body: "opening" });
    const author = await as("author");
    const held = await author.client.post(`/api/threads/${th.body.thread.id}/posts`, { body: "held" });
    const a = await socketFor(modA.client);
    const b = await socketFor(modB.client);
    const participant = await socketFor(author.client);
    for (const s of [a, b]) await s.request("queue:join", { consultationId: c.id });
    expect(await participant.request("queue:claim", { consultationId: c.id, kind: "post", id: held.body.post.id })).toMatchObject({ error: { code: "forbidden" } });
    expect(await a.request("queue:claim", { consultationId: c.id, kind: "post", id: held.body.post.id })).toEqual({ data: { claimed: true } });
    const seen = await b.waitFor("queue:claimed", (p) => p.id === held.body.post.id);
    expect(seen).toMatchObject({ moderatorName: "Moderator A", kind: "post" });
    await deliveredUpToNow(t.prisma, participant, { userId: author.user.id });
    expect(participant.received.some(([n]) => n === "queue:claimed")).toBe(false);
  });

  it("answers a flood of socket requests with error acks and keeps serving", async () => {
    const limited = await startTestServer({ rateLimits: { socketPerUser: { points: 5, duration: 60 } } });
    try {
      const user = await createUser(limited.prisma);
      const client = limited.client();
      await logIn(client, user);
      const s = await connectSocket(limited.url, client);
      const acks = [];
      for (let i = 0; i < 8; i++) acks.push(await s.request("notifications:sync", {}));
      expect(acks.slice(0, 5).every((a) => "data" in a)).toBe(true);
      expect(acks.slice(5)).toEqual(acks.slice(5).map(() => ({ error: { code: "rate_limited", message: "Too many requests; slow down." } })));
      expect((await limited.client().get("/api/health")).status).toBe(200);
      s.close();
    } finally {
      await limited.stop();
    }
  });

  it("notifies members when a consultation opens", async () => {
    const organiser = await as("organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id, status: "draft" });
    const member = await as("member");
    await addMember(t.prisma, c.id, member.user.id, "participant");
    const s = await socketFor(member.client);
    expect((await organiser.client.patch(`/api/consultations/${c.id}`, { status: "open" })).status).toBe(200);
    const pushed = await s.waitFor("notification:created", (p) => (p.notification as { kind: string }).kind === "consultation_opened");
    expect(pushed.notification).toMatchObject({ payload: { consultationId: c.id } });
  });
});

describe("export progress", () => {
  it("pushes a job's progress to the user who asked for it, and nobody else", async () => {
    const organiser = await as("organiser");
    const other = await as("other");
    const mine = await socketFor(organiser.client);
    const theirs = await socketFor(other.client);
    await recordEventNow(t.prisma, { consultationId: "c1", type: "export:progressed", payload: { jobId: "job1", userId: organiser.user.id, status: "running", progress: 40 } });
    expect(await mine.waitFor("export:progressed")).toMatchObject({ jobId: "job1", status: "running", progress: 40 });
    await deliveredUpToNow(t.prisma, theirs, { userId: other.user.id });
    expect(theirs.received.some(([n, p]) => n === "export:progressed" && p.jobId === "job1")).toBe(false);
  });
});
