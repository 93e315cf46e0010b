// The same small regulation written as Markdown, HTML, DOCX and Akoma Ntoso XML imports to one tree.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph } from "docx";
import { importText } from "../../server/texts/import/index.ts";
import { markdownToBlocks } from "../../server/texts/import/markdown.ts";
import { toAkomaNtoso } from "../../server/texts/outputs.ts";
import type { TextUnitNode } from "../../shared/schemas/texts.ts";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts", name), "utf8");

/** The fixture as a Word document: Word heading styles for the headings, plain paragraphs for the rest. */
export async function regulationDocx(markdown = fixture("regulation.md")): Promise<Buffer> {
  const levels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
  const lines = markdown.split("\n");
  const children = markdownToBlocks(markdown).map((b) => {
    const level = b.heading ? (lines.find((l) => l.startsWith("#") && l.includes(b.text))?.match(/^#+/)?.[0].length ?? 1) : 0;
    return b.heading ? new Paragraph({ text: b.text, heading: levels[level - 1] }) : new Paragraph({ text: b.text });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/**
 * The fixture as an author writes it in Word: paragraphs and points numbered by Word's own lists (w:numPr),
 * not typed. Each article restarts its paragraphs; Article 7's paragraph 4 is a list that starts at 4.
 */
async function regulationDocxNumbered(markdown = fixture("regulation.md")): Promise<Buffer> {
  const levels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
  const lines = markdown.split("\n");
  const list = (reference: string, start: number) => ({
    reference,
    levels: [
      { level: 0, format: LevelFormat.DECIMAL, text: "%1.", start },
      { level: 1, format: LevelFormat.LOWER_LETTER, text: "(%2)", start: 1 },
    ],
  });
  let instance = 0;
  let reference = "paragraphs";
  const children = markdownToBlocks(markdown).map((b) => {
    if (b.heading) {
      const level = lines.find((l) => l.startsWith("#") && l.includes(b.text))?.match(/^#+/)?.[0].length ?? 1;
      if (b.text.startsWith("Article")) (instance++, (reference = "paragraphs"));
      return new Paragraph({ text: b.text, heading: levels[level - 1] });
    }
    const paragraph = /^([0-9]+)\.\s+(.*)$/s.exec(b.text);
    const point = /^\(([a-z])\)\s+(.*)$/s.exec(b.text);
    if (paragraph) {
      if (paragraph[1] === "4") reference = "from4";
      return new Paragraph({ text: paragraph[2], numbering: { reference, level: 0, instance } });
    }
    // Points under a numbered paragraph are its list's second level; Article 2's stand in a list of their own.
    if (point) return new Paragraph({ text: point[2], numbering: instance === 2 ? { reference: "points", level: 0, instance } : { reference, level: 1, instance } });
    return new Paragraph({ text: b.text });
  });
  const points = { reference: "points", levels: [{ level: 0, format: LevelFormat.LOWER_LETTER, text: "(%1)", start: 1 }] };
  return Packer.toBuffer(new Document({ numbering: { config: [list("paragraphs", 1), list("from4", 4), points] }, sections: [{ children }] }));
}

const eIds = (units: TextUnitNode[]): string[] => units.flatMap((u) => [u.eId, ...eIds(u.children)]);

describe("importing a draft text", () => {
  it("recognises the units of the Markdown convention, with eIds, numbers and headings as printed", async () => {
    const { units, warnings } = await importText("markdown", fixture("regulation.md"));
    expect(eIds(units)).toEqual([
      "recs", "rec_1", "rec_2",
      "chp_I", "art_1", "art_1__para_1", "art_1__para_2", "art_2", "art_2__para_1", "art_2__para_1__point_a", "art_2__para_1__point_b",
      "chp_II", "chp_II__sec_1", "art_7", "art_7__para_1", "art_7__para_4", "art_7__para_4__point_a", "art_7__para_4__point_b",
    ]);
    const article7 = units[2]!.children[0]!.children[0]!;
    expect(article7).toMatchObject({ kind: "article", num: "Article 7", heading: "Issuance of detection orders", text: "" });
    expect(article7.children[1]).toMatchObject({
      kind: "paragraph",
      num: "4.",
      text: "The Coordinating Authority shall request the issuance only where:\nIt shall take due account of the proportionality of the order.",
    });
    expect(article7.children[1]!.children[1]).toMatchObject({ kind: "point", num: "(b)", eId: "art_7__para_4__point_b" });
    expect(units[1]!.children[1]).toMatchObject({ num: "Article 2", heading: "Definitions" });
    expect(units[0]!.children[1]).toMatchObject({ kind: "recital", num: "(2)", text: expect.stringContaining("respect fundamental rights, including") });
    // The title line before the recitals is not a unit: the preview says so.
    expect(warnings).toEqual([expect.stringMatching(/^Text outside any article, left out: "Proposal for a Regulation/)]);
  });

  it("gives the same tree from HTML, DOCX (through mammoth) and Akoma Ntoso XML", async () => {
    const markdown = await importText("markdown", fixture("regulation.md"));
    const html = await importText("html", fixture("regulation.html"));
    const docx = await importText("docx", (await regulationDocx()).toString("base64"));
    const akn = await importText("akn", fixture("regulation.akn.xml"));
    expect(html.units).toEqual(markdown.units);
    expect(docx.units).toEqual(markdown.units);
    expect(akn.units).toEqual(markdown.units);
    expect(akn.warnings).toEqual([]);
  });

  it("reports what it cannot read instead of failing", async () => {
    expect((await importText("akn", "<akomaNtoso><act><body><article>")).warnings[0]).toMatch(/not well-formed/);
    expect((await importText("markdown", "Just a sentence.")).units).toEqual([]);
    await expect(importText("docx", Buffer.from("not a zip").toString("base64"))).rejects.toMatchObject({ code: "invalid_input" });
    // Prose that starts with "Article 7" is text, not a new article.
    const prose = await importText("markdown", "### Article 3 — Scope\n\nArticle 7 applies to all providers.");
    expect(prose.units).toEqual([{ kind: "article", eId: "art_3", num: "Article 3", heading: "Scope", text: "", children: [{ kind: "paragraph", eId: "art_3__para_1", num: null, heading: null, text: "Article 7 applies to all providers.", children: [] }] }]);
  });

  it("numbers paragraphs and points from Word's own numbering (w:numPr lists), as typed numbers would", async () => {
    const markdown = await importText("markdown", fixture("regulation.md"));
    const docx = await importText("docx", (await regulationDocxNumbered()).toString("base64"));
    expect(docx.units).toEqual(markdown.units);
  });

  it("reads the text of Akoma Ntoso subparagraphs into their paragraph, and it round-trips through our export", async () => {
    const markdown = await importText("markdown", fixture("regulation.md"));
    const akn = await importText("akn", fixture("regulation-subparagraphs.akn.xml"));
    expect(akn.warnings).toEqual([]);
    expect(akn.units).toEqual(markdown.units);
    const again = await importText("akn", toAkomaNtoso("Draft", 1, akn.units));
    expect(again).toEqual({ units: akn.units, warnings: [] });
    // Two subparagraphs are two lines of the paragraph's text, as two alineas are.
    const two = await importText("akn", '<akomaNtoso><act><body><article eId="art_3"><num>Article 3</num><paragraph eId="art_3__para_1"><num>1.</num><subparagraph eId="art_3__para_1__subpara_1"><content><p>First.</p></content></subparagraph><subparagraph eId="art_3__para_1__subpara_2"><content><p>Second.</p></content></subparagraph></paragraph></article></body></act></akomaNtoso>');
    expect(two.units[0]!.children[0]).toMatchObject({ eId: "art_3__para_1", num: "1.", text: "First.\nSecond.", children: [] });
    expect(toAkomaNtoso("Draft", 1, two.units)).not.toContain("subparagraph");
    expect((await importText("akn", toAkomaNtoso("Draft", 1, two.units))).units).toEqual(two.units);
  });

  it("says in the preview which elements' text it leaves out, and reads the rest", async () => {
    const { units, warnings } = await importText("akn", `<akomaNtoso><act>
      <preface><p>Proposal for a Regulation</p></preface>
      <preamble><formula><p>THE EUROPEAN PARLIAMENT HAS ADOPTED THIS REGULATION:</p></formula></preamble>
      <body><article eId="art_1"><num>Article 1</num><paragraph eId="art_1__para_1"><num>1.</num><content><p>Kept.</p></content><authorialNote><p>A note.</p></authorialNote></paragraph></article></body>
      <conclusions><p>Done at Brussels.</p></conclusions></act></akomaNtoso>`);
    expect(units[0]!.children[0]).toMatchObject({ eId: "art_1__para_1", text: "Kept." });
    // The preface is the document's title, entered with the form: not reported.
    expect(warnings).toEqual([
      'Text in <p> in <formula> is not part of any unit and was left out: "THE EUROPEAN PARLIAMENT HAS ADOPTED THIS REGULATION:"',
      'Text in <p> in <authorialNote> is not part of any unit and was left out: "A note."',
      'Text in <p> in <conclusions> is not part of any unit and was left out: "Done at Brussels."',
    ]);
  });
});
