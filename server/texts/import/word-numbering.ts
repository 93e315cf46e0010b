// The numbers Word prints for its numbered paragraphs (w:numPr lists), in document order. mammoth turns
// those paragraphs into <ol>/<li> but keeps neither a list's start ("4." after "1." is a new list
// starting at 4) nor its format (decimal or lower-letter), and those are what tell a paragraph from a
// point. So we compute the labels from word/numbering.xml the way Word counts: one counter per list
// instance (w:num) and level, a level restarting when a shallower one advances.
import JSZip from "jszip";
import { XMLParser } from "fast-xml-parser";

type Level = { start: number; format: string; text: string };
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute, parseAttributeValue: false, parseTagValue: false });
const attr = (n: unknown, name: string): string | undefined => (Array.isArray(n) ? (n[0] as XmlNode | undefined)?.[name] : (n as XmlNode | undefined)?.[name]) as string | undefined;
const first = (n: XmlNode | undefined, name: string): XmlNode | undefined => (n?.[name] as XmlNode[] | undefined)?.[0];

const roman = (n: number) => {
  const table: [number, string][] = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let out = "";
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
};
const letters = (n: number) => (n <= 26 ? String.fromCharCode(96 + n) : String.fromCharCode(96 + Math.ceil(n / 26) - 1) + String.fromCharCode(97 + ((n - 1) % 26)));

function formatted(n: number, format: string): string {
  if (format === "lowerLetter") return letters(n);
  if (format === "upperLetter") return letters(n).toUpperCase();
  if (format === "lowerRoman") return roman(n);
  if (format === "upperRoman") return roman(n).toUpperCase();
  return String(n);
}

function readLevels(numberingXml: string) {
  const root = first(parser.parse(numberingXml) as XmlNode, "w:numbering");
  const abstract = new Map<string, Map<string, Level>>();
  for (const a of (root?.["w:abstractNum"] as XmlNode[] | undefined) ?? []) {
    const levels = new Map<string, Level>();
    for (const l of (a["w:lvl"] as XmlNode[] | undefined) ?? []) {
      levels.set(String(l["w:ilvl"] ?? "0"), { start: Number(attr(l["w:start"], "w:val") ?? "1"), format: attr(l["w:numFmt"], "w:val") ?? "decimal", text: attr(l["w:lvlText"], "w:val") ?? "" });
    }
    abstract.set(String(a["w:abstractNumId"]), levels);
  }
  const nums = new Map<string, Map<string, Level>>();
  for (const n of (root?.["w:num"] as XmlNode[] | undefined) ?? []) {
    const base = abstract.get(String(attr(n["w:abstractNumId"], "w:val")));
    if (!base) continue;
    const levels = new Map(base);
    for (const o of (n["w:lvlOverride"] as XmlNode[] | undefined) ?? []) {
      const ilvl = String(o["w:ilvl"] ?? "0");
      const start = attr(o["w:startOverride"], "w:val");
      if (start && levels.has(ilvl)) levels.set(ilvl, { ...levels.get(ilvl)!, start: Number(start) });
    }
    nums.set(String(n["w:numId"]), levels);
  }
  return nums;
}

/** One entry per list paragraph mammoth will turn into an <li>: Word's label ("4.", "(a)"), or null for a bullet. */
export async function wordListLabels(bytes: Buffer): Promise<(string | null)[]> {
  const zip = await JSZip.loadAsync(bytes);
  const numberingXml = await zip.file("word/numbering.xml")?.async("string");
  const documentXml = await zip.file("word/document.xml")?.async("string");
  if (!numberingXml || !documentXml) return [];
  const nums = readLevels(numberingXml);
  const counters = new Map<string, number[]>();
  const labels: (string | null)[] = [];
  // Paragraph properties in document order; a regular expression is enough for w:numPr's two values.
  for (const [, pPr] of documentXml.matchAll(/<w:pPr>([\s\S]*?)<\/w:pPr>/g)) {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(pPr!)?.[1];
    if (!numPr) continue;
    const numId = /<w:numId w:val="([^"]+)"/.exec(numPr)?.[1];
    const ilvl = Number(/<w:ilvl w:val="([^"]+)"/.exec(numPr)?.[1] ?? "0");
    const levels = numId ? nums.get(numId) : undefined;
    const level = levels?.get(String(ilvl));
    if (!levels || !level) continue;
    if (level.format === "bullet") {
      labels.push(null);
      continue;
    }
    const count = counters.get(numId!) ?? [];
    count[ilvl] = (count[ilvl] ?? level.start - 1) + 1;
    count.length = ilvl + 1;
    counters.set(numId!, count);
    labels.push(level.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      return formatted(count[i] ?? levels.get(String(i))?.start ?? 1, levels.get(String(i))?.format ?? "decimal");
    }));
  }
  return labels;
}
