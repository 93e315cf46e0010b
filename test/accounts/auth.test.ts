import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, DEFAULT_PASSWORD, logIn, uniqueEmail } from "../support/factories.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("register, log in, log out", () => {
  it("registers, is logged in at once, logs out, logs in again", async () => {
    const c = t.client();
    const email = uniqueEmail("reg");
    const reg = await c.post("/api/auth/register", { email, password: DEFAULT_PASSWORD, displayName: "Ada" });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({ email, displayName: "Ada", category: "individual", isAdmin: false });
    expect(reg.body.user.passwordHash).toBeUndefined();
    expect((await c.get("/api/me")).body.user.email).toBe(email);

    expect((await c.post("/api/auth/logout")).status).toBe(204);
    // Signed out is an ordinary answer, not an error.
    const me = await c.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toBeNull();

    const login = await c.post("/api/auth/login", { email: email.toUpperCase(), password: DEFAULT_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe(email);
    expect((await c.get("/api/me")).status).toBe(200);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie and regenerates the session id at login", async () => {
    const user = await createUser(t.prisma);
    const c = t.client();
    const tokenRes = await c.raw("GET", "/api/csrf");
    const cookie = tokenRes.headers.getSetCookie().find((l) => l.startsWith("roundtable.sid="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain HTTP without TRUST_PROXY
    const before = c.sessionCookie();
    await logIn(c, user);
    expect(c.sessionCookie()).toBeDefined();
    expect(c.sessionCookie()).not.toBe(before);
  });

  it("treats emails case-insensitively and makes no second account for the same address", async () => {
    const email = uniqueEmail("Case");
    const c = t.client();
    expect((await c.post("/api/auth/register", { email, password: DEFAULT_PASSWORD, displayName: "One" })).status).toBe(201);
    // The same answer as a registration, so it does not tell that the email has an account (test/security/registration.test.ts).
    const dupClient = t.client();
    const dup = await dupClient.post("/api/auth/register", { email: email.toUpperCase(), password: DEFAULT_PASSWORD, displayName: "Two" });
    expect(dup.status).toBe(201);
    expect((await dupClient.get("/api/me")).body.user).toBeNull();
    expect(await t.prisma.user.count({ where: { emailKey: email.toLowerCase() } })).toBe(1);
  });

  it("gives unknown email and wrong password the same status and body", async () => {
    const user = await createUser(t.prisma);
    const wrongPassword = await t.client().post("/api/auth/login", { email: user.email, password: "not the password at all" });
    const unknownEmail = await t.client().post("/api/auth/login", { email: uniqueEmail("nobody"), password: "not the password at all" });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it("accepts passwords from 10 to 256 characters without composition rules", async () => {
    const ok = await t.client().post("/api/auth/register", { email: uniqueEmail(), password: "aaaaaaaaaa", displayName: "Ten" });
    expect(ok.status).toBe(201);
    const long = await t.client().post("/api/auth/register", { email: uniqueEmail(), password: "x".repeat(200), displayName: "Long" });
    expect(long.status).toBe(201);
    const short = await t.client().post("/api/auth/register", { email: uniqueEmail(), password: "123456789", displayName: "Short" });
    expect(short.status).toBe(400);
    expect(short.body.error.details).toEqual([{ path: "password", message: expect.stringContaining("at least 10") }]);
  });

  it("logs a suspended account out on its next request", async () => {
    const user = await createUser(t.prisma);
    const c = t.client();
    await logIn(c, user);
    await t.prisma.user.update({ where: { id: user.id }, data: { status: "suspended" } });
    const after = await c.get("/api/me");
    expect(after.status).toBe(200);
    expect(after.body.user).toBeNull();
    expect((await t.client().post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(401);
  });
});

describe("sessions", () => {
  it("survive a server restart", async () => {
    const user = await createUser(t.prisma);
    const c = t.client();
    await logIn(c, user);
    await t.restart();
    const again = new (c.constructor as any)(t.url);
    again.cookies = (c as any).cookies;
    const me = await again.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
  });
});
