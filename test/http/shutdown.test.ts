// Graceful shutdown of a real server process on SIGTERM, step by step: readiness fails first while
// requests are still served; then sockets are told to reconnect; a request in flight completes and what
// it acknowledged is kept; the database closes cleanly (a new process opens it and finds the data); the
// process exits on its own, with code 0, well within its bound.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessDatabase, type ProcessDatabase } from "../support/db.ts";
import { startServerProcess } from "../support/processes.ts";
import { TestClient } from "../support/client.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket } from "../support/sockets.ts";

let db: ProcessDatabase;
let fixture: { consultationId: string; writer: { email: string; password: string } };

beforeAll(async () => {
  db = await createProcessDatabase();
  const open = await db.open();
  const organiser = await createUser(open.prisma, { displayName: "organiser" });
  const writer = await createUser(open.prisma, { displayName: "writer" });
  const c = await createConsultation(open.prisma, { createdById: organiser.id });
  fixture = { consultationId: c.id, writer };
  await open.close();
}, 60_000);

afterAll(async () => {
  await db.drop();
});

/** A POST whose body arrives in two halves: the request is in flight until `finish()` sends the rest. */
function slowPost(url: string, path: string, client: TestClient, body: object) {
  const bytes = Buffer.from(JSON.stringify(body));
  let answered!: (r: { status: number; body: string }) => void;
  const response = new Promise<{ status: number; body: string }>((r) => (answered = r));
  const req = http.request(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": String(bytes.length), cookie: client.cookieHeader(), "x-csrf-token": client.token()! },
  }, (res) => {
    let text = "";
    res.on("data", (d) => (text += d));
    res.on("end", () => answered({ status: res.statusCode!, body: text }));
  });
  req.on("error", (err) => answered({ status: 0, body: err.message }));
  req.write(bytes.subarray(0, 10));
  return { response, finish: () => req.end(bytes.subarray(10)) };
}

describe("SIGTERM", () => {
  it("fails readiness first, tells sockets to reconnect, completes the request in flight, closes the database, exits 0", async () => {
    const server = await startServerProcess({ ...db.env, SHUTDOWN_DRAIN_MS: "1500", SHUTDOWN_TIMEOUT_MS: "20000" });
    const writer = new TestClient(server.url);
    await logIn(writer, fixture.writer);
    const th = await writer.post(`/api/consultations/${fixture.consultationId}/threads`, { title: "Stopping", body: "opening" });
    expect(th.status).toBe(201);
    expect((await fetch(`${server.url}/api/health/ready`)).status).toBe(200);

    const socket = await connectSocket(server.url, writer);
    expect(await socket.request("thread:join", { threadId: th.body.thread.id })).toHaveProperty("data");
    const disconnected = new Promise<string>((resolve) => socket.socket.once("disconnect", resolve));
    const inFlight = slowPost(server.url, `/api/threads/${th.body.thread.id}/posts`, writer, { body: "sent while the server stops" });
    // The server has the request's headers: it is in flight.
    await new Promise((r) => setTimeout(r, 100));

    const signalled = Date.now();
    server.child.kill("SIGTERM");
    // 1. Readiness fails while the server still serves (liveness, and any other request).
    let ready = 200;
    while (ready === 200 && Date.now() - signalled < 1_000) ready = (await fetch(`${server.url}/api/health/ready`)).status;
    expect(ready).toBe(503);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(socket.socket.connected).toBe(true);

    // 2. After the drain, sockets are told to reconnect (a closed transport, so clients retry at once).
    await socket.waitFor("server:restarting", undefined, 5_000);
    expect(await disconnected).toBe("transport close");
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1_400);

    // 3. The request in flight completes, and is acknowledged.
    inFlight.finish();
    const answer = await inFlight.response;
    expect(answer.status, answer.body).toBe(201);
    const postId = JSON.parse(answer.body).post.id as string;

    // 4. The process exits by itself, cleanly, well within its bound.
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(15_000);
    expect(server.output()).toContain("SIGTERM received");

    // 5. The database was closed cleanly: a new process opens it and finds what was acknowledged.
    const again = await startServerProcess(db.env);
    try {
      const res = await new TestClient(again.url).get(`/api/posts/${postId}`);
      expect(res.status).toBe(200);
      expect(res.body.post.bodyHtml).toContain("sent while the server stops");
      expect(again.output()).not.toMatch(/recover|not properly shut down/i);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 90_000);
});
