// The stored-XSS corpus of the attack suite: vectors that, if they ever run, set window.__xss to their
// number (or open a dialog, or fetch from a foreign origin, or trip the CSP). Own vectors first (script
// tags, event handlers, javascript: URLs, SVG, srcdoc, CSS, mutation XSS, Markdown link tricks), then the
// sanitiser's fixture corpora (test/fixtures/xss, alert()-based: a dialog is caught as well as the trap).
import fs from "node:fs";
import path from "node:path";

const J = (n: number) => `window.__xss=${n}`;
const EVIL = "https://evil.example";

const OWN: ((js: string) => string)[] = [
  // script tags
  (js) => `<script>${js}</script>`,
  (js) => `<SCRIPT SRC=${EVIL}/x.js></SCRIPT>`,
  (js) => `<scr<script>ipt>${js}</scr</script>ipt>`,
  (js) => `<script type="module">${js}</script>`,
  (js) => `"><script>${js}</script>`,
  (js) => `</textarea><script>${js}</script>`,
  (js) => `</title><script>${js}</script>`,
  // event handlers
  (js) => `<img src=x onerror="${js}">`,
  (js) => `<img src=x onerror=${js}>`,
  (js) => `<body onload=${js}>`,
  (js) => `<input autofocus onfocus=${js}>`,
  (js) => `<details open ontoggle=${js}>`,
  (js) => `<video><source onerror="${js}"></video>`,
  (js) => `<a href="#" onmouseover="${js}">hover</a>`,
  (js) => `<div onpointerenter=${js} style="position:fixed;inset:0">x</div>`,
  (js) => `" onmouseover="${js}" x="`,
  (js) => `' autofocus onfocus='${js}' x='`,
  // javascript: and data: URLs
  (js) => `<a href="javascript:${js}">click</a>`,
  (js) => `<a href="JaVaScRiPt:${js}">click</a>`,
  (js) => `<a href="&#106;avascript:${js}">click</a>`,
  (js) => `<a href="java\tscript:${js}">click</a>`,
  (js) => `<a href="data:text/html,<script>${js}</script>">click</a>`,
  (js) => `<form action="javascript:${js}"><button>go</button></form>`,
  (js) => `<object data="javascript:${js}"></object>`,
  (js) => `<embed src="javascript:${js}">`,
  // SVG
  (js) => `<svg onload=${js}>`,
  (js) => `<svg><script>${js}</script></svg>`,
  (js) => `<svg><a xlink:href="javascript:${js}"><text y="20">x</text></a></svg>`,
  (js) => `<svg><animate onbegin=${js} attributeName=x dur=1s>`,
  (js) => `<svg><set attributeName="onmouseover" to="${js}"/></svg>`,
  (js) => `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${js}'/>">`,
  // srcdoc and frames
  (js) => `<iframe srcdoc="<script>parent.${js}</script>"></iframe>`,
  (js) => `<iframe srcdoc="&lt;img src=x onerror=parent.${js}&gt;"></iframe>`,
  (js) => `<iframe src="javascript:parent.${js}"></iframe>`,
  () => `<iframe src="${EVIL}/frame"></iframe>`,
  // CSS
  (js) => `<div style="background:url(javascript:${js})">x</div>`,
  (js) => `<div style="width:expression(${js})">x</div>`,
  () => `<style>@import '${EVIL}/x.css';</style>`,
  () => `<link rel=stylesheet href="${EVIL}/x.css">`,
  () => `<div style="background-image:url(${EVIL}/x.png)">x</div>`,
  () => `<img src="${EVIL}/pixel.png">`,
  (js) => `<style>*{x:expression(${js})}</style>`,
  // mutation XSS
  (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">`,
  (js) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}></style></mglyph></table></mtext></math>`,
  (js) => `<svg></p><style><a id="</style><img src=1 onerror=${js}>">`,
  (js) => `<!--><img src=x onerror=${js}>-->`,
  (js) => `<xmp><p title="</xmp><img src=x onerror=${js}>">`,
  (js) => `<template><img src=x onerror=${js}></template>`,
  // Markdown link tricks
  (js) => `[click](javascript:${js})`,
  (js) => `[click](JAVASCRIPT:${js})`,
  (js) => `[click]( javascript:${js} )`,
  (js) => `[click](javascript&#58;${js})`,
  (js) => `![img](javascript:${js})`,
  (js) => `[click][ref]\n\n[ref]: javascript:${js}`,
  (js) => `<javascript:${js}>`,
  (js) => `[a](<javascript:${js}>)`,
  () => `![pixel](${EVIL}/md.png)`,
  (js) => `\`\`\`\n</code><img src=x onerror=${js}>\n\`\`\``,
  (js) => `[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==) ${js.slice(0, 0)}`,
  // meta and base
  () => `<meta http-equiv="refresh" content="0;url=${EVIL}/">`,
  () => `<base href="${EVIL}/">`,
];

/** The own vectors, numbered from 1 (the number is what window.__xss is set to). */
export const OWN_VECTORS: string[] = OWN.map((f, i) => f(J(i + 1)));

/** The sanitiser's fixture corpora (alert()-based), as the test/fixtures/xss README describes the format. */
export function fixtureVectors(): string[] {
  const dir = path.resolve("test/fixtures/xss");
  const out: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const parts = text.split(/^%%.*$/m).slice(1);
    for (const p of parts) out.push(p.replace(/^\n/, "").replace(/\n$/, ""));
  }
  return out;
}

/** Splits vectors into values of at most `max` characters, each starting with `prefix` (vectors longer than that alone are cut). */
export function pack(vectors: string[], max: number, prefix: string, sep = "\n\n"): string[] {
  const out: string[] = [];
  let current = prefix;
  for (const v of vectors) {
    const piece = v.length + prefix.length + sep.length > max ? v.slice(0, max - prefix.length - sep.length) : v;
    if (current.length + sep.length + piece.length > max) {
      out.push(current);
      current = prefix;
    }
    current += sep + piece;
  }
  if (current !== prefix) out.push(current);
  return out;
}
