// The account page's writes: one's display name and category; a password change that needs the
// current password and ends every other session of the account, keeping the one that changed it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, logIn } from "../support/factories.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("profile", () => {
  it("changes one's own display name and category; refuses bad input, changing nothing", async () => {
    const user = await createUser(t.prisma, { displayName: "Pia Privacy" });
    const client = t.client();
    await logIn(client, user);
    expect((await client.patch("/api/me", { displayName: "" })).status).toBe(400);
    expect((await client.patch("/api/me", { category: "emperor" })).status).toBe(400);
    expect((await client.patch("/api/me", {})).status).toBe(400);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).displayName).toBe("Pia Privacy");
    const res = await client.patch("/api/me", { displayName: "Pia P. Privacy", category: "digital_rights" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, displayName: "Pia P. Privacy", category: "digital_rights" });
    expect((await t.client().patch("/api/me", { displayName: "Anon" })).status).toBe(401);
  });
});

describe("password change", () => {
  it("needs the current password, then ends the other sessions and keeps this one", async () => {
    const user = await createUser(t.prisma, {});
    const here = t.client();
    const elsewhere = t.client();
    await logIn(here, user);
    await logIn(elsewhere, user);
    const wrong = await here.post("/api/me/password", { currentPassword: "not my password", newPassword: "a brand new passphrase" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([expect.objectContaining({ path: "currentPassword" })]);
    expect((await elsewhere.get("/api/me")).status).toBe(200);

    const res = await here.post("/api/me/password", { currentPassword: user.password, newPassword: "a brand new passphrase" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ otherSessionsEnded: 1 });
    expect((await here.get("/api/me")).status).toBe(200);
    expect((await elsewhere.get("/api/me")).body.user).toBeNull();
    const again = t.client();
    expect((await again.post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(401);
    expect((await again.post("/api/auth/login", { email: user.email, password: "a brand new passphrase" })).status).toBe(200);
  });
});
