// The policy matrix through REST and search: access mode x role x lifecycle state x action, on a real
// server and database. What the pure policy says must be what every route does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import { TestClient } from "../support/client.ts";
import { ACCESS_MODES, CONSULTATION_STATUSES } from "../../shared/schemas/consultations.ts";
import { consultationPolicy, type Viewer } from "../../server/consultations/policy.ts";
import { renderRichText } from "../../server/content/rich-text.ts";

let t: TestServer;
const clients: Record<string, TestClient> = {};
const viewers: Record<string, Viewer> = {};
interface Case {
  accessMode: (typeof ACCESS_MODES)[number];
  status: (typeof CONSULTATION_STATUSES)[number];
  id: string;
  threadId: string;
  postId: string;
  token: string;
}
const cases: Case[] = [];

beforeAll(async () => {
  t = await startTestServer();
  const users: Record<string, Awaited<ReturnType<typeof createUser>>> = {};
  for (const name of ["admin", "organiser", "moderator", "participant", "observer", "registered", "author"]) {
    users[name] = await createUser(t.prisma, { isAdmin: name === "admin", displayName: `${name} person` });
  }
  for (const name of ["admin", "organiser", "moderator", "participant", "observer", "registered"]) {
    clients[name] = t.client();
    await logIn(clients[name], users[name]!);
    viewers[name] = { userId: users[name]!.id, isAdmin: name === "admin", role: ["organiser", "moderator", "participant", "observer"].includes(name) ? (name as Viewer["role"]) : null };
  }
  clients.anonymous = t.client();
  viewers.anonymous = { userId: null, isAdmin: false, role: null };

  let n = 0;
  for (const mode of ACCESS_MODES) {
    for (const status of CONSULTATION_STATUSES) {
      const token = `quokka${String.fromCharCode(97 + Math.floor(n / 26))}${String.fromCharCode(97 + (n % 26))}`;
      n++;
      const c = await createConsultation(t.prisma, { createdById: users.organiser!.id, status, accessMode: mode, title: `Matrix ${token}` });
      for (const role of ["moderator", "participant", "observer"] as const) await addMember(t.prisma, c.id, users[role]!.id, role);
      await addMember(t.prisma, c.id, users.author!.id, "participant");
      const thread = await t.prisma.thread.create({ data: { consultationId: c.id, title: `Thread ${token}`, authorId: users.author!.id } });
      const post = await t.prisma.post.create({
        data: { threadId: thread.id, consultationId: c.id, isOpening: true, authorId: users.author!.id, authorCategory: "individual", bodySource: `Opening ${token}`, bodyHtml: renderRichText(`Opening ${token}`), status: "published" },
      });
      cases.push({ accessMode: mode, status, id: c.id, threadId: thread.id, postId: post.id, token });
    }
  }
});
afterAll(async () => {
  await t.stop();
});

const ok = (status: number) => status >= 200 && status < 300;

describe("reading through every route and search", () => {
  for (const mode of ACCESS_MODES) {
    it(`${mode}: consultation, list, threads, posts, permalink and search agree with the policy`, async () => {
      // Every reader of every consultation at once: each pair's checks are independent (reads only).
      const pairs = cases.filter((x) => x.accessMode === mode).flatMap((c) => Object.entries(clients).map(([name, client]) => ({ c, name, client })));
      await Promise.all(pairs.map(async ({ c, name, client }) => {
          const may = consultationPolicy.read(viewers[name]!, c);
          const label = `${name} ${c.accessMode}/${c.status}`;
          const one = await client.get(`/api/consultations/${c.id}`);
          expect(one.status, label).toBe(may ? 200 : 404);
          const list = await client.get(`/api/consultations?limit=100`);
          expect(list.body.items.some((i: { id: string }) => i.id === c.id), label).toBe(may);
          expect((await client.get(`/api/consultations/${c.id}/threads`)).status, label).toBe(may ? 200 : 404);
          expect((await client.get(`/api/threads/${c.threadId}`)).status, label).toBe(may ? 200 : 404);
          expect((await client.get(`/api/threads/${c.threadId}/posts`)).status, label).toBe(may ? 200 : 404);
          expect((await client.get(`/api/posts/${c.postId}`)).status, label).toBe(may ? 200 : 404);
          expect((await client.get(`/api/consultations/${c.id}/positions`)).status, label).toBe(may ? 200 : 404);
          const found = await client.get(`/api/search?q=${c.token}`);
          expect(found.status).toBe(200);
          const ids = found.body.items.map((i: { id: string }) => i.id);
          expect(ids.includes(c.id), `search consultation ${label}`).toBe(may);
          expect(ids.includes(c.postId), `search post ${label}`).toBe(may);
          if (!may) expect(one.body).toEqual({ error: { code: "not_found", message: "Consultation not found." } });
      }));
    }, 180_000); // every role × every route of a consultation: minutes on a loaded machine
  }
});

describe("writing through REST", () => {
  for (const mode of ACCESS_MODES) {
    it(`${mode}: starting threads, replying, asking, endorsing agree with the policy`, async () => {
      // The consultations at once (each counts only its own posts); within one, the people in turn.
      await Promise.all(cases.filter((x) => x.accessMode === mode).map(async (c) => {
        for (const [name, client] of Object.entries(clients)) {
          const v = viewers[name]!;
          const label = `${name} ${c.accessMode}/${c.status}`;
          const before = await t.prisma.post.count({ where: { consultationId: c.id } });
          const thread = await client.post(`/api/consultations/${c.id}/threads`, { title: "New", body: "New thread" });
          expect(ok(thread.status), `thread ${label}: ${thread.status}`).toBe(consultationPolicy.startThread(v, c));
          const reply = await client.post(`/api/threads/${c.threadId}/posts`, { body: "A reply", parentId: c.postId, replyType: "supports" });
          expect(ok(reply.status), `reply ${label}: ${reply.status}`).toBe(consultationPolicy.reply(v, c, { status: "open" }, "supports"));
          const ask = await client.post(`/api/threads/${c.threadId}/posts`, { body: "A question?", parentId: c.postId, replyType: "question" });
          expect(ok(ask.status), `ask ${label}: ${ask.status}`).toBe(consultationPolicy.reply(v, c, { status: "open" }, "question"));
          const endorse = await client.post(`/api/posts/${c.postId}/endorsements`);
          expect(ok(endorse.status), `endorse ${label}: ${endorse.status}`).toBe(consultationPolicy.takeStance(v, c));
          // Refusals write nothing.
          const written = [thread, reply, ask].filter((r) => ok(r.status)).length;
          expect(await t.prisma.post.count({ where: { consultationId: c.id } }), label).toBe(before + written);
          if (!consultationPolicy.read(v, c)) {
            for (const r of [thread, reply, ask, endorse]) expect([401, 404], label).toContain(r.status);
          }
        }
      }));
    }, 180_000);
  }
});

describe("Chatham House", () => {
  it("never reveals an author or organisation to participants through any response", async () => {
    const organiser = await createUser(t.prisma, { displayName: "Chatham Organiser" });
    const secretAuthor = await createUser(t.prisma, { displayName: "Zelda Secretname" });
    const org = await createOrganisation(t.prisma, { name: "Secret Platform Alliance", category: "industry", verified: true });
    await addToOrganisation(t.prisma, secretAuthor.id, org.id, "representative");
    const c = await createConsultation(t.prisma, { createdById: organiser.id, accessMode: "chatham_house", title: "Chatham consultation" });
    const reader = await createUser(t.prisma, { displayName: "Reader" });
    await addMember(t.prisma, c.id, secretAuthor.id, "participant");
    await addMember(t.prisma, c.id, reader.id, "participant");
    const moderator = await createUser(t.prisma);
    await addMember(t.prisma, c.id, moderator.id, "moderator");

    const authorClient = t.client();
    await logIn(authorClient, secretAuthor);
    const th = await authorClient.post(`/api/consultations/${c.id}/threads`, { title: "Scanning at scale", body: "Hashing works for known material.", onBehalfOfOrganisationId: org.id });
    expect(th.status).toBe(201);
    const reply = await authorClient.post(`/api/threads/${th.body.thread.id}/posts`, { body: "And classifiers for unknown material.", parentId: th.body.post.id, onBehalfOfOrganisationId: org.id });
    const pos = await authorClient.put(`/api/consultations/${c.id}/questions/${c.questions[0]!.id}/position`, {
      organisationId: org.id, stance: "support", summary: "Voluntary detection should continue.", argument: "It works.",
    });
    expect(pos.status).toBe(201);
    await authorClient.put(`/api/consultations/${c.id}/questions/${c.questions[0]!.id}/position`, {
      organisationId: org.id, stance: "neutral", summary: "Revised: voluntary detection.", argument: "It works, mostly.", version: 1,
    });

    const readerClient = t.client();
    await logIn(readerClient, reader);
    const paths = [
      `/api/consultations/${c.id}`,
      `/api/consultations/${c.id}/threads`,
      `/api/threads/${th.body.thread.id}`,
      `/api/threads/${th.body.thread.id}/posts`,
      `/api/posts/${reply.body.post.id}`,
      `/api/consultations/${c.id}/positions`,
      `/api/positions/${pos.body.position.id}`,
      `/api/search?q=scanning`,
      `/api/search?q=voluntary`,
    ];
    const secrets = ["Zelda", "Secretname", secretAuthor.id, secretAuthor.email, "Secret Platform Alliance", org.id];
    for (const path of paths) {
      const res = await readerClient.get(path);
      expect(res.status, path).toBe(200);
      const text = JSON.stringify(res.body);
      for (const secret of secrets) expect(text, `${path} leaks ${secret}`).not.toContain(secret);
    }
    const posts = await readerClient.get(`/api/threads/${th.body.thread.id}/posts`);
    expect(posts.body.items[0].category).toBe("industry");
    // Staff still see who wrote what.
    const modClient = t.client();
    await logIn(modClient, moderator);
    const staffView = await modClient.get(`/api/threads/${th.body.thread.id}/posts`);
    expect(staffView.body.items[0].author.displayName).toBe("Zelda Secretname");
    expect(staffView.body.items[0].onBehalfOf.name).toBe("Secret Platform Alliance");
  });
});
