// Password reset through the real endpoints, the link read from a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, logIn, uniqueEmail } from "../support/factories.ts";
import { linkToken, MAIL_TEST_ENV, startSmtp, type TestSmtp } from "./smtp.ts";

let smtp: TestSmtp;
let t: TestServer;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestServer({ env: MAIL_TEST_ENV(smtp) });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
});

const NEW_PASSWORD = "a brand new passphrase";

async function requestLink(email: string) {
  const res = await t.client().post("/api/password-reset/request", { email });
  return res;
}

describe("password reset", () => {
  it("answers the same for an unknown address, and mails only a known one", async () => {
    const user = await createUser(t.prisma);
    const unknownEmail = uniqueEmail("nobody");
    const unknown = await requestLink(unknownEmail);
    const known = await requestLink(user.email.toUpperCase());
    expect([unknown.status, unknown.body]).toEqual([202, {}]);
    expect([known.status, known.body]).toEqual([202, {}]);
    const mail = await smtp.waitFor(user.email, (m) => m.text.includes("/reset-password?token="));
    expect(mail.subject).toBe("Choose a new password for Roundtable");
    // The unknown address's request came first and wrote nothing: no mail, no outbox row.
    expect(smtp.to(unknownEmail)).toEqual([]);
    expect(await t.prisma.outboxMail.count({ where: { recipient: { equals: unknownEmail, mode: "insensitive" } } })).toBe(0);
  });

  it("sets the new password once, ends every session, and the link cannot be used again", async () => {
    const user = await createUser(t.prisma);
    const session = t.client();
    await logIn(session, user);
    expect((await session.get("/api/me")).body.user.id).toBe(user.id);

    await requestLink(user.email);
    const token = linkToken((await smtp.waitFor(user.email, (m) => m.text.includes("/reset-password"))).text, "/reset-password");
    const c = t.client();
    expect((await c.post("/api/password-reset/confirm", { token, password: NEW_PASSWORD })).status).toBe(204);
    // The old session is over; the old password no longer works; the new one does.
    expect((await session.get("/api/me")).body.user).toBeNull();
    expect((await t.client().post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(401);
    await logIn(t.client(), { email: user.email, password: NEW_PASSWORD });

    const again = await c.post("/api/password-reset/confirm", { token, password: "yet another passphrase" });
    expect([again.status, again.body.error.code, again.body.error.details[0].path]).toEqual([400, "invalid_input", "token"]);
    await logIn(t.client(), { email: user.email, password: NEW_PASSWORD });
  });

  it("refuses an expired link (positive control: a fresh one works) and a too short password", async () => {
    const user = await createUser(t.prisma);
    await requestLink(user.email);
    const stale = linkToken((await smtp.waitFor(user.email, (m) => m.text.includes("/reset-password"))).text, "/reset-password");
    await t.prisma.emailToken.updateMany({ where: { userId: user.id, purpose: "reset_password" }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await t.client().post("/api/password-reset/confirm", { token: stale, password: NEW_PASSWORD })).status).toBe(400);
    expect((await t.client().post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(200);

    await requestLink(user.email);
    const fresh = linkToken((await smtp.waitFor(user.email, (m) => !m.text.includes(stale) && m.text.includes("/reset-password"))).text, "/reset-password");
    const short = await t.client().post("/api/password-reset/confirm", { token: fresh, password: "short" });
    expect([short.status, short.body.error.details[0].path]).toEqual([400, "password"]);
    expect((await t.client().post("/api/password-reset/confirm", { token: fresh, password: NEW_PASSWORD })).status).toBe(204);
    // A new link expires after an hour.
    const issued = await t.prisma.emailToken.findFirstOrThrow({ where: { userId: user.id, purpose: "reset_password" }, orderBy: { createdAt: "desc" } });
    expect(issued.expiresAt.getTime() - issued.createdAt.getTime()).toBeLessThanOrEqual(3600_000 + 1000);
  });
});
