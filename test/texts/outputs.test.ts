// The text's files: Akoma Ntoso XML that the importer reads back to the same tree, and a DOCX whose
// amendments are Word tracked changes (w:ins / w:del) — the accepted ones, or every public proposal.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { download, zipEntries } from "../exports/support.ts";
import { importAkomaNtoso } from "../../server/texts/import/akn.ts";
import { XMLValidator } from "fast-xml-parser";
import type { TextUnitNode } from "../../shared/schemas/texts.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const withoutIds = (units: (TextUnitNode & { id?: string })[]): TextUnitNode[] => units.map(({ id: _id, children, ...u }) => ({ ...u, children: withoutIds(children) }));

async function setUp() {
  const organiserUser = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiserUser.id });
  const organiser = t.client();
  await logIn(organiser, organiserUser);
  const textId = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE })).body.text.id as string;
  const user = await createUser(t.prisma, { category: "digital_rights" });
  await addMember(t.prisma, c.id, user.id, "participant");
  const participant = t.client();
  await logIn(participant, user);
  return { organiser, participant, textId };
}

describe("the text's files", () => {
  it("Akoma Ntoso export parses and round-trips through the importer", async () => {
    const { textId } = await setUp();
    const res = await t.client().get(`/api/texts/${textId}/text.akn.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/akn\+xml/);
    const xml = String(res.body);
    expect(XMLValidator.validate(xml)).toBe(true);
    const reimported = importAkomaNtoso(xml);
    expect(reimported.warnings).toEqual([]);
    const stored = (await t.client().get(`/api/texts/${textId}`)).body.text.units;
    expect(reimported.units).toEqual(withoutIds(stored));
    // The closing words of 7(4) survive as the list's wrapUp.
    expect(xml).toContain("<wrapUp><p>It shall take due account of the proportionality of the order.</p></wrapUp>");
  });

  it("DOCX carries amendments as tracked changes: the accepted ones, or every public proposal", async () => {
    const { organiser, participant, textId } = await setUp();
    const replace = await participant.post(`/api/texts/${textId}/amendments`, { eId: "art_7__para_4__point_a", kind: "replace", spanStart: 4, spanEnd: 7, quote: "a significant risk", proposedText: "a specific and demonstrated risk", justification: "Narrower." });
    const insert = await participant.post(`/api/texts/${textId}/amendments`, { eId: "art_7__para_4", kind: "insert_after", proposedText: "5. Detection orders shall not apply to end-to-end encrypted services.", justification: "Encryption." });
    expect([replace.status, insert.status]).toEqual([201, 201]);
    expect((await organiser.put(`/api/amendments/${replace.body.amendment.id}/outcome`, { outcome: "accepted", reasons: "Agreed." })).status).toBe(200);

    const documentXml = async (query: string) => {
      const file = await download(t.client(), `/api/texts/${textId}/tracked.docx${query}`);
      expect(file.status).toBe(200);
      return (await zipEntries(file.bytes)).get("word/document.xml")!.toString("utf8");
    };
    const proposed = await documentXml("?amendments=proposed");
    expect(proposed).toMatch(/<w:del [^>]*w:author="Privacy or digital-rights group"/);
    expect(proposed).toMatch(/<w:delText[^>]*>a significant risk<\/w:delText>/);
    expect(proposed).toMatch(/<w:ins [^>]*>.*a specific and demonstrated risk/s);
    expect(proposed).toContain("Detection orders shall not apply to end-to-end encrypted services.");
    const accepted = await documentXml("");
    expect(accepted).toMatch(/<w:delText[^>]*>a significant risk<\/w:delText>/);
    expect(accepted).not.toContain("end-to-end encrypted services");
    // The unchanged words are ordinary text.
    expect(accepted).toContain("there is evidence of ");
  });
});
