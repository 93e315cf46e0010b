// Two-factor authentication: enrolment confirmed by a first code, the login's second step (nothing is
// allowed in between), codes good once, recovery codes single-use, turning it off and new recovery
// codes only with the password and a code. Real server, real database, codes computed with otplib.
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, logIn } from "../support/factories.ts";
import { enrolTwoFactor, logInWithCode, TestAuthenticator } from "../support/two-factor.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("enrolment", () => {
  it("shows a secret as otpauth URI and QR code, protects nothing until a first code confirms it, then gives ten recovery codes", async () => {
    const user = await createUser(t.prisma);
    const client = t.client();
    await logIn(client, user);
    expect((await client.get("/api/me/two-factor")).body.twoFactor).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });

    const begun = await client.post("/api/me/two-factor/enrolment");
    expect(begun.status).toBe(201);
    const { secret, otpauthUri, qrDataUrl } = begun.body.enrolment;
    expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Roundtable:/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);

    // Not confirmed yet: a login still takes the password alone.
    const other = t.client();
    expect((await other.post("/api/auth/login", { email: user.email, password: user.password })).body.user.id).toBe(user.id);

    const app = new TestAuthenticator(secret);
    const wrong = await client.post("/api/me/two-factor/confirmation", { code: await app.wrongCode() });
    expect(wrong.status).toBe(400);
    expect((await client.get("/api/me/two-factor")).body.twoFactor.enabled).toBe(false);
    const malformed = await client.post("/api/me/two-factor/confirmation", { code: "12ab56" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe("code");

    const confirmed = await client.post("/api/me/two-factor/confirmation", { code: await app.code() });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    for (const code of confirmed.body.recoveryCodes) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    expect(confirmed.body.twoFactor).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });

    // Stored hashed: no code and not the printed form appear in the table.
    const rows = await t.prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of confirmed.body.recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll("-", ""));
    }

    // The session that enrolled stays; the one logged in with the password alone ended.
    expect((await client.get("/api/me")).body.user.id).toBe(user.id);
    expect((await other.get("/api/me")).body.user).toBeNull();
    // Enrolling again is refused while it is on.
    expect((await client.post("/api/me/two-factor/enrolment")).status).toBe(409);
  });
});

describe("the login's second step", () => {
  it("after the password nobody is logged in; a wrong code fails; the right one logs in; a code is good once", async () => {
    const user = await createUser(t.prisma);
    const setup = t.client();
    await logIn(setup, user);
    const { app } = await enrolTwoFactor(setup);

    const client = t.client();
    const first = await client.post("/api/auth/login", { email: user.email, password: user.password });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ user: null, twoFactorRequired: true });
    // Half-authenticated: nothing else is allowed.
    expect((await client.get("/api/me")).body.user).toBeNull();
    expect((await client.get("/api/me/sessions")).status).toBe(401);
    expect((await client.get("/api/me/two-factor")).status).toBe(401);
    expect((await client.patch("/api/me", { displayName: "Taken over" })).status).toBe(401);

    const wrong = await client.post("/api/auth/login/two-factor", { code: await app.wrongCode() });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_credentials");
    expect((await client.get("/api/me")).body.user).toBeNull();

    const code = await app.code();
    const second = await client.post("/api/auth/login/two-factor", { code });
    expect(second.status).toBe(200);
    expect(second.body.user.id).toBe(user.id);
    await client.csrf();
    expect((await client.get("/api/me")).body.user.id).toBe(user.id);
    expect((await client.get("/api/me/sessions")).status).toBe(200);

    // The same code again, in another login: refused (replay); a fresh one passes (positive control).
    const replay = t.client();
    await replay.post("/api/auth/login", { email: user.email, password: user.password });
    expect((await replay.post("/api/auth/login/two-factor", { code })).status).toBe(401);
    expect((await replay.post("/api/auth/login/two-factor", { code: await app.code() })).status).toBe(200);
  });

  it("the second step without a first, or with someone else's pending login, logs nobody in", async () => {
    const user = await createUser(t.prisma);
    const setup = t.client();
    await logIn(setup, user);
    const { app } = await enrolTwoFactor(setup);
    const stranger = t.client();
    const res = await stranger.post("/api/auth/login/two-factor", { code: await app.peekCode() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
    expect((await stranger.get("/api/me")).body.user).toBeNull();
    // A wrong password never reaches the second step.
    const guess = await stranger.post("/api/auth/login", { email: user.email, password: "not the password" });
    expect(guess.status).toBe(401);
    expect((await stranger.post("/api/auth/login/two-factor", { code: await app.peekCode() })).status).toBe(401);
    // Positive control: the owner's two steps work.
    expect((await logInWithCode(t.client(), user, { code: await app.code() })).status).toBe(200);
  });

  it("a recovery code logs in once; the count goes down", async () => {
    const user = await createUser(t.prisma);
    const setup = t.client();
    await logIn(setup, user);
    const { recoveryCodes } = await enrolTwoFactor(setup);
    const [first, second] = recoveryCodes;

    const a = t.client();
    expect((await logInWithCode(a, user, { recoveryCode: first!.toUpperCase() })).status).toBe(200);
    expect((await a.get("/api/me/two-factor")).body.twoFactor.recoveryCodesLeft).toBe(9);
    const b = t.client();
    const again = await logInWithCode(b, user, { recoveryCode: first! });
    expect(again.status).toBe(401);
    expect((await b.get("/api/me")).body.user).toBeNull();
    // Positive control: an unused one, typed without dashes.
    expect((await b.post("/api/auth/login/two-factor", { recoveryCode: second!.replaceAll("-", "") })).status).toBe(200);
  });

  it("wrong codes are throttled per account and address like passwords; another account is not affected", async () => {
    const s = await startTestServer({ rateLimits: { loginFailuresPerAccountIp: { points: 3, duration: 600 } } });
    try {
      const user = await createUser(s.prisma);
      const bystander = await createUser(s.prisma);
      const setupA = s.client();
      await logIn(setupA, user);
      const { app } = await enrolTwoFactor(setupA);
      const setupB = s.client();
      await logIn(setupB, bystander);
      const other = await enrolTwoFactor(setupB);

      const attacker = s.client();
      await attacker.post("/api/auth/login", { email: user.email, password: user.password });
      for (let i = 0; i < 3; i++) expect((await attacker.post("/api/auth/login/two-factor", { code: await app.wrongCode() })).status).toBe(401);
      // Even the right code is refused now, from this address, for this account.
      const limited = await attacker.post("/api/auth/login/two-factor", { code: await app.peekCode() });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBeTruthy();
      // Positive control: the same address, another account, logs in with its code.
      expect((await logInWithCode(s.client(), bystander, { code: await other.app.code() })).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});

describe("turning it off and new recovery codes", () => {
  it("turning it off needs the password and a code; then the password alone logs in again", async () => {
    const user = await createUser(t.prisma);
    const client = t.client();
    await logIn(client, user);
    const { app } = await enrolTwoFactor(client);

    expect((await client.post("/api/me/two-factor/disable", { password: user.password })).status).toBe(400);
    const badPassword = await client.post("/api/me/two-factor/disable", { password: "wrong password", code: await app.peekCode() });
    expect(badPassword.status).toBe(400);
    expect(badPassword.body.error.details[0].path).toBe("password");
    expect((await client.get("/api/me/two-factor")).body.twoFactor.enabled).toBe(true);

    const off = await client.post("/api/me/two-factor/disable", { password: user.password, code: await app.code() });
    expect(off.status).toBe(200);
    expect(off.body.twoFactor.enabled).toBe(false);
    expect(await t.prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await client.get("/api/me")).body.user.id).toBe(user.id);
    const again = t.client();
    expect((await again.post("/api/auth/login", { email: user.email, password: user.password })).body.user.id).toBe(user.id);
  });

  it("new recovery codes replace the old ones", async () => {
    const user = await createUser(t.prisma);
    const client = t.client();
    await logIn(client, user);
    const { app, recoveryCodes: old } = await enrolTwoFactor(client);
    const renewed = await client.post("/api/me/two-factor/recovery-codes", { password: user.password, code: await app.code() });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    expect(renewed.body.recoveryCodes).not.toContain(old[0]);
    expect((await logInWithCode(t.client(), user, { recoveryCode: old[0]! })).status).toBe(401);
    expect((await logInWithCode(t.client(), user, { recoveryCode: renewed.body.recoveryCodes[0] })).status).toBe(200);
  });
});
