// Draft texts over HTTP: organisers preview (nothing saved), import and publish versions; everyone who
// reads the consultation reads the text; versions compare unit by unit, matched by eId.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function organiserWithConsultation(opts: { accessMode?: "open" | "restricted" } = {}) {
  const organiser = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiser.id, ...opts });
  const client = t.client();
  await logIn(client, organiser);
  return { organiser, c, client };
}

async function participantOf(consultationId: string): Promise<TestClient> {
  const user = await createUser(t.prisma);
  await addMember(t.prisma, consultationId, user.id, "participant");
  const client = t.client();
  await logIn(client, user);
  return client;
}

describe("importing a text", () => {
  it("previews without saving, imports as version 1, and only organisers may do either", async () => {
    const { c, client } = await organiserWithConsultation();
    const preview = await client.post(`/api/consultations/${c.id}/texts/preview`, { format: "markdown", content: FIXTURE });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.unitCount).toBe(18);
    expect(preview.body.warnings).toHaveLength(1);
    expect(await t.prisma.textDocument.count({ where: { consultationId: c.id } })).toBe(0);

    const participant = await participantOf(c.id);
    const refused = await participant.post(`/api/consultations/${c.id}/texts`, { title: "Mine", format: "markdown", content: FIXTURE });
    expect(refused.status).toBe(403);
    expect((await participant.post(`/api/consultations/${c.id}/texts/preview`, { format: "markdown", content: FIXTURE })).status).toBe(403);
    expect((await t.client().post(`/api/consultations/${c.id}/texts/preview`, { format: "markdown", content: FIXTURE })).status).toBe(401);

    const created = await client.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.text).toMatchObject({ title: "The proposal", version: 1, currentVersion: 1, abilities: { manage: true } });
    expect(await t.prisma.textUnit.count({ where: { documentId: created.body.text.id } })).toBe(18);

    // Anyone who reads the consultation reads the text, with no abilities to manage it.
    const read = await t.client().get(`/api/texts/${created.body.text.id}`);
    expect(read.status).toBe(200);
    expect(read.body.text.units.map((u: { eId: string }) => u.eId)).toEqual(["recs", "chp_I", "chp_II"]);
    expect(read.body.text.abilities.manage).toBe(false);
    const list = await t.client().get(`/api/consultations/${c.id}/texts`);
    expect(list.body.items).toMatchObject([{ id: created.body.text.id, title: "The proposal", currentVersion: 1 }]);
  });

  it("refuses what holds no units or is not a Word file with a 400, saving nothing", async () => {
    const { c, client } = await organiserWithConsultation();
    const empty = await client.post(`/api/consultations/${c.id}/texts`, { title: "Empty", format: "markdown", content: "Only a sentence." });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([{ path: "content", message: expect.stringMatching(/no recognisable/) }]);
    const notDocx = await client.post(`/api/consultations/${c.id}/texts`, { title: "Word", format: "docx", content: Buffer.from("hello").toString("base64") });
    expect(notDocx.status).toBe(400);
    expect(await t.prisma.textDocument.count({ where: { consultationId: c.id } })).toBe(0);
    // Positive control: the same request with a real text is accepted.
    expect((await client.post(`/api/consultations/${c.id}/texts`, { title: "Real", format: "markdown", content: FIXTURE })).status).toBe(201);
  });

  it("keeps a members-only consultation's text from outsiders, as the consultation itself", async () => {
    const { c, client } = await organiserWithConsultation({ accessMode: "restricted" });
    const { body } = await client.post(`/api/consultations/${c.id}/texts`, { title: "Members only", format: "markdown", content: FIXTURE });
    const outsider = t.client();
    await logIn(outsider, await createUser(t.prisma));
    expect((await outsider.get(`/api/texts/${body.text.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/texts/${body.text.id}/diff?fromVersion=1&toVersion=1`)).status).toBe(404);
    expect((await outsider.get(`/api/consultations/${c.id}/texts`)).status).toBe(404);
    const member = await participantOf(c.id);
    expect((await member.get(`/api/texts/${body.text.id}`)).status).toBe(200);
  });
});

describe("versions", () => {
  // Version 2: Article 2 moves to Chapter II, 7(4)(a) is reworded, 7(5) is added and 1(2) removed.
  const V2 = FIXTURE.replace(/### Article 2\n#### Definitions\n\nFor the purposes of this Regulation:\n\n- \(a\)[^\n]*\n- \(b\)[^\n]*\n\n/, "")
    .replace("## SECTION 1", "### Article 2\n#### Definitions\n\nFor the purposes of this Regulation:\n\n- (a) 'provider' means a provider of a relevant service;\n- (b) 'user' means any person who uses a relevant service.\n\n## SECTION 1")
    .replace("there is evidence of a significant risk", "there is evidence of a specific risk")
    .replace("2. It applies to providers of relevant services offered in the Union.\n", "")
    .concat("\n5. The detection order shall be limited in time.\n");

  it("publishes a new version and compares it unit by unit: moved, changed, added, removed", async () => {
    const { c, client } = await organiserWithConsultation();
    const { body } = await client.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
    const id = body.text.id;
    const published = await client.post(`/api/texts/${id}/versions`, { format: "markdown", content: V2, note: "Council compromise", basedOn: 1 });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.text).toMatchObject({ version: 2, currentVersion: 2, versions: [{ number: 1 }, { number: 2, note: "Council compromise" }] });

    const diff = await t.client().get(`/api/texts/${id}/diff?fromVersion=1&toVersion=2`);
    expect(diff.status).toBe(200);
    const byEId = Object.fromEntries(diff.body.units.map((u: { eId: string }) => [u.eId, u]));
    expect(byEId.art_2.change).toBe("moved");
    expect(byEId.art_2.from.parentEId).toBe("chp_I");
    expect(byEId.art_2.to.parentEId).toBe("chp_II");
    // Its paragraph and points moved with it but kept their parent: unchanged.
    expect(byEId.art_2__para_1__point_a.change).toBe("unchanged");
    expect(byEId.art_7__para_4__point_a.change).toBe("changed");
    expect(byEId.art_7__para_4__point_a.diff).toEqual([
      { op: "equal", text: "there is evidence of a " },
      { op: "delete", text: "significant" },
      { op: "insert", text: "specific" },
      { op: "equal", text: " risk of the service being used for online harm;" },
    ]);
    expect(byEId.art_7__para_5).toMatchObject({ change: "added", from: null, to: { num: "5.", text: "The detection order shall be limited in time." } });
    expect(byEId.art_1__para_2).toMatchObject({ change: "removed", to: null });
    expect(diff.body.counts).toEqual({ unchanged: 15, changed: 1, moved: 1, moved_and_changed: 0, added: 1, removed: 1 });
    // The removed paragraph is listed where it was, after 1(1).
    const order = diff.body.units.map((u: { eId: string }) => u.eId);
    expect(order.indexOf("art_1__para_2")).toBe(order.indexOf("art_1__para_1") + 1);

    // Older versions stay readable.
    const v1 = await t.client().get(`/api/texts/${id}?version=1`);
    expect(v1.body.text).toMatchObject({ version: 1, currentVersion: 2 });
  });

  it("refuses a version based on a stale one, and publishing by anyone but organisers, changing nothing", async () => {
    const { c, client } = await organiserWithConsultation();
    const { body } = await client.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
    const id = body.text.id;
    expect((await client.post(`/api/texts/${id}/versions`, { format: "markdown", content: V2, basedOn: 1 })).status).toBe(201);
    const stale = await client.post(`/api/texts/${id}/versions`, { format: "markdown", content: FIXTURE, basedOn: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    const participant = await participantOf(c.id);
    expect((await participant.post(`/api/texts/${id}/versions`, { format: "markdown", content: FIXTURE, basedOn: 2 })).status).toBe(403);
    expect(await t.prisma.textVersion.count({ where: { documentId: id } })).toBe(2);
    expect((await t.client().get(`/api/texts/${id}?version=3`)).status).toBe(404);
  });
});
