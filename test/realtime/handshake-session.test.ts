// A socket's handshake runs the session middlewares on a bare http.IncomingMessage (no Express
// request methods). A signed-in session from before sessions carried their metadata (when it began, last
// use, user agent) gets it on its first use, on the handshake too: that once called an Express-only
// method and took the whole server down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket } from "../support/sockets.ts";
import type { JoinResult } from "../../shared/events.ts";
import { sessionRowsOf } from "../../server/accounts/sessions.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("a socket handshake on a session without metadata", () => {
  it("connects signed in, and the server keeps serving", async () => {
    const user = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: user.id, accessMode: "restricted" });
    await addMember(t.prisma, c.id, user.id, "participant");
    const client = t.client();
    await logIn(client, user);
    const thread = await client.post(`/api/consultations/${c.id}/threads`, { title: "Members only", body: "For members." });
    expect(thread.status, JSON.stringify(thread.body)).toBe(201);
    // The stored session as an older version wrote it: the login, no metadata.
    const [row] = await t.prisma.session.findMany({ where: sessionRowsOf(user.id) });
    const data = JSON.parse(row!.data) as { meta?: unknown };
    delete data.meta;
    await t.prisma.session.update({ where: { sid: row!.sid }, data: { data: JSON.stringify(data) } });

    const socket = await connectSocket(t.url, client);
    // Signed in on the socket: it may join a members-only thread (an anonymous socket may not, the control).
    const joined = await socket.request<JoinResult>("thread:join", { threadId: thread.body.thread.id });
    expect(joined).toMatchObject({ data: { seq: expect.any(Number) } });
    const anonymous = await connectSocket(t.url);
    expect(await anonymous.request("thread:join", { threadId: thread.body.thread.id })).toMatchObject({ error: { code: "not_found" } });
    socket.close();
    anonymous.close();
    expect((await client.get("/api/me")).body.user).toMatchObject({ id: user.id });
  });
});
