// Without SMTP_URL: mail goes to the log (recipient and subject only) and stays in the outbox, which
// admins read (GET /api/admin/outbox) and nobody else does.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, DEFAULT_PASSWORD, logIn, uniqueEmail } from "../support/factories.ts";
import { retryDelayMs } from "../../server/mail/sender.ts";
import { MAIL_TEST_ENV, startSmtp } from "./smtp.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { MAIL_POLL_INTERVAL_MS: "50" } });
});
afterAll(async () => {
  await t?.stop();
});

describe("the outbox without SMTP_URL", () => {
  it("keeps the mail for admins, logs only recipient and subject, and hides the list from others", async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, "info").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    try {
      const email = uniqueEmail("outbox");
      expect((await t.client().post("/api/auth/register", { email, password: DEFAULT_PASSWORD, displayName: "Otto" })).status).toBe(201);
      const row = await vi.waitFor(async () => {
        const r = await t.prisma.outboxMail.findFirstOrThrow({ where: { recipient: email } });
        if (r.status !== "sent") throw new Error(`still ${r.status}`);
        return r;
      }, { timeout: 10_000, interval: 50 });
      expect(row.kind).toBe("verify_email");
      // Delivered to the log: the subject and the address, never the link.
      const line = logged.find((l) => l.includes(email))!;
      expect(line).toContain(row.subject);
      expect(logged.join("\n")).not.toContain("token=");

      const admin = await createUser(t.prisma, { isAdmin: true });
      const ac = t.client();
      await logIn(ac, admin);
      const page = await ac.get("/api/admin/outbox?limit=5");
      expect(page.status).toBe(200);
      const mine = page.body.items.find((m: { recipient: string }) => m.recipient === email);
      expect(mine).toMatchObject({ kind: "verify_email", status: "sent" });
      // Without SMTP the outbox is the delivery: the admin can pass the link on.
      expect(mine.text).toContain("/verify-email?token=");

      const participant = await createUser(t.prisma);
      const pc = t.client();
      await logIn(pc, participant);
      expect((await pc.get("/api/admin/outbox")).status).toBe(404);
      expect((await t.client().get("/api/admin/outbox")).status).toBe(404);
      expect((await ac.get("/api/admin/outbox?limit=0")).status).toBe(400);
    } finally {
      spy.mockRestore();
    }
  });

  it("pages through the outbox", async () => {
    const admin = await createUser(t.prisma, { isAdmin: true });
    const ac = t.client();
    await logIn(ac, admin);
    for (let i = 0; i < 3; i++) await t.client().post("/api/password-reset/request", { email: admin.email });
    const first = await ac.get("/api/admin/outbox?limit=2");
    expect(first.body.items).toHaveLength(2);
    const second = await ac.get(`/api/admin/outbox?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("delivery retries", () => {
  it("backs off after a failure and delivers on a later attempt", async () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([30_000, 120_000, 480_000]);
    const smtp = await startSmtp();
    const s = await startTestServer({ env: MAIL_TEST_ENV(smtp) });
    try {
      smtp.failNext(1);
      const user = await createUser(s.prisma);
      await s.client().post("/api/password-reset/request", { email: user.email });
      const retried = await vi.waitFor(async () => {
        const r = await s.prisma.outboxMail.findFirstOrThrow({ where: { recipient: user.email } });
        if (r.status !== "queued" || r.attempts !== 1) throw new Error(`${r.status} ${r.attempts}`);
        return r;
      }, { timeout: 10_000, interval: 50 });
      expect(retried.lastError).toMatch(/451|Try again/);
      expect(retried.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
      expect(smtp.to(user.email)).toEqual([]);
      // Time passes (the retry is due): the next poll delivers it, and the delivered body is not kept.
      await s.prisma.outboxMail.update({ where: { id: retried.id }, data: { nextAttemptAt: new Date() } });
      await smtp.waitFor(user.email);
      const sent = await vi.waitFor(async () => {
        const r = await s.prisma.outboxMail.findUniqueOrThrow({ where: { id: retried.id } });
        if (r.status !== "sent") throw new Error(r.status);
        return r;
      }, { timeout: 10_000, interval: 50 });
      expect([sent.attempts, sent.text]).toEqual([2, ""]);
    } finally {
      await s.stop();
      await smtp.close();
    }
  });
});
