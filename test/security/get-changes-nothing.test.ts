// Finding: a GET (package.zip) started an export job. No GET changes anything: the package is a POST.
import { vi } from "vitest";
// Generous: the shared test machine can be very busy (argon2 hashing per user).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("the package", () => {
  it("is not started by a GET; a POST without the CSRF token starts nothing either; with it, it does", async () => {
    const organiser = await createUser(t.prisma);
    const consultation = await createConsultation(t.prisma, { createdById: organiser.id });
    const c = t.client();
    await logIn(c, organiser);
    const path = `/api/consultations/${consultation.id}/exports/package.zip?scope=public`;

    const get = await fetch(t.url + path, { headers: { cookie: c.cookieHeader() } });
    await get.arrayBuffer();
    expect(get.status).toBe(404);
    const forged = await fetch(t.url + path, { method: "POST", headers: { cookie: c.cookieHeader() } });
    await forged.arrayBuffer();
    expect(forged.status).toBe(403);
    expect(await t.prisma.exportJob.count()).toBe(0);

    // Positive control: the real request makes the job and answers with the ZIP.
    const post = await fetch(t.url + path, { method: "POST", headers: { cookie: c.cookieHeader(), "x-csrf-token": await c.heldCsrfToken() } });
    const bytes = Buffer.from(await post.arrayBuffer());
    expect(post.status).toBe(200);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(await t.prisma.exportJob.count({ where: { kind: "package", status: "done" } })).toBe(1);
  });
});
