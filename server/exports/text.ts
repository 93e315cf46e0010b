// Plain text from the sanitised HTML we store: for CSV cells, excerpts and campaign detection.
// The input is always renderRichText's output (see content/rich-text.ts), so a small tag stripper suffices.
// The database keeps posts' plain text by the same rules (roundtable_html_to_text, in the migration
// 20261203150000_post_body_text): a change here is a change there, held together by
// test/exports/body-text.test.ts.

// A Map, not an object: "&constructor;" must not find Object.prototype's.
const ENTITIES = new Map(Object.entries({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " }));
const REPLACEMENT_CHARACTER = "\uFFFD";

export function htmlToText(html: string): string {
  return html
    .replace(/<\s*br\s*\/?>/gi, "\n")
    .replace(/<\/(p|li|h[1-6]|blockquote|pre|tr)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        if (!(Number.isFinite(code) && code > 0 && code <= 0x10ffff)) return m;
        // A surrogate is no character (and one alone cannot be written as UTF-8): shown as a browser does.
        return code >= 0xd800 && code <= 0xdfff ? REPLACEMENT_CHARACTER : String.fromCodePoint(code);
      }
      return ENTITIES.get(e.toLowerCase()) ?? m;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A one-paragraph excerpt of at most `max` characters, cut at a word boundary. */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
