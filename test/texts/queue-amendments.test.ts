// Held amendments wait in the main moderation queue beside posts: listed with the provision they amend,
// counted in the queue's total and in the header's overview, followed live in the queue room, and
// decided with the amendment decision (its rules, decision row and audit entry); nobody but staff sees them.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { connectSocket } from "../support/sockets.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function client(user: { email: string; password: string }) {
  const c = t.client();
  await logIn(c, user);
  return c;
}

type Item = { kind: string; id: string; status: string; excerpt: string | null; context: Record<string, unknown> };

describe("amendments in the moderation queue", () => {
  it("are listed and counted beside posts, live in the queue room, and decided there", async () => {
    const organiserUser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiserUser.id, moderationMode: "pre" });
    const organiser = await client(organiserUser);
    const textId = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE })).body.text.id as string;
    const moderatorUser = await createUser(t.prisma);
    await addMember(t.prisma, c.id, moderatorUser.id, "moderator");
    const moderator = await client(moderatorUser);
    const authorUser = await createUser(t.prisma, { category: "industry" });
    await addMember(t.prisma, c.id, authorUser.id, "participant");
    const author = await client(authorUser);

    const modSocket = await connectSocket(t.url, moderator);
    const authorSocket = await connectSocket(t.url, author);
    expect(await modSocket.request("queue:join", { consultationId: c.id })).toHaveProperty("data");
    expect(await authorSocket.request("queue:join", { consultationId: c.id })).toMatchObject({ error: { code: "forbidden" } });
    const overview = async () => (await moderator.get("/api/moderation/overview")).body.total as number;
    const before = await overview();

    // A held post and a held amendment.
    const thread = await author.post(`/api/consultations/${c.id}/threads`, { title: "A thread", body: "A held post." });
    expect(thread.status).toBe(201);
    const proposed = await author.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", proposedText: "a demonstrated risk", justification: "Because." });
    expect(proposed.status).toBe(201);
    expect(proposed.body.amendment.status).toBe("pending");
    const amendmentId = proposed.body.amendment.id as string;
    await modSocket.waitFor("queue:added", (p) => p.id === amendmentId && p.kind === "amendment");

    const queue = await moderator.get(`/api/consultations/${c.id}/moderation/queue`);
    expect(queue.status).toBe(200);
    const items = queue.body.items as Item[];
    expect(items.map((i) => i.kind).sort()).toEqual(["amendment", "post"]);
    expect(queue.body.total).toBe(2);
    const item = items.find((i) => i.kind === "amendment")!;
    expect(item).toMatchObject({ id: amendmentId, status: "pending", context: { text: { id: textId, title: "The proposal", consultationSlug: c.slug }, eId: POINT_A, unitLabel: "Article 7(4)(a)" } });
    expect(item.excerpt).toContain("a demonstrated risk");
    expect(await overview()).toBe(before + 2);
    // Not staff: no queue.
    expect((await author.get(`/api/consultations/${c.id}/moderation/queue`)).status).toBe(403);

    // Rejecting needs a reason (the amendment decision's rules), then takes it off the queue, live.
    expect((await moderator.post(`/api/amendments/${amendmentId}/moderation`, { action: "reject" })).status).toBe(400);
    const rejected = await moderator.post(`/api/amendments/${amendmentId}/moderation`, { action: "reject", reasonCode: "off_topic", statement: "Not about this provision." });
    expect(rejected.status).toBe(200);
    await modSocket.waitFor("queue:decided", (p) => p.id === amendmentId && p.kind === "amendment");
    const after = await moderator.get(`/api/consultations/${c.id}/moderation/queue`);
    expect((after.body.items as Item[]).map((i) => i.kind)).toEqual(["post"]);
    expect(await overview()).toBe(before + 1);
    // The same audit machinery as every decision.
    expect(await t.prisma.auditEntry.count({ where: { consultationId: c.id, targetType: "amendment", targetId: amendmentId, action: "reject" } })).toBe(1);
    modSocket.close();
    authorSocket.close();
  });
});
