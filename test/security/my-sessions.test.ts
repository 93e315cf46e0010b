// Sessions the owner controls: a list of active ones (user agent, began, last used), "log out this one",
// "log out everywhere else" (sockets too), idle and absolute timeouts on the server, the __Host- prefix.
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, logIn } from "../support/factories.ts";
import { TestClient } from "../support/client.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function loggedIn(user: { email: string; password: string }, userAgent: string) {
  const c = t.client();
  const res = await c.post("/api/auth/login", { email: user.email, password: user.password }, { headers: { "user-agent": userAgent } });
  expect(res.status).toBe(200);
  await c.csrf();
  return c;
}

function socketOf(c: TestClient): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(t.url, { transports: ["websocket"], extraHeaders: { cookie: c.cookieHeader() }, reconnection: false, forceNew: true });
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
  });
}
const disconnected = (s: Socket) => new Promise<void>((resolve) => (s.disconnected ? resolve() : s.once("disconnect", () => resolve())));

describe("my sessions", () => {
  it("lists them with device and times, never a session id, the current one first", async () => {
    const user = await createUser(t.prisma);
    const laptop = await loggedIn(user, "Laptop Firefox");
    await loggedIn(user, "Phone Safari");
    const other = await createUser(t.prisma);
    await loggedIn(other, "Someone else");

    const res = await laptop.get("/api/me/sessions");
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { userAgent: string }) => s.userAgent)).toEqual(["Laptop Firefox", "Phone Safari"]);
    expect(res.body.items[0]).toMatchObject({ current: true });
    expect(res.body.items[0].createdAt).toMatch(/^\d{4}-/);
    const sid = decodeURIComponent(laptop.sessionCookie()!).slice(2).split(".")[0]!;
    expect(JSON.stringify(res.body)).not.toContain(sid);
  });

  it("logs out one of them, and its socket", async () => {
    const user = await createUser(t.prisma);
    const laptop = await loggedIn(user, "Laptop");
    const phone = await loggedIn(user, "Phone");
    const socket = await socketOf(phone);
    const phoneId = (await laptop.get("/api/me/sessions")).body.items.find((s: { userAgent: string }) => s.userAgent === "Phone").id;
    expect((await laptop.delete(`/api/me/sessions/${phoneId}`)).status).toBe(204);
    await disconnected(socket);
    expect((await phone.get("/api/me")).body.user).toBeNull();
    expect((await laptop.get("/api/me")).status).toBe(200); // positive control
    expect((await laptop.delete(`/api/me/sessions/${phoneId}`)).status).toBe(404);
  });

  it("someone else's session is a 404, like a missing one", async () => {
    const a = await loggedIn(await createUser(t.prisma), "A");
    const b = await loggedIn(await createUser(t.prisma), "B");
    const bId = (await b.get("/api/me/sessions")).body.items[0].id;
    expect((await a.delete(`/api/me/sessions/${bId}`)).status).toBe(404);
    expect((await b.get("/api/me")).status).toBe(200);
  });

  it("logs out everywhere else: other sessions and their sockets end, this one and its socket stay", async () => {
    const user = await createUser(t.prisma);
    const here = await loggedIn(user, "Here");
    const there = await loggedIn(user, "There");
    const elsewhere = await loggedIn(user, "Elsewhere");
    const theirSocket = await socketOf(there);
    const mySocket = await socketOf(here);
    expect((await here.post("/api/me/sessions/end-others")).status).toBe(204);
    await disconnected(theirSocket);
    expect((await there.get("/api/me")).body.user).toBeNull();
    expect((await elsewhere.get("/api/me")).body.user).toBeNull();
    expect((await here.get("/api/me")).status).toBe(200);
    expect((await here.get("/api/me/sessions")).body.items.map((s: { userAgent: string }) => s.userAgent)).toEqual(["Here"]);
    // This session's socket was not disconnected: a new socket on it connects too.
    expect(mySocket.connected).toBe(true);
    (await socketOf(here)).close();
    mySocket.close();
  });
});

describe("timeouts on the server", () => {
  it("a session idle for longer than SESSION_IDLE_MINUTES is logged out, whatever the cookie says", async () => {
    const short = await startTestServer({ env: { SESSION_IDLE_MINUTES: "0.02" } }); // 1.2 s
    try {
      const user = await createUser(short.prisma);
      const c = short.client();
      await logIn(c, user);
      expect((await c.get("/api/me")).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1_500)); // the idle time itself is what is tested
      expect((await c.get("/api/me")).body.user).toBeNull();
      const again = short.client();
      await logIn(again, user);
      expect((await again.get("/api/me")).status).toBe(200);
    } finally {
      await short.stop();
    }
  });

  it("with SESSION_COOKIE_HOST_PREFIX the cookie is __Host-, Secure, for / and no domain", async () => {
    // TLS as a proxy in front reports it (express-session sets no Secure cookie on a plain connection).
    const tls = await startTestServer({ env: { SESSION_COOKIE_HOST_PREFIX: "true", TRUST_PROXY: "true" } });
    try {
      const plain = await fetch(tls.url + "/api/csrf");
      expect(plain.headers.getSetCookie()).toEqual([]);
      const res = await fetch(tls.url + "/api/csrf", { headers: { "x-forwarded-proto": "https" } });
      const cookie = res.headers.getSetCookie().find((l) => l.startsWith("__Host-roundtable.sid="));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      expect(cookie).not.toMatch(/Domain=/i);
    } finally {
      await tls.stop();
    }
  });
});
