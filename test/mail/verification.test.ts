// Email verification at registration, and registration of an address that already has an account:
// through the real endpoints, with the mail read from a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, DEFAULT_PASSWORD, logIn, uniqueEmail } from "../support/factories.ts";
import { linkToken, MAIL_TEST_ENV, startSmtp, type TestSmtp } from "./smtp.ts";
import { hashToken } from "../../server/accounts/email-tokens.ts";

let smtp: TestSmtp;
let t: TestServer;
let consultationId: string;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestServer({ env: MAIL_TEST_ENV(smtp) });
  const organiser = await createUser(t.prisma);
  consultationId = (await createConsultation(t.prisma, { createdById: organiser.id })).id;
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
});

const startThread = (c: ReturnType<TestServer["client"]>) => c.post(`/api/consultations/${consultationId}/threads`, { title: "A thread", body: "An opening post." });

describe("email verification", () => {
  it("mails a single-use link on registration; until it is opened the account reads but cannot post", async () => {
    const email = uniqueEmail("verify");
    const c = t.client();
    const reg = await c.post("/api/auth/register", { email, password: DEFAULT_PASSWORD, displayName: "Vera" }, { headers: { "accept-language": "fr" } });
    expect(reg.status).toBe(201);
    expect(reg.body.user.emailVerified).toBe(false);

    const mail = await smtp.waitFor(email, (m) => m.text.includes("/verify-email?token="));
    // In the language the person registered in, from MAIL_FROM, with links on PUBLIC_URL.
    expect(mail.subject).toBe("Confirmez votre adresse e-mail pour Roundtable");
    expect(mail.from).toContain("roundtable@example.org");
    expect(mail.text).toContain("https://forum.example.org/verify-email?token=");
    const token = linkToken(mail.text, "/verify-email");
    // Only the token's hash is stored.
    const stored = await t.prisma.emailToken.findMany({ where: { user: { email } } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    // Reading works; contributing does not, with the one clear code (and nothing is written).
    expect((await c.get(`/api/consultations/${consultationId}`)).status).toBe(200);
    const refused = await startThread(c);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("email_unverified");
    expect(refused.body.error.message).toMatch(/email|e-mail/i);
    expect(await t.prisma.thread.count({ where: { consultationId, title: "A thread", author: { email } } })).toBe(0);

    // The link works without the session (another device), once.
    const other = t.client();
    expect((await other.post("/api/auth/verify-email", { token })).status).toBe(204);
    expect((await other.post("/api/auth/verify-email", { token })).status).toBe(400);
    expect((await c.get("/api/me")).body.user.emailVerified).toBe(true);
    // The same session now contributes (the positive control of the refusal above).
    expect((await startThread(c)).status).toBe(201);
  });

  it("refuses endorsing and flagging too, and an unknown or expired link", async () => {
    const author = await createUser(t.prisma);
    const ac = t.client();
    await logIn(ac, author);
    const thread = await startThread(ac);
    const postId = thread.body.thread?.openingPostId ?? thread.body.posts?.[0]?.id ?? (await t.prisma.post.findFirstOrThrow({ where: { authorId: author.id } })).id;

    const unverified = await createUser(t.prisma, { verified: false });
    const verified = await createUser(t.prisma);
    for (const [user, expected] of [[unverified, 403], [verified, 201]] as const) {
      const c = t.client();
      await logIn(c, user);
      const endorse = await c.post(`/api/posts/${postId}/endorsements`, {});
      const flag = await c.post(`/api/posts/${postId}/flags`, { reason: "off_topic" });
      if (expected === 403) {
        expect([endorse.status, endorse.body.error.code]).toEqual([403, "email_unverified"]);
        expect([flag.status, flag.body.error.code]).toEqual([403, "email_unverified"]);
      } else {
        expect(endorse.status).toBeLessThan(300);
        expect(flag.status).toBe(201);
      }
    }

    // An expired link verifies nothing.
    const late = await createUser(t.prisma, { verified: false });
    const c = t.client();
    await logIn(c, late);
    expect((await c.post("/api/me/email-verification", {})).status).toBe(202);
    const token = linkToken((await smtp.waitFor(late.email, (m) => m.text.includes("/verify-email?token="))).text, "/verify-email");
    await t.prisma.emailToken.updateMany({ where: { userId: late.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await c.post("/api/auth/verify-email", { token });
    expect([expired.status, expired.body.error.code]).toEqual([400, "invalid_input"]);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: late.id } })).emailVerifiedAt).toBeNull();
    expect((await c.post("/api/auth/verify-email", { token: "not-a-token-at-all-but-long-enough" })).status).toBe(400);
  });

  it("resends a link that replaces the previous one, rate-limited", async () => {
    const limited = await startTestServer({ env: MAIL_TEST_ENV(smtp), rateLimits: { mailPerUser: { points: 2, duration: 3600 } } });
    try {
      const user = await createUser(limited.prisma, { verified: false });
      const c = limited.client();
      await logIn(c, user);
      expect((await c.post("/api/me/email-verification", {})).status).toBe(202);
      const first = linkToken((await smtp.waitFor(user.email)).text, "/verify-email");
      expect((await c.post("/api/me/email-verification", {})).status).toBe(202);
      await smtp.waitFor(user.email, (m) => !m.text.includes(first));
      expect((await c.post("/api/me/email-verification", {})).status).toBe(429);
      // The first link was replaced by the second.
      expect((await c.post("/api/auth/verify-email", { token: first })).status).toBe(400);
      const second = linkToken(smtp.to(user.email).find((m) => !m.text.includes(first))!.text, "/verify-email");
      expect((await c.post("/api/auth/verify-email", { token: second })).status).toBe(204);
    } finally {
      await limited.stop();
    }
  });

  it("registering an existing address answers like a new one, and mails the owner instead of a link", async () => {
    const owner = await createUser(t.prisma, { language: "de" });
    const fresh = uniqueEmail("fresh");
    const known = await t.client().post("/api/auth/register", { email: owner.email.toUpperCase(), password: DEFAULT_PASSWORD, displayName: "Someone" });
    const unknown = await t.client().post("/api/auth/register", { email: fresh, password: DEFAULT_PASSWORD, displayName: "Someone" });
    expect(known.status).toBe(unknown.status);
    expect(Object.keys(known.body.user).sort()).toEqual(Object.keys(unknown.body.user).sort());
    expect(known.body.user.emailVerified).toBe(unknown.body.user.emailVerified);

    const warning = await smtp.waitFor(owner.email);
    expect(warning.subject).toBe("Jemand wollte sich mit Ihrer Adresse bei Roundtable registrieren");
    expect(warning.text).not.toMatch(/token=/);
    expect(warning.text).toContain("https://forum.example.org/forgot-password");
    expect((await smtp.waitFor(fresh)).text).toContain("/verify-email?token=");
    expect(await t.prisma.user.count({ where: { emailKey: owner.email.toLowerCase() } })).toBe(1);
  });
});
