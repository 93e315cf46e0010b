// Search finds units of a text's current version and published amendments, with the rules of every
// other channel: only in consultations the searcher may read, never a held or hidden amendment, never
// the words of a superseded version; each hit says where the reading view opens.
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

type Hit = { type: string; id: string; text?: { documentId: string; eId: string } };
const hits = async (client: ReturnType<TestServer["client"]>, q: string, consultationId: string, type?: string) => {
  const res = await client.get(`/api/search?q=${encodeURIComponent(q)}&consultationId=${consultationId}${type ? `&type=${type}` : ""}`);
  expect(res.status).toBe(200);
  return res.body.items as Hit[];
};

describe("searching draft texts", () => {
  it("finds current units and published amendments only, where the searcher may read", async () => {
    const organiserUser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiserUser.id, accessMode: "restricted" });
    const organiser = t.client();
    await logIn(organiser, organiserUser);
    const textId = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE })).body.text.id as string;
    const memberUser = await createUser(t.prisma, { category: "academia" });
    await addMember(t.prisma, c.id, memberUser.id, "participant");
    const member = t.client();
    await logIn(member, memberUser);
    const moderatorUser = await createUser(t.prisma);
    await addMember(t.prisma, c.id, moderatorUser.id, "moderator");
    const moderator = t.client();
    await logIn(moderator, moderatorUser);

    const shown = (await member.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", proposedText: "a demonstrable hazard", justification: "Clearer." })).body.amendment.id as string;
    const hidden = (await member.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", proposedText: "a demonstrable nuisance", justification: "Other." })).body.amendment.id as string;
    expect((await moderator.post(`/api/amendments/${hidden}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Off topic." })).status).toBe(200);

    // The member finds the unit and the published amendment, with where they open.
    const units = await hits(member, "significant risk", c.id, "text_unit");
    expect(units.map((h) => h.text)).toEqual([{ documentId: textId, eId: POINT_A }]);
    const amendments = await hits(member, "demonstrable", c.id, "amendment");
    expect(amendments.map((h) => h.id)).toEqual([shown]);
    // Someone who may not read the restricted consultation finds nothing of it.
    const outsider = t.client();
    await logIn(outsider, await createUser(t.prisma));
    expect(await hits(outsider, "significant risk", c.id)).toEqual([]);
    expect(await hits(t.client(), "demonstrable", c.id)).toEqual([]);

    // A new version: its words are found, the superseded ones are not.
    expect((await organiser.post(`/api/texts/${textId}/versions`, { format: "markdown", content: FIXTURE.replace("significant risk", "specific risk"), basedOn: 1 })).status).toBe(201);
    expect((await hits(member, "specific risk", c.id, "text_unit")).map((h) => h.text?.eId)).toEqual([POINT_A]);
    expect(await hits(member, "significant", c.id, "text_unit")).toEqual([]);
  });
});
