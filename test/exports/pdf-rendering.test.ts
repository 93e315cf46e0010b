// The summary report's PDF renders every European script (the font is embedded), is tagged for screen
// readers with the report's language, and never breaks a table header inside a word.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderPdf } from "../../server/exports/report/pdf.ts";
import type { ReportDocument } from "../../server/exports/report/document.ts";
import { pdfText } from "./support.ts";

const SAMPLES = {
  greek: "Η προστασία των παιδιών στο διαδίκτυο",
  cyrillic: "Защита детей в интернете",
  polish: "Zażółć gęślą jaźń: ochrona dzieci w sieci",
  czech: "Příliš žluťoučký kůň úpěl ďábelské ódy",
};

function poppler(tool: string, pdf: Buffer, args: string[] = []) {
  return execFileSync(`/usr/bin/${tool}`, [...args, "-"], { input: pdf }).toString("utf8");
}

describe("the report PDF", () => {
  it("renders Greek, Cyrillic, Polish and Czech with an embedded font, tagged, in the report's language", async () => {
    const report: ReportDocument = {
      title: `Summary report: ${SAMPLES.greek}`,
      subtitle: "Generated on 1 December 2026 at 12:00 UTC",
      language: "el",
      blocks: [
        { type: "heading", level: 1, text: SAMPLES.cyrillic },
        { type: "paragraph", runs: [{ text: SAMPLES.polish }, { text: ` ${SAMPLES.czech}`, bold: true }] },
        { type: "list", items: [[{ text: "Position of Ochrana dětí, v2", href: "https://example.org/positions/x" }, { text: " (position:x)" }]] },
        {
          type: "table",
          header: ["Stakeholder category", "Contributors", "Organisations", "Endorsements"],
          numeric: [false, true, true, true],
          rows: [[[{ text: "Child rights" }], [{ text: "12" }], [{ text: "3" }], [{ text: "140" }]]],
        },
      ],
    };
    const pdf = await renderPdf(report, "2026-12-01T12:00:00.000Z");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    for (const sample of Object.values(SAMPLES)) expect(text).toContain(sample);
    expect(text).not.toContain("?");
    // Header words whole: "Organisations" and "Endorsements" are not split across lines.
    for (const word of ["Stakeholder", "Contributors", "Organisations", "Endorsements"]) expect(pdfText(pdf)).toContain(word);

    const fonts = poppler("pdffonts", pdf);
    expect(fonts).toMatch(/DejaVuSans\s/);
    // Every font line says "emb yes".
    const rows = fonts.split("\n").slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row, row).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);

    const info = poppler("pdfinfo", pdf);
    expect(info).toMatch(/Tagged:\s+yes/);
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (el)");
    for (const role of ["/S /H1", "/S /P", "/S /Table", "/S /TH", "/S /TD", "/S /L", "/S /LI"]) expect(raw, role).toContain(role);
  });

  it("gives the same bytes for the same report", async () => {
    const report: ReportDocument = { title: "Same", subtitle: "Twice", blocks: [{ type: "paragraph", runs: [{ text: SAMPLES.czech }] }] };
    const [a, b] = await Promise.all([renderPdf(report, "2026-12-01T12:00:00.000Z"), renderPdf(report, "2026-12-01T12:00:00.000Z")]);
    expect(a.equals(b)).toBe(true);
  });
});
