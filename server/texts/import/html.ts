// HTML (and DOCX through mammoth) to blocks: h1-h6 are headings, every block element is a paragraph,
// and list markup supplies the numbers Word and editors keep out of the text (an <ol> inside an
// article numbers its paragraphs "1.", a nested or type="a" one its points "(a)").
import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import type { ImportedText } from "../../../shared/schemas/texts.ts";
import { recogniseBlocks, type Block } from "./recognise.ts";

const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const BLOCKS = new Set(["p", "div", "li", "section", "article", "main", "body", "html", "blockquote", "table", "tbody", "thead", "tr", "td", "th", "header", "footer", "dd", "dt", "dl"]);
const SKIPPED = new Set(["head", "script", "style", "template", "noscript"]);
const ALREADY_NUMBERED = /^\s*(?:[0-9]+[a-z]*\.\s|\([a-z0-9]{1,3}\)\s)/;

const isElement = (n: ChildNode): n is Element => n.type === "tag" || n.type === "script" || n.type === "style";

function textOf(nodes: ChildNode[]): string {
  return nodes.map((n) => (n.type === "text" ? n.data : isElement(n) ? (n.name === "br" ? " " : textOf(n.children)) : "")).join("");
}

const letter = (i: number) => (i < 26 ? String.fromCharCode(97 + i) : String.fromCharCode(96 + Math.floor(i / 26)) + String.fromCharCode(97 + (i % 26)));

function lettered(ol: Element, nested: boolean): boolean {
  const type = ol.attribs.type;
  if (type === "a") return true;
  if (type === "1") return false;
  if (/lower-(alpha|latin)/.test(ol.attribs.style ?? "")) return true;
  return nested;
}

/**
 * `listLabels`: the label of each <li> in document order when the source knows them (Word's numbering,
 * which mammoth drops); used only if there is one per item, else the <ol>'s own numbering applies.
 */
export function htmlToBlocks(html: string, listLabels: (string | null)[] = []): Block[] {
  const blocks: Block[] = [];
  const document = parseDocument(html);
  const labels = listLabels.length && listLabels.length === countItems(document.children) ? listLabels : null;
  let item = 0;
  let buffer = "";
  let pendingNum: string | null = null;
  const flush = () => {
    if (buffer.trim()) {
      const listNum = pendingNum && !ALREADY_NUMBERED.test(buffer) ? pendingNum : null;
      blocks.push({ heading: false, text: buffer, listNum });
      pendingNum = null;
    }
    buffer = "";
  };
  const walk = (nodes: ChildNode[], listDepth: number) => {
    for (const node of nodes) {
      if (node.type === "text") buffer += node.data;
      if (!isElement(node) || SKIPPED.has(node.name)) continue;
      if (HEADINGS.has(node.name)) {
        flush();
        blocks.push({ heading: true, text: textOf(node.children) });
      } else if (node.name === "br") {
        buffer += " ";
      } else if (node.name === "ol" || node.name === "ul") {
        flush();
        const start = Number(node.attribs.start ?? "1") || 1;
        const items = node.children.filter((c): c is Element => isElement(c) && c.name === "li");
        items.forEach((li, i) => {
          flush();
          if (labels) pendingNum = labels[item] ?? null;
          else if (node.name === "ol") pendingNum = lettered(node, listDepth > 0) ? `(${letter(start - 1 + i)})` : `${start + i}.`;
          item++;
          walk(li.children, listDepth + 1);
          flush();
        });
      } else if (BLOCKS.has(node.name)) {
        flush();
        walk(node.children, listDepth);
        flush();
      } else {
        walk(node.children, listDepth);
      }
    }
  };
  walk(document.children, 0);
  flush();
  return blocks;
}

function countItems(nodes: ChildNode[]): number {
  return nodes.reduce((n, c) => n + (isElement(c) ? (c.name === "li" ? 1 : 0) + countItems(c.children) : 0), 0);
}

export function importHtml(html: string, listLabels: (string | null)[] = []): ImportedText {
  return recogniseBlocks(htmlToBlocks(html, listLabels));
}
