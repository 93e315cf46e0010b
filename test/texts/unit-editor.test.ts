// The unit editor's API: a version sent as the edited tree (format "units"). Existing units keep their
// eIds, new ones get eIds by the importers' rule; bad trees are 400s that write nothing; only the
// consultation's organisers may preview or publish (each denial beside its positive control).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TEditedUnit } from "../../shared/schemas/texts.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function consultationWithText(opts: { accessMode?: "open" | "restricted" } = {}) {
  const organiser = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiser.id, ...opts });
  const client = t.client();
  await logIn(client, organiser);
  const created = await client.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
  expect(created.status).toBe(201);
  return { c, client, textId: created.body.text.id as string };
}

type Unit = { kind: TEditedUnit["kind"]; eId: string; num: string | null; heading: string | null; text: string; children: Unit[] };
const find = (units: Unit[], eId: string): Unit | undefined => units.flatMap((u) => (u.eId === eId ? [u] : [find(u.children, eId)].filter((x): x is Unit => !!x)))[0];

/** The current tree as the editor sends it back: every unit with its eId, after `edit` changed it. */
async function editedTree(textId: string, edit: (units: Unit[]) => void, reader = t.client()): Promise<string> {
  const read = await reader.get(`/api/texts/${textId}/reading`);
  const strip = (u: Unit): Unit => ({ kind: u.kind, eId: u.eId, num: u.num, heading: u.heading, text: u.text, children: u.children.map(strip) });
  const units = (read.body.text.units as Unit[]).map(strip);
  edit(units);
  return JSON.stringify(units);
}

const editParagraphAndAddPoint = (units: Unit[]) => {
  find(units, "art_7__para_1")!.text = "The Coordinating Authority shall request the competent authority to issue a detection order.";
  const para4 = find(units, "art_7__para_4")!;
  para4.children.push({ kind: "point", num: "(c)", heading: null, text: "the order is limited in time;", children: [] } as unknown as Unit);
  const article1 = find(units, "art_1")!;
  article1.children = article1.children.filter((p) => p.eId !== "art_1__para_2");
};

describe("the unit editor's versions", () => {
  it("keep the eIds of existing units, give new ones the importers' eIds, and publish a diffable version", async () => {
    const { c, client, textId } = await consultationWithText();
    const content = await editedTree(textId, editParagraphAndAddPoint);
    const preview = await client.post(`/api/consultations/${c.id}/texts/preview`, { format: "units", content });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.warnings).toEqual([]);
    expect(find(preview.body.units, "art_7__para_4__point_c")).toMatchObject({ kind: "point", num: "(c)", text: "the order is limited in time;" });
    expect(find(preview.body.units, "art_1__para_2")).toBeUndefined();

    const published = await client.post(`/api/texts/${textId}/versions`, { format: "units", content, basedOn: 1, note: "Edited in the browser" });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const diff = await t.client().get(`/api/texts/${textId}/diff?fromVersion=1&toVersion=2`);
    const changes = Object.fromEntries(diff.body.units.filter((u: { change: string }) => u.change !== "unchanged").map((u: { eId: string; change: string }) => [u.eId, u.change]));
    expect(changes).toEqual({ art_7__para_1: "changed", art_7__para_4__point_c: "added", art_1__para_2: "removed" });
    const versions = await t.prisma.textVersion.findMany({ where: { documentId: textId }, orderBy: { number: "asc" } });
    expect(versions.map((v) => [v.number, v.sourceFormat])).toEqual([[1, "markdown"], [2, "units"]]);
  });

  it("refuse a bad tree with a 400 naming where, and write nothing", async () => {
    const { c, client, textId } = await consultationWithText();
    const good = await editedTree(textId, editParagraphAndAddPoint);
    let deep: unknown = { kind: "point", num: null, heading: null, text: "x", children: [] };
    for (let i = 0; i < 12; i++) deep = { kind: "point", num: null, heading: null, text: "x", children: [deep] };
    const bad: [string, string | RegExp][] = [
      ["not json", "content"],
      ["[]", "content"],
      [JSON.stringify([{ kind: "clause", num: null, heading: null, text: "", children: [] }]), "content.0.kind"],
      [good.replace('"eId":"art_7__para_1"', '"eId":"art 7"'), /^content\.\d+\.children\./],
      [good.replace('"eId":"art_7__para_1"', '"eId":"art_7__para_4"'), "content"],
      // A control character escaped inside the JSON is refused where it lands, as any text field is.
      [good.replace("limited in time;", "limited in time;\\u0000"), /^content\..*\.text$/],
      [JSON.stringify([deep]), "content"],
    ];
    for (const [content, where] of bad) {
      for (const res of [await client.post(`/api/consultations/${c.id}/texts/preview`, { format: "units", content }), await client.post(`/api/texts/${textId}/versions`, { format: "units", content, basedOn: 1 })]) {
        expect(res.status, content.slice(0, 80)).toBe(400);
        expect(res.body.error.details[0].path).toMatch(where);
      }
    }
    expect(await t.prisma.textVersion.count({ where: { documentId: textId } })).toBe(1);
    // Positive control: the good tree is published.
    expect((await client.post(`/api/texts/${textId}/versions`, { format: "units", content: good, basedOn: 1 })).status).toBe(201);
    expect(await t.prisma.textVersion.count({ where: { documentId: textId } })).toBe(2);
  });

  it("are for organisers only: a participant gets 403, an outsider to a members-only consultation 404", async () => {
    const { c, client, textId } = await consultationWithText({ accessMode: "restricted" });
    // The reading view is members-only here: the organiser reads the tree.
    const tree = await editedTree(textId, (units) => void (find(units, "art_7__para_4__point_a")!.text = "there is evidence of a specific risk;"), client);
    const participant = await createUser(t.prisma);
    await addMember(t.prisma, c.id, participant.id, "participant");
    const member = t.client();
    await logIn(member, participant);
    const outsider = t.client();
    await logIn(outsider, await createUser(t.prisma));
    const body = { format: "units", content: tree, basedOn: 1 };
    expect((await member.post(`/api/texts/${textId}/versions`, body)).status).toBe(403);
    expect((await member.post(`/api/consultations/${c.id}/texts/preview`, { format: "units", content: tree })).status).toBe(403);
    expect((await outsider.post(`/api/texts/${textId}/versions`, body)).status).toBe(404);
    expect((await t.client().post(`/api/texts/${textId}/versions`, body)).status).toBe(401);
    expect(await t.prisma.textVersion.count({ where: { documentId: textId } })).toBe(1);
    // Positive control: the organiser's same request publishes.
    expect((await client.post(`/api/texts/${textId}/versions`, body)).status).toBe(201);
    expect(await t.prisma.textVersion.count({ where: { documentId: textId } })).toBe(2);
  });

  it("leave anchors on the units they kept, each named as printed in the version it was started on", async () => {
    const { c, client, textId } = await consultationWithText();
    const participant = await createUser(t.prisma);
    await addMember(t.prisma, c.id, participant.id, "participant");
    const member = t.client();
    await logIn(member, participant);
    const started = await member.post(`/api/texts/${textId}/threads`, { eId: "art_7__para_4__point_a", title: "Which risk?", body: "Undefined." });
    expect(started.body.anchor).toMatchObject({ eId: "art_7__para_4__point_a", label: "Article 7(4)(a)" });
    // Version 2 renumbers paragraph 4 as 5; its eId (and the thread's anchor) stays.
    const content = await editedTree(textId, (units) => void (find(units, "art_7__para_4")!.num = "5."));
    expect((await client.post(`/api/texts/${textId}/versions`, { format: "units", content, basedOn: 1 })).status).toBe(201);
    const anchor = await member.get(`/api/threads/${started.body.thread.id}/anchor`);
    expect(anchor.body.anchor).toMatchObject({ eId: "art_7__para_4__point_a", version: 1, label: "Article 7(4)(a)" });
    const list = await member.get(`/api/texts/${textId}/threads`);
    expect(list.body.items.map((i: { anchor: { label: string } }) => i.anchor.label)).toEqual(["Article 7(4)(a)"]);
    const v2 = await t.client().get(`/api/texts/${textId}/reading`);
    expect(find(v2.body.text.units, "art_7__para_4")).toMatchObject({ num: "5." });
  });
});
