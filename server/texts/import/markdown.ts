// Markdown to blocks: "#" lines are headings, blank lines end a paragraph, and a line that starts a
// numbered unit ("4. ", "(b) ", optionally as a list item "- (b) ") starts a new block even without one.
import type { ImportedText } from "../../../shared/schemas/texts.ts";
import { recogniseBlocks, type Block } from "./recognise.ts";

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const UNIT_START = /^\s*(?:[-*+]\s+)?(?:[0-9]+[a-z]*\.\s|\([a-z0-9]{1,3}\)\s)/;
const BULLET = /^\s*[-*+]\s+/;

/** Bold and italic markers around whole words are typography, not text. */
const stripEmphasis = (s: string) => s.replace(/(\*\*|__)(.+?)\1/g, "$2").replace(/(^|\s)[*_](\S.*?\S|\S)[*_](?=\s|$|[.,;:])/g, "$1$2");

export function markdownToBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) blocks.push({ heading: false, text: stripEmphasis(current.join(" ")) });
    current = [];
  };
  for (const line of source.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ heading: true, text: stripEmphasis(heading[1]!) });
    } else if (!line.trim()) {
      flush();
    } else {
      if (UNIT_START.test(line)) flush();
      current.push(line.replace(BULLET, "").trim());
    }
  }
  flush();
  return blocks;
}

export function importMarkdown(source: string): ImportedText {
  return recogniseBlocks(markdownToBlocks(source));
}
