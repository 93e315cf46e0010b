// The draft texts in the contributions export: the units of the current version with their comment and
// amendment counts, comments by unit (posts carry the unit their thread is about), and the amendments,
// in CSV, JSON (valid against the published schema) and XLSX sheets; the public export leaves out what
// the public may not see (a hidden amendment), the staff export has it.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { zContributionsExport } from "../../shared/schemas/exports.ts";
import { download, xlsxSheets } from "../exports/support.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";

/** RFC 4180 records with their header as keys (quoted cells may hold commas, quotes and newlines). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  const [header, ...records] = rows;
  return records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("exports of draft texts", () => {
  it("carry units with counts, comments by unit and amendments, within the audience's visibility", async () => {
    const organiserUser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiserUser.id });
    const organiser = t.client();
    await logIn(organiser, organiserUser);
    const textId = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE })).body.text.id as string;
    const memberUser = await createUser(t.prisma, { category: "digital_rights" });
    await addMember(t.prisma, c.id, memberUser.id, "participant");
    const member = t.client();
    await logIn(member, memberUser);
    const thread = await member.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Which risk?", body: "Undefined." });
    expect(thread.status).toBe(201);
    expect((await member.post(`/api/threads/${thread.body.thread.id}/posts`, { body: "Indeed.", parentId: thread.body.post.id, replyType: "supports" })).status).toBe(201);
    const shown = (await member.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", spanStart: 5, spanEnd: 7, quote: "significant risk", proposedText: "specific risk", justification: "**Clearer**." })).body.amendment.id as string;
    const hidden = (await member.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "delete", justification: "Gone." })).body.amendment.id as string;
    expect((await organiser.post(`/api/amendments/${hidden}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Off topic." })).status).toBe(200);

    const base = `/api/consultations/${c.id}/exports/contributions`;
    const json = await t.client().get(`${base}.json`);
    expect(json.status).toBe(200);
    expect(zContributionsExport.safeParse(json.body).success).toBe(true);
    const unit = json.body.units.find((u: { eId: string }) => u.eId === POINT_A);
    expect(unit).toMatchObject({ kind: "unit", documentId: textId, documentTitle: "The proposal", version: 1, unitKind: "point", num: "(a)", comments: 2, amendments: 1, permalink: `/consultations/${c.slug}/texts/${textId}?unit=${POINT_A}` });
    expect(json.body.units).toHaveLength(await t.prisma.textUnit.count({ where: { documentId: textId } }));
    expect(json.body.amendments.map((a: { id: string }) => a.id)).toEqual([shown]);
    expect(json.body.amendments[0]).toMatchObject({ amendmentKind: "replace", quote: "significant risk", proposedText: "specific risk", justification: "Clearer.", category: "digital_rights", status: "published" });
    // Comments by unit: both posts of the anchored thread name the unit.
    expect(json.body.posts.map((p: { textEId: string | null }) => p.textEId)).toEqual([POINT_A, POINT_A]);

    const staff = await organiser.get(`${base}.json?scope=staff`);
    expect(staff.body.amendments.map((a: { id: string; status: string }) => [a.id, a.status]).sort()).toEqual([[hidden, "hidden"], [shown, "published"]].sort());
    expect(staff.body.units.find((u: { eId: string }) => u.eId === POINT_A).amendments).toBe(2);

    const csv = await download(t.client(), `${base}.csv`);
    const records = parseCsv(csv.text);
    expect(records.filter((r) => r.kind === "unit")).toHaveLength(json.body.units.length);
    expect(records.filter((r) => r.kind === "amendment").map((r) => r.id)).toEqual([shown]);
    expect(records.find((r) => r.kind === "unit" && r.eId === POINT_A)).toMatchObject({ comments: "2", amendments: "1" });

    const sheets = await xlsxSheets((await download(t.client(), `${base}.xlsx`)).bytes);
    expect([...sheets.keys()]).toEqual(["posts", "positions", "endorsements", "units", "amendments"]);
    expect(sheets.get("amendments")).toHaveLength(2);
    expect(sheets.get("units")).toHaveLength(json.body.units.length + 1);
  });
});
