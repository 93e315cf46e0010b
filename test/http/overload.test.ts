// Load shedding: an overloaded server answers 503 with Retry-After at once and writes nothing, rather
// than queueing requests for seconds; health checks still answer. "No connection in time" errors from
// the database layer are the same 503, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import { isOverloadError, toAppError } from "../../server/http/errors.ts";

let shedding: TestServer;
beforeAll(async () => {
  // An event-loop delay bound below the histogram's resolution: the server counts as overloaded.
  shedding = await startTestServer({ env: { OVERLOAD_EVENT_LOOP_MS: "0.001" } });
});
afterAll(async () => {
  await shedding.stop();
});

describe("an overloaded server", () => {
  it("sheds writes with 503 and Retry-After, writes nothing, and still answers health checks", async () => {
    const organiser = await createUser(shedding.prisma);
    const c = await createConsultation(shedding.prisma, { createdById: organiser.id });
    // Positive control: the same request is accepted once the server is not overloaded (the limit is
    // lifted by starting a normal server on its own database).
    const normal = await startTestServer();
    try {
      const u = await createUser(normal.prisma);
      const nc = await createConsultation(normal.prisma, { createdById: u.id });
      const ok = normal.client();
      await logIn(ok, u);
      expect((await ok.post(`/api/consultations/${nc.id}/threads`, { title: "Accepted", body: "text" })).status).toBe(201);
    } finally {
      await normal.stop();
    }

    // The monitor reads the event loop's delay every half second: on a machine busy enough to stall the
    // process, a window can hold no sample yet. Until it counts as overloaded, the same request (sent
    // without a CSRF token) is refused by the CSRF check, so it writes nothing either way.
    const client = shedding.client();
    const started = Date.now();
    let res = await client.post(`/api/consultations/${c.id}/threads`, { title: "Shed", body: "text" }, { csrf: false });
    while (res.status !== 503 && Date.now() - started < 10_000) {
      expect(res.status).toBe(403);
      await new Promise((r) => setTimeout(r, 100));
      res = await client.post(`/api/consultations/${c.id}/threads`, { title: "Shed", body: "text" }, { csrf: false });
    }
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.body.error).toMatchObject({ code: "unavailable", message: expect.stringMatching(/busy/) });
    expect(await shedding.prisma.thread.count({ where: { consultationId: c.id } })).toBe(0);
    expect((await fetch(`${shedding.url}/api/health`)).status).toBe(200);
  });
});

describe("no database connection in time", () => {
  it("is a 503 (Prisma P2028, pg pool timeout), other errors stay 500", () => {
    expect(isOverloadError({ code: "P2028", message: "Transaction API error: Unable to start a transaction in the given time." })).toBe(true);
    expect(isOverloadError(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(toAppError({ code: "P2028" })).toMatchObject({ code: "unavailable", retryAfter: 2 });
    expect(isOverloadError(new Error("relation does not exist"))).toBe(false);
    expect(toAppError(new Error("relation does not exist")).code).toBe("internal");
  });
});
