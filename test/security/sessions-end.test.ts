// Finding: sessions survived a suspension (an unused session worked again after reinstatement) and a
// password change (`admin set-password` left old sessions valid). Both now raise the account's session
// epoch, which voids every session made before, whatever path made the change.
import { vi } from "vitest";
// Generous: the shared test machine can be very busy (argon2 hashing per user).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, logIn } from "../support/factories.ts";
import { setPassword } from "../../server/accounts/service.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("sessions end with a suspension and a password change", () => {
  it("a session left unused during a suspension does not work after reinstatement; a new login does", async () => {
    const admin = await createUser(t.prisma, { isAdmin: true });
    const user = await createUser(t.prisma);
    const bystander = await createUser(t.prisma);
    const adminClient = t.client();
    await logIn(adminClient, admin);
    const unused = t.client();
    await logIn(unused, user);
    const other = t.client();
    await logIn(other, bystander);

    const suspend = await adminClient.patch(`/api/admin/users/${user.id}`, { status: "suspended", reasonCode: "harassment", statement: "Repeated personal attacks on other participants." });
    expect(suspend.status).toBe(200);
    const reinstate = await adminClient.patch(`/api/admin/users/${user.id}`, { status: "active" });
    expect(reinstate.status).toBe(200);

    expect((await unused.get("/api/me")).body.user).toBeNull();
    // Positive controls: the bystander's session is untouched, and the owner can log in again.
    expect((await other.get("/api/me")).status).toBe(200);
    const fresh = t.client();
    await logIn(fresh, user);
    expect((await fresh.get("/api/me")).body.user.id).toBe(user.id);
  });

  it("set-password (the admin CLI's service) ends every session of the account, not others", async () => {
    const user = await createUser(t.prisma);
    const bystander = await createUser(t.prisma);
    const first = t.client();
    await logIn(first, user);
    const second = t.client();
    await logIn(second, user);
    const other = t.client();
    await logIn(other, bystander);
    expect((await first.get("/api/me")).status).toBe(200);

    await setPassword(t.prisma, user.email, "a completely new passphrase");

    expect((await first.get("/api/me")).body.user).toBeNull();
    expect((await second.get("/api/me")).body.user).toBeNull();
    expect((await other.get("/api/me")).status).toBe(200);
    const again = t.client();
    await logIn(again, { email: user.email, password: "a completely new passphrase" });
    expect((await again.get("/api/me")).status).toBe(200);
    const event = await t.prisma.domainEvent.findFirst({ where: { type: "user:sessionsEnded" }, orderBy: { seq: "desc" } });
    expect(event?.payload).toMatchObject({ userId: user.id, reason: "password_changed" });
  });
});
