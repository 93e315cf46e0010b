// Reading the server's sanitised rich-text HTML on the client, without rendering it:
// plain text for quote excerpts, and Markdown again for editing when the server does not send the source.
// The HTML is parsed in an inert document (DOMParser): nothing in it runs or loads.

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html");
}

/** The text of rich HTML on one line, shortened to `max` characters at a word boundary. */
export function excerptOf(html: string, max = 160): string {
  const text = (parse(html).body.textContent ?? "").replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// Characters that would turn back into formatting if written as they are.
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>~|])/g, "\\$1");
}
function escapeLineStart(line: string): string {
  return line.replace(/^([#+-])(?=\s|$)/, "\\$1").replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2");
}

function inline(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return escapeInline((node.textContent ?? "").replace(/\s+/g, " "));
  if (!(node instanceof Element)) return "";
  const inner = () => Array.from(node.childNodes, inline).join("");
  switch (node.tagName.toLowerCase()) {
    case "br":
      return "\n";
    case "em":
      return `*${inner()}*`;
    case "strong":
      return `**${inner()}**`;
    case "code": {
      const text = node.textContent ?? "";
      const fence = text.includes("`") ? "``" : "`";
      return `${fence}${fence === "``" ? " " : ""}${text}${fence === "``" ? " " : ""}${fence}`;
    }
    case "a": {
      const href = node.getAttribute("href") ?? "";
      return href ? `[${inner()}](<${href.replace(/[<>]/g, encodeURIComponent)}>)` : inner();
    }
    default:
      return inner();
  }
}

function blocks(parent: Node, indent = ""): string[] {
  const out: string[] = [];
  let run = "";
  const flush = () => {
    const text = run.replace(/^\s+|\s+$/g, "");
    if (text) out.push(text.split("\n").map((l) => escapeLineStart(l.trim())).join("\n"));
    run = "";
  };
  for (const child of Array.from(parent.childNodes)) {
    const tag = child instanceof Element ? child.tagName.toLowerCase() : "";
    if (child instanceof Element && (tag === "ul" || tag === "ol")) {
      flush();
      const items = Array.from(child.children).filter((li) => li.tagName.toLowerCase() === "li");
      out.push(
        items
          .map((li, i) => {
            const marker = tag === "ol" ? `${i + 1}. ` : "- ";
            const body = blocks(li).join("\n\n");
            const pad = " ".repeat(marker.length);
            return marker + body.split("\n").map((l, j) => (j === 0 || l === "" ? l : pad + l)).join("\n");
          })
          .join("\n"),
      );
    } else if (tag === "p") {
      flush();
      const text = inline(child).trim();
      if (text) out.push(text.split("\n").map((l) => escapeLineStart(l.trim())).join("\n"));
    } else if (tag === "blockquote") {
      flush();
      out.push(blocks(child).join("\n\n").split("\n").map((l) => (l ? `> ${l}` : ">")).join("\n"));
    } else if (tag === "pre") {
      flush();
      const code = (child.textContent ?? "").replace(/\n$/, "");
      const fence = code.includes("```") ? "~~~~" : "```";
      out.push(`${fence}\n${code}\n${fence}`);
    } else {
      run += inline(child);
    }
  }
  flush();
  return indent ? out.map((b) => indent + b) : out;
}

/**
 * Markdown that renders back to (nearly) the same sanitised HTML: a fallback for editing when only the
 * HTML is available. Covers exactly the elements the server's policy keeps.
 */
export function htmlToMarkdown(html: string): string {
  return blocks(parse(html).body).join("\n\n");
}
