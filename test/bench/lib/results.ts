// RESULTS.md keeps one section per workload and database; a run replaces the sections it measured and
// leaves the others, so workloads can be re-run one at a time.
import fs from "node:fs";
import { machine } from "./machine.ts";

const FILE = new URL("../RESULTS.md", import.meta.url).pathname;
const HEADER = `# Benchmark results

Written by \`npm run bench\` (test/bench/run.ts). Each section says when, where and on what it was measured;
figures are medians of interleaved rounds with the spread (min–max) in brackets unless a section says
otherwise. Re-run a workload with \`npm run bench -- --only=<id>\`.
`;

export function writeSection(id: string, title: string, body: string): void {
  const m = machine();
  const section = `<!-- ${id}:start -->
## ${title}

${m.date} · ${m.cpu} · ${m.memory} · Node ${m.node} · ${m.postgres || "no psql"} · ${m.os}

${body.trim()}
<!-- ${id}:end -->`;
  let text = fs.existsSync(FILE) ? fs.readFileSync(FILE, "utf8") : HEADER;
  const re = new RegExp(`<!-- ${id}:start -->[\\s\\S]*?<!-- ${id}:end -->`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(FILE, text);
}

export function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}
