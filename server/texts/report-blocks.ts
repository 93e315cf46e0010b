// The draft texts' section of the summary report as blocks (server/exports/report/document.ts renders
// them in every format): per text, its contested articles, each contested provision's words and its
// amendments with their support by category and the organisers' outcome; every statement linked.
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";
import type { ReportData } from "../../shared/schemas/exports.ts";
import type { AmendmentKind, AmendmentOutcome, ReportTextAmendment } from "../../shared/schemas/texts.ts";
import type { Block, Inline } from "../exports/report/document.ts";

const KIND_LABELS: Record<AmendmentKind, string> = { replace: "Replace", delete: "Delete", insert_after: "Insert after" };
const OUTCOME_LABELS: Record<AmendmentOutcome, string> = { accepted: "Accepted", partly_accepted: "Partly accepted", not_accepted: "Not accepted", withdrawn: "Withdrawn" };
const t = (text: string, extra: Omit<Inline, "text"> = {}): Inline => ({ text, ...extra });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function supportText(a: ReportTextAmendment): string {
  const parts = STAKEHOLDER_CATEGORIES.filter((c) => a.support[c]).map((c) => `${CATEGORY_LABELS[c]} ${a.support[c]}`);
  return parts.length ? parts.join("; ") : "none";
}

function amendmentItem(site: string, a: ReportTextAmendment): Inline[] {
  const who = a.organisation ?? a.author ?? CATEGORY_LABELS[a.category];
  const change =
    a.kind === "replace" ? `“${a.quote}” → “${a.proposedText}”` : a.kind === "delete" ? `delete “${a.quote}”` : `insert “${a.proposedText}”`;
  return [
    t(`${KIND_LABELS[a.kind]}: `, { bold: true }),
    t(`${change}. Proposed by ${who} (${CATEGORY_LABELS[a.category]}). Support by category (proposal and ${plural(a.endorsements, "endorsement")}): ${supportText(a)}. `),
    t("Outcome: ", { bold: true }),
    t(a.outcome ? `${OUTCOME_LABELS[a.outcome.outcome]}${a.outcome.reasons ? ` — ${a.outcome.reasons}` : ""}. ` : "pending. "),
    { text: "The amendment", href: `${site}${a.path}` },
    t(` (amendment:${a.id})`),
  ];
}

export function textReportBlocks(data: ReportData): Block[] {
  const texts = data.texts ?? [];
  if (texts.length === 0) return [];
  const blocks: Block[] = [{ type: "heading", level: 1, text: "The draft texts: contested articles" }];
  for (const doc of texts) {
    blocks.push({ type: "heading", level: 2, text: `${doc.title} (version ${doc.version})` });
    blocks.push({
      type: "paragraph",
      runs: [t(`${plural(doc.units, "unit")}, ${plural(doc.comments, "comment")} and ${plural(doc.amendments, "amendment")} on `), { text: "the text", href: `${data.siteUrl}${doc.path}` }, t(`. ${doc.measure}`)],
    });
    if (doc.contested.length === 0) blocks.push({ type: "paragraph", runs: [t("No provision is contested: no two stakeholder categories back different amendments to the same provision.")] });
    for (const article of doc.contested) {
      blocks.push({ type: "heading", level: 3, text: article.title });
      for (const u of article.units) {
        blocks.push({
          type: "paragraph",
          runs: [{ text: u.label, href: `${data.siteUrl}${u.path}`, bold: true }, t(` (spread ${u.spread}${u.camps >= 2 ? `, ${plural(u.camps, "camp")}` : ""}, ${plural(u.comments, "comment")}): “${u.text}”`)],
        });
        blocks.push({ type: "list", items: u.amendments.map((a) => amendmentItem(data.siteUrl, a)) });
      }
    }
  }
  return blocks;
}

/** The answered amendments in the response matrix: provision, amendment, outcome, reasons; linked. */
export function textMatrixBlocks(data: ReportData): Block[] {
  const rows = (data.texts ?? []).flatMap((doc) => (doc.answered ?? []).map((a) => ({ doc, a })));
  if (rows.length === 0) return [];
  return [
    {
      type: "table",
      header: ["Amendment", "Outcome", "Reasons"],
      numeric: [false, false, false],
      rows: rows.map(({ doc, a }) => [
        [{ text: `${doc.title}, ${a.unitLabel}: ${KIND_LABELS[a.kind]} (${a.organisation ?? a.author ?? CATEGORY_LABELS[a.category]})`, href: `${data.siteUrl}${a.path}` }],
        [t(OUTCOME_LABELS[a.outcome!.outcome])],
        [t(a.outcome!.reasons ?? "")],
      ]),
    },
  ];
}
