// The same small regulation written as Markdown, HTML, DOCX and Akoma Ntoso XML imports to one tree.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { importText } from "../../server/texts/import/index.ts";
import { markdownToBlocks } from "../../server/texts/import/markdown.ts";
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
});
