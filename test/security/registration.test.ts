// Finding: registering an existing email answered 409 "An account with this email already exists",
// which tells anyone whether an email has an account.
import { vi } from "vitest";
// Generous: the shared test machine can be very busy (argon2 hashing per user).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
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

/** The structure of a JSON value: keys and types, not values. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, shape(x)]));
  return typeof v;
}

describe("registering an existing email", () => {
  it("answers like a new registration, creates nothing, changes nothing and logs nobody in", async () => {
    const existing = await createUser(t.prisma, { displayName: "Original Owner" });

    const newcomer = t.client();
    const fresh = await newcomer.post("/api/auth/register", { email: uniqueEmail("new"), password: DEFAULT_PASSWORD, displayName: "Newcomer" });
    expect(fresh.status).toBe(201);
    expect((await newcomer.get("/api/me")).status).toBe(200); // positive control: a real registration logs in

    const users = await t.prisma.user.count();
    const prober = t.client();
    const probe = await prober.post("/api/auth/register", { email: existing.email, password: "the prober's password", displayName: "Prober" });
    expect(probe.status).toBe(fresh.status);
    expect(shape(probe.body)).toEqual(shape(fresh.body));
    expect(probe.body.user).toMatchObject({ email: existing.email, displayName: "Prober", isAdmin: false, organisations: [], consultationRoles: [] });
    expect(probe.body.user.id).not.toBe(existing.id);
    expect(probe.headers.getSetCookie().length).toBe(fresh.headers.getSetCookie().length);

    expect(await t.prisma.user.count()).toBe(users);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).displayName).toBe("Original Owner");
    expect((await prober.get("/api/me")).body.user).toBeNull();
    const owner = t.client();
    await logIn(owner, existing); // the owner's password is untouched
    expect((await t.client().post("/api/auth/login", { email: existing.email, password: "the prober's password" })).status).toBe(401);
  });
});
