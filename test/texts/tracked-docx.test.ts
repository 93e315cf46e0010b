// The tracked-changes DOCX with several amendments to one unit: every accepted amendment whose words no
// earlier one touches is a revision in the unit's own paragraph; an overlapping one is listed as an
// alternative; one written on a version whose words have changed since is listed, not applied.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { download, zipEntries } from "../exports/support.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";
// Point (a): there(0) is(1) evidence(2) of(3) a(4) significant(5) risk(6) of(7) the(8) service(9) being(10)
// used(11) for(12) online(13) harm;(14)

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

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
  const accepted = async (body: Record<string, unknown>) => {
    const res = await participant.post(`/api/texts/${textId}/amendments`, { kind: "replace", justification: "Better.", ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await organiser.put(`/api/amendments/${res.body.amendment.id}/outcome`, { outcome: "accepted", reasons: "Agreed." })).status).toBe(200);
    return res.body.amendment.id as string;
  };
  const documentXml = async () => {
    const file = await download(t.client(), `/api/texts/${textId}/tracked.docx`);
    expect(file.status).toBe(200);
    return (await zipEntries(file.bytes)).get("word/document.xml")!.toString("utf8");
  };
  /** The Word paragraphs (w:p) holding `text`. */
  const paragraphsWith = (xml: string, text: string) => (xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? []).filter((p) => p.includes(text));
  return { organiser, textId, accepted, documentXml, paragraphsWith };
}

describe("the tracked DOCX with several amendments to a unit", () => {
  it("applies both of two non-overlapping accepted amendments in the unit's paragraph; an overlapping one is an alternative", async () => {
    const { accepted, documentXml, paragraphsWith } = await setUp();
    await accepted({ eId: POINT_A, spanStart: 4, spanEnd: 7, quote: "a significant risk", proposedText: "a specific risk" });
    await accepted({ eId: POINT_A, spanStart: 12, spanEnd: 15, quote: "for online harm;", proposedText: "for sharing abuse material;" });
    await accepted({ eId: POINT_A, spanStart: 5, spanEnd: 6, quote: "significant", proposedText: "serious" });
    const xml = await documentXml();

    const [unit, ...others] = paragraphsWith(xml, "there is evidence of ");
    expect(others).toHaveLength(1); // the alternative's own tracked copy of the unit
    expect(unit).toMatch(/<w:delText[^>]*>a significant risk<\/w:delText>/);
    expect(unit).toMatch(/<w:ins [^>]*>.*a specific risk/s);
    expect(unit).toMatch(/<w:delText[^>]*>for online harm;<\/w:delText>/);
    expect(unit).toMatch(/<w:ins [^>]*>.*for sharing abuse material;/s);
    expect(unit).toContain(" of the service being used ");
    expect(unit!.match(/<w:del /g)).toHaveLength(2);
    expect(unit!.match(/<w:ins /g)).toHaveLength(2);
    expect(unit).not.toContain("serious");
    // The overlapping one: listed after the unit as an alternative, saying why.
    expect(others[0]).toContain("Alternative (Privacy or digital-rights group), overlapping an amendment shown above: ");
    expect(others[0]).toMatch(/<w:delText[^>]*>significant<\/w:delText>/);
    expect(others[0]).toMatch(/<w:ins [^>]*>.*serious/s);
  });

  it("does not apply an amendment written on a version whose words have changed since, and says so", async () => {
    const { organiser, textId, accepted, documentXml, paragraphsWith } = await setUp();
    await accepted({ eId: POINT_A, spanStart: 4, spanEnd: 7, quote: "a significant risk", proposedText: "a specific risk" });
    // Positive control: an accepted amendment to a unit version 2 leaves alone is applied as before.
    await accepted({ eId: "art_1__para_1", spanStart: 4, spanEnd: 6, quote: "uniform rules", proposedText: "harmonised rules" });
    // Version 2 adds a word before the span: the old offsets 4-7 would now read "of a significant".
    const v2 = FIXTURE.replace("there is evidence of a significant risk", "there is clear evidence of a significant risk");
    expect((await organiser.post(`/api/texts/${textId}/versions`, { format: "markdown", content: v2, basedOn: 1 })).status).toBe(201);
    const xml = await documentXml();

    const [unit] = paragraphsWith(xml, "there is clear evidence of a significant risk");
    expect(unit).toBeDefined();
    expect(unit).not.toContain("<w:del ");
    expect(unit).not.toContain("<w:ins ");
    const [listed] = paragraphsWith(xml, "Not applied, the text changed since version 1");
    expect(listed).toContain("(Privacy or digital-rights group)");
    expect(listed).toContain("proposed to replace “a significant risk” with “a specific risk”.");
    expect(listed).not.toContain("<w:ins ");
    expect(xml).not.toMatch(/<w:ins [^>]*>(?:(?!<\/w:ins>).)*a specific risk/s);

    const [control] = paragraphsWith(xml, "This Regulation lays down");
    expect(control).toMatch(/<w:delText[^>]*>uniform rules<\/w:delText>/);
    expect(control).toMatch(/<w:ins [^>]*>.*harmonised rules/s);
  });
});
