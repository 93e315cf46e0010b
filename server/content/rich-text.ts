// The one place rich text becomes HTML. Everything a participant writes in a rich-text field
// (Markdown, possibly with raw HTML in it) passes through renderRichText when it is written;
// only its output is ever rendered as trusted HTML. The corpus tests in
// test/content/rich-text.test.ts parse the output like a browser does and check the policy.
//
// Why this is safe by construction, not by blocklist: sanitize-html re-serialises what it
// keeps. Its output holds only the tags listed below, with only `href`/`rel`, and every text
// node and attribute value is re-escaped (`<`, `>`, `&`, and `"` in attributes). No raw-text
// element (script, style, textarea, xmp, ...) is allowed, so there is no place where text is
// passed through unescaped, and a browser re-parsing the output cannot find a tag that the
// sanitiser did not write itself. Mutation-XSS vectors that confuse the *input* parser can
// therefore only lose content or show it as text.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const LINK_REL = "nofollow ugc noopener noreferrer";

// Elements whose whole content is dropped along with the element. Without this, discarding a
// disallowed tag keeps its text, so `<script>alert(1)</script>` would leave "alert(1)" behind
// and the fallback content of <noscript>, <iframe> or foreign SVG/MathML (where browsers and
// htmlparser2 disagree about what is markup) would be shown as text.
const DROPPED_WITH_CONTENT = [
  "script",
  "style",
  "textarea",
  "option",
  "noscript",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "plaintext",
  "title",
  "template",
  "object",
  "svg",
  "math",
];

// Keeps only the href (sanitize-html checks its scheme afterwards) and overwrites any rel, so
// links are never followed for ranking, never get window.opener and leak no referrer.
function transformLink(_tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const kept: sanitizeHtml.Attributes = {};
  if (attribs.href !== undefined) kept.href = attribs.href;
  kept.rel = LINK_REL;
  return { tagName: "a", attribs: kept };
}

// Images are not allowed, but a Markdown image's alt text is the author's words: keep it as
// (escaped) text so `![the chart](...)` reads "the chart" instead of vanishing.
function transformImage(_tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  return { tagName: "img", attribs: {}, text: attribs.alt ?? "" };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The sanitize-html options every piece of rich text goes through. Frozen: change it here, with tests. */
export const RICH_TEXT_POLICY: Readonly<sanitizeHtml.IOptions> = deepFreeze({
  allowedTags: ["p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "a", "code", "pre"],
  // `rel` is listed only so the value transformLink sets survives; any given rel is replaced.
  allowedAttributes: { a: ["href", "rel"] },
  allowedClasses: {},
  allowedStyles: {},
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  // `//evil.example` (and `/\evil.example`, which browsers read the same way) would leave the site.
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: "discard",
  nonTextTags: DROPPED_WITH_CONTENT,
  selfClosing: ["br"],
  transformTags: {
    b: "strong",
    i: "em",
    // Markdown headings and strike-through are not part of the policy; keep their text
    // as a paragraph / plain text rather than letting it run into its neighbours.
    h1: "p",
    h2: "p",
    h3: "p",
    h4: "p",
    h5: "p",
    h6: "p",
    a: transformLink,
    img: transformImage,
  },
  // Deeper markup than any sensible post is flattened (text kept), which bounds the DOM the
  // client has to build.
  nestingLimit: 32,
  enforceHtmlBoundary: false,
  parser: { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
});

// A private instance, so options set on the global `marked` elsewhere cannot change our output.
const markdown = new Marked({ gfm: true, breaks: true, async: false });

// Sanitising twice must change nothing (tests check every fixture with a single pass). This
// loop is only a backstop in case some input still is not at a fixed point after one pass,
// so that what is stored never changes when it is sanitised again (e.g. on edit or import).
const MAX_PASSES = 3;

/** Sanitise HTML that is already HTML (e.g. pasted or imported) with the rich-text policy. */
export function sanitizeRichHtml(html: string, policy: Readonly<sanitizeHtml.IOptions> = RICH_TEXT_POLICY): string {
  // NUL has no meaning in text, and parsers disagree about it (browsers drop it, htmlparser2
  // keeps it), so drop it to keep the stored HTML equal to what a browser shows.
  let current = sanitizeHtml(html.replace(/\0/g, ""), policy);
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const next = sanitizeHtml(current, policy);
    if (next === current) break;
    current = next;
  }
  return current;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Paragraphs and line breaks only: used when marked gives up (it recurses, and pathological
// nesting such as thousands of `> ` overflows the stack). The author's text is kept, unformatted.
function renderAsPlainParagraphs(source: string): string {
  return source
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeText(paragraph).replace(/\n/g, "<br />")}</p>`)
    .join("\n");
}

/**
 * Long texts with a structure of their own (a consultation's background) keep their subheadings as
 * headings, where posts flatten them. They sit under the page's level-2 "Background" heading, so they
 * start at level 3: Markdown's # and ## become h3, ### and below h4 (shifted while parsing, below).
 * Raw HTML headings are mapped the same way by the policy, which is a fixed point (h3 stays h3, h4
 * stays h4), so sanitising again changes nothing; otherwise it is exactly the rich-text policy.
 */
export const DOCUMENT_TEXT_POLICY: Readonly<sanitizeHtml.IOptions> = deepFreeze({
  ...RICH_TEXT_POLICY,
  allowedTags: [...(RICH_TEXT_POLICY.allowedTags as string[]), "h3", "h4"],
  transformTags: { ...RICH_TEXT_POLICY.transformTags, h1: "h3", h2: "h3", h3: "h3", h4: "h4", h5: "h4", h6: "h4" },
});

const documentMarkdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  walkTokens(token) {
    if (token.type === "heading") token.depth = token.depth <= 2 ? 3 : 4;
  },
});

/** Markdown -> sanitised HTML with subheadings kept (see DOCUMENT_TEXT_POLICY). */
export function renderDocumentText(source: string): string {
  return render(source, documentMarkdown, DOCUMENT_TEXT_POLICY);
}

/** Markdown (raw HTML allowed in it) -> sanitised HTML, safe to render as trusted. */
export function renderRichText(source: string): string {
  return render(source, markdown, RICH_TEXT_POLICY);
}

function render(source: string, parser: Marked, policy: Readonly<sanitizeHtml.IOptions>): string {
  const normalised = source.replace(/\r\n?/g, "\n");
  let html: string;
  try {
    html = parser.parse(normalised, { async: false });
  } catch {
    html = renderAsPlainParagraphs(normalised);
  }
  return sanitizeRichHtml(html, policy);
}

// Elements that end a line of text: they become a space so that `<p>a</p><p>b</p>` reads "a b",
// while inline elements (`bo<strong>ld</strong>`) join without one.
const BLOCK_TAGS = [
  "p", "br", "li", "ul", "ol", "blockquote", "pre", "div", "section", "article", "header", "footer",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "tr", "td", "th", "dt", "dd", "address",
];

const PLAIN_TEXT_POLICY: Readonly<sanitizeHtml.IOptions> = deepFreeze({
  allowedTags: BLOCK_TAGS,
  allowedAttributes: {},
  disallowedTagsMode: "discard",
  nonTextTags: DROPPED_WITH_CONTENT,
  parser: { decodeEntities: true },
});

/** Plain text of rich HTML, for search snippets, notifications and exports. Not HTML: escape it where it is shown. */
export function richTextToPlainText(html: string): string {
  // The sanitiser leaves only attribute-less block tags and text escaped as &amp; &lt; &gt;,
  // so a tag is exactly `<...>` without `>` inside, and those three entities are all that
  // needs decoding (in one pass, so `&amp;lt;` becomes `&lt;`, not `<`).
  const blocksOnly = sanitizeHtml(html.replace(/\0/g, ""), PLAIN_TEXT_POLICY);
  const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };
  return blocksOnly
    .replace(/<[^>]*>/g, " ")
    .replace(/&(?:amp|lt|gt);/g, (entity) => entities[entity] ?? entity)
    .replace(/\s+/g, " ")
    .trim();
}
