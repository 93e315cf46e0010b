// Notifications by mail: replies and decisions, instant, in the daily digest, or off, per account, in
// the account's language; with a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { sendDueDigests } from "../../server/mail/digest.ts";
import { MAIL_TEST_ENV, startSmtp, type TestSmtp } from "./smtp.ts";

let smtp: TestSmtp;
let t: TestServer;
let consultationId: string;
let replier: TestClient;
let moderator: TestClient;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestServer({ env: MAIL_TEST_ENV(smtp) });
  const organiser = await createUser(t.prisma);
  consultationId = (await createConsultation(t.prisma, { createdById: organiser.id, title: "Detection orders" })).id;
  replier = t.client();
  await logIn(replier, await createUser(t.prisma, { displayName: "Rita" }));
  const mod = await createUser(t.prisma);
  await addMember(t.prisma, consultationId, mod.id, "moderator");
  moderator = t.client();
  await logIn(moderator, mod);
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
});

/** An author with these mail settings, their thread, and its opening post. */
async function authorWith(settings: { replies: string; decisions: string } | null, opts: { language?: string; title?: string } = {}) {
  const user = await createUser(t.prisma, { language: opts.language });
  const c = t.client();
  await logIn(c, user);
  if (settings) {
    const res = await c.put("/api/me/mail-settings", settings);
    expect(res.status).toBe(200);
    expect(res.body.user.mailSettings).toEqual(settings);
  }
  const th = await c.post(`/api/consultations/${consultationId}/threads`, { title: opts.title ?? "Encryption and scanning", body: "Client-side scanning breaks encryption." });
  expect(th.status).toBe(201);
  return { user, client: c, threadId: th.body.thread.id as string, postId: th.body.post.id as string };
}

const reply = async (a: { threadId: string; postId: string }, body = "I disagree, and here is why.") => {
  const res = await replier.post(`/api/threads/${a.threadId}/posts`, { body, parentId: a.postId });
  expect(res.status).toBe(201);
  return res.body.post.id as string;
};

describe("notification mail", () => {
  it("has sensible defaults: decisions at once, replies in the digest", async () => {
    const a = await authorWith(null);
    expect((await a.client.get("/api/me")).body.user.mailSettings).toEqual({ replies: "digest", decisions: "instant" });
  });

  it("mails a reply at once when set to instant, in the account's language, with a link to it", async () => {
    const a = await authorWith({ replies: "instant", decisions: "instant" }, { language: "fr", title: "Ordres de détection" });
    const replyId = await reply(a);
    const mail = await smtp.waitFor(a.user.email, (m) => m.text.includes(replyId));
    expect(mail.subject).toBe("Une réponse à votre contribution dans « Ordres de détection »");
    expect(mail.text).toContain(`https://forum.example.org/posts/${replyId}`);
    // The bell has it too.
    const bell = await a.client.get("/api/notifications");
    expect(bell.body.items[0]).toMatchObject({ kind: "reply", payload: { postId: replyId, about: { key: "reply", params: { thread: "Ordres de détection" } } } });
  });

  it("sends nothing when set to off (the instant author in the same round is the positive control)", async () => {
    const quiet = await authorWith({ replies: "off", decisions: "off" });
    const loud = await authorWith({ replies: "instant", decisions: "instant" });
    const quietReply = await reply(quiet);
    const loudReply = await reply(loud);
    await smtp.waitFor(loud.user.email, (m) => m.text.includes(loudReply));
    // Mail is written with the notification, in its transaction: none exists for the quiet author.
    expect(await t.prisma.notification.count({ where: { userId: quiet.user.id, kind: "reply" } })).toBe(1);
    expect(await t.prisma.outboxMail.count({ where: { recipient: quiet.user.email } })).toBe(0);
    expect(smtp.to(quiet.user.email)).toEqual([]);

    // Decisions follow their own setting: hiding the quiet author's post mails nothing; the loud one's does.
    for (const a of [quiet, loud]) {
      expect((await moderator.post(`/api/posts/${a.postId}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Not about the question." })).status).toBe(200);
    }
    const decision = await smtp.waitFor(loud.user.email, (m) => m.subject.startsWith("A moderation decision"));
    expect(decision.subject).toBe('A moderation decision about your contribution in "Encryption and scanning"');
    expect(decision.text).toContain("hidden");
    expect(decision.text).toContain("https://forum.example.org/me/decisions");
    expect(await t.prisma.outboxMail.count({ where: { recipient: quiet.user.email } })).toBe(0);
    void quietReply;
  });

  it("gathers replies into one digest when it is due, and sends no digest twice", async () => {
    const a = await authorWith({ replies: "digest", decisions: "instant" }, { title: "Age verification" });
    const first = await reply(a, "First reply.");
    const second = await reply(a, "Second reply.");
    // Nothing at once.
    expect(await t.prisma.outboxMail.count({ where: { recipient: a.user.email } })).toBe(0);
    // A day later, the digest is due: one mail listing both replies.
    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    await sendDueDigests(t.prisma, { intervalMs: 24 * 3600_000, now: tomorrow });
    const digest = await smtp.waitFor(a.user.email, (m) => m.subject.includes("new notifications"));
    expect(digest.subject).toBe("Roundtable: 2 new notifications");
    expect(digest.text).toContain(`https://forum.example.org/posts/${first}`);
    expect(digest.text).toContain(`https://forum.example.org/posts/${second}`);
    expect(digest.text).toContain('"Age verification"');
    // Run again at the same time (another process, say): nothing new is covered, nothing is sent.
    await sendDueDigests(t.prisma, { intervalMs: 24 * 3600_000, now: tomorrow });
    expect(await t.prisma.outboxMail.count({ where: { recipient: a.user.email, kind: { in: ["digest", "digest_one"] } } })).toBe(1);
  });

  it("leaves read notifications and replies since hidden out of the digest", async () => {
    const a = await authorWith({ replies: "digest", decisions: "off" });
    const hidden = await reply(a, "A reply that will be hidden.");
    const kept = await reply(a, "A reply that stays.");
    const seen = await reply(a, "A reply already read in the app.");
    const seenId = (await t.prisma.notification.findFirstOrThrow({ where: { userId: a.user.id, payload: { path: ["postId"], equals: seen } } })).id;
    expect((await a.client.post("/api/notifications/read", { ids: [seenId] })).status).toBeLessThan(300);
    expect((await moderator.post(`/api/posts/${hidden}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Off topic." })).status).toBe(200);
    await sendDueDigests(t.prisma, { intervalMs: 24 * 3600_000, now: new Date(Date.now() + 25 * 3600_000) });
    const digest = await smtp.waitFor(a.user.email, (m) => m.subject.includes("new notification"));
    expect(digest.text).toContain(kept);
    expect(digest.text).not.toContain(hidden);
    expect(digest.text).not.toContain(seen);
    expect(digest.subject).toBe("Roundtable: 1 new notification");
  });
});
