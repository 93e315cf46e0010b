// Amendments on the moderation page: held ones are listed for moderators and organisers (nobody else),
// approving publishes them and takes them off the list, rejecting keeps them from the public and lists
// them as removed (to restore).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";

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

describe("amendments awaiting moderation", () => {
  it("are listed for staff only; approve publishes, reject removes (then listed to restore)", async () => {
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

    const propose = async (proposedText: string) => {
      const res = await author.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", proposedText, justification: "Because." });
      expect(res.status).toBe(201);
      expect(res.body.amendment.status).toBe("pending");
      return res.body.amendment.id as string;
    };
    const good = await propose("a demonstrated risk");
    const bad = await propose("Buy cheap watches");
    const list = `/api/consultations/${c.id}/amendments/moderation`;
    expect((await t.client().get(list)).status).toBe(401);
    expect((await author.get(list)).status).toBe(403);
    const listed = await moderator.get(list);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[good, "pending"], [bad, "pending"]]);
    expect(listed.body.items[0]).toMatchObject({ documentTitle: "The proposal", eId: POINT_A, proposedText: "a demonstrated risk", category: "industry" });
    expect((await organiser.get(list)).status).toBe(200);
    // Held: the public sees neither yet.
    expect((await t.client().get(`/api/texts/${textId}/amendments`)).body.items).toEqual([]);

    expect((await moderator.post(`/api/amendments/${good}/moderation`, { action: "approve" })).status).toBe(200);
    expect((await moderator.post(`/api/amendments/${bad}/moderation`, { action: "reject", reasonCode: "spam", statement: "Advertising." })).status).toBe(200);
    const after = await moderator.get(list);
    expect(after.body.items.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[bad, "rejected"]]);
    expect((await t.client().get(`/api/texts/${textId}/amendments`)).body.items.map((a: { id: string }) => a.id)).toEqual([good]);
  });
});
