// The summary report as a list of blocks (headings, paragraphs, tables, charts), built once from the
// report data and rendered by each format (Markdown, HTML, PDF, DOCX). Formats therefore say the same
// thing in the same order, and every statement carries links to the contributions it rests on.
// Pure and deterministic: it iterates in fixed orders (categories, stances, sorted keys), never in the
// key order of stored JSON.
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES, type StakeholderCategory } from "../../../shared/categories.ts";
import { STANCES, STANCE_LABELS } from "../../../shared/schemas/positions.ts";
import { ACCESS_MODE_LABELS, MODERATION_MODE_LABELS, STATUS_LABELS, type AccessMode, type ConsultationStatus, type ModerationMode } from "../../../shared/schemas/consultations.ts";
import { REPLY_TYPE_LABELS } from "../../../shared/schemas/threads.ts";
import { REASON_LABELS, type ReasonCode } from "../../../shared/schemas/moderation.ts";
import { textMatrixBlocks, textReportBlocks } from "../../texts/report-blocks.ts";
import { QUESTION_OUTCOME_LABELS, type CategoryCounts, type ReportArgument, type ReportData, type ReportLink } from "../../../shared/schemas/exports.ts";

export type Inline = { text: string; href?: string; bold?: boolean };
export type Cell = Inline[];
export type Block =
  | { type: "heading"; level: 1 | 2 | 3; text: string }
  | { type: "paragraph"; runs: Inline[]; small?: boolean }
  | { type: "list"; items: Inline[][] }
  | { type: "table"; header: string[]; rows: Cell[][]; numeric: boolean[] }
  | { type: "chart"; title: string; series: string[]; bars: { label: string; values: number[] }[] };

export interface ReportDocument {
  title: string;
  subtitle: string;
  /** The consultation's language (BCP 47), for the document's language tag. */
  language?: string;
  blocks: Block[];
}

const t = (text: string, extra: Omit<Inline, "text"> = {}): Inline => ({ text, ...extra });
const num = (n: number) => [t(String(n))];
// Dates in words ("1 December 2026"), in UTC: the same report on any server, whatever its time zone.
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
const date = (iso: string | null) => (iso ? DATE.format(new Date(iso)) : "not set");
const dateTime = (iso: string) => `${DATE_TIME.format(new Date(iso))} UTC`;
const label = <K extends string>(labels: Record<K, string>, key: string) => labels[key as K] ?? key;
const sortedKeys = (r: Record<string, number>) => Object.keys(r).sort();
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A link to a contribution: what it is, as a reader would name it, linked; its id beside (not instead). */
export function linkTo(data: Pick<ReportData, "siteUrl">, l: ReportLink): Inline[] {
  const id = `${l.kind}:${l.id}`;
  if (!l.label) return [{ text: id, href: `${data.siteUrl}${l.path}` }];
  return [{ text: l.label, href: `${data.siteUrl}${l.path}` }, t(` (${id})`)];
}

function links(data: ReportData, list: ReportLink[]): Inline[] {
  return list.flatMap((l, i) => (i === 0 ? linkTo(data, l) : [t("; "), ...linkTo(data, l)]));
}

function categoryTableWith(header: string, rows: { name: string; counts: CategoryCounts | null }[]): Block {
  return {
    type: "table",
    header: [header, ...rows.map((r) => r.name)],
    numeric: [false, ...rows.map(() => true)],
    rows: [
      ...STAKEHOLDER_CATEGORIES.map((c) => [[t(CATEGORY_LABELS[c])], ...rows.map((r) => num(r.counts?.[c] ?? 0))]),
      [[t("Total", { bold: true })], ...rows.map((r) => num(STAKEHOLDER_CATEGORIES.reduce((n, c) => n + (r.counts?.[c] ?? 0), 0)))],
    ],
  };
}

function countsText(counts: CategoryCounts): string {
  const parts = STAKEHOLDER_CATEGORIES.filter((c) => counts[c]).map((c) => `${CATEGORY_LABELS[c]}: ${counts[c]}`);
  return parts.length ? parts.join("; ") : "none";
}

function recordTable(header: [string, string], record: Record<string, number>, labels: Record<string, string> = {}): Block {
  const keys = sortedKeys(record);
  return {
    type: "table",
    header,
    numeric: [false, true],
    rows: keys.length ? keys.map((k) => [[t(labels[k] ?? k)], num(record[k]!)]) : [[[t("none")], num(0)]],
  };
}

function argumentItems(data: ReportData, list: ReportArgument[]): Block {
  if (list.length === 0) return { type: "paragraph", runs: [t("None.")] };
  return {
    type: "list",
    items: list.map((a) => {
      const who = [a.organisation, a.author].filter(Boolean).join(", ");
      const kind = a.stance ? `Position (${STANCE_LABELS[a.stance]})` : `Reply (${REPLY_TYPE_LABELS[a.replyType!]})`;
      return [
        t(`${kind}, ${CATEGORY_LABELS[a.category]}${who ? `, ${who}` : ""}: `, { bold: true }),
        t(`“${a.excerpt}” `),
        t(`${a.endorsements} endorsement${a.endorsements === 1 ? "" : "s"} (${countsText(a.endorsementsByCategory)})`),
        ...(a.nearIdentical ? [t(`; and ${a.nearIdentical} near-identical contribution${a.nearIdentical === 1 ? "" : "s"}`)] : []),
        t(". Source: "),
        ...linkTo(data, a),
      ];
    }),
  };
}

export function buildReportDocument(data: ReportData): ReportDocument {
  const c = data.consultation;
  const p = data.participation;
  const blocks: Block[] = [];
  const h = (level: 1 | 2 | 3, text: string) => blocks.push({ type: "heading", level, text });
  const para = (...runs: Inline[]) => blocks.push({ type: "paragraph", runs });

  // Findings first (participation, what the organisers answered, each question), then the record
  // behind them, and what the consultation was and how this report was made at the end.
  para(t(c.summary));

  h(1, "Participation");
  para(
    t(`${plural(p.contributors.total, "contributor")}, ${plural(p.organisations.total, "organisation")}, ${plural(p.positions.total, "position")}, ${plural(p.posts.total, "post")} and ${plural(p.endorsements.total, "endorsement")}. `),
    t("Every contribution counted here is listed with its id in the public contributions export."),
  );
  blocks.push(
    categoryTableWith("Stakeholder category", [
      { name: "Contributors", counts: p.contributors.byCategory },
      { name: "Organisations", counts: p.organisations.byCategory },
      { name: "Positions", counts: p.positions.byCategory },
      { name: "Posts", counts: p.posts.byCategory },
      { name: "Endorsements", counts: p.endorsements.byCategory },
    ]),
  );
  h(2, "By country");
  if (p.organisations.byCountry && p.positions.byCountry) {
    const countries = [...new Set([...Object.keys(p.organisations.byCountry), ...Object.keys(p.positions.byCountry)])].sort();
    blocks.push({
      type: "table",
      header: ["Country", "Organisations", "Positions"],
      numeric: [false, true, true],
      rows: countries.length ? countries.map((k) => [[t(k)], num(p.organisations.byCountry![k] ?? 0), num(p.positions.byCountry![k] ?? 0)]) : [[[t("none")], num(0), num(0)]],
    });
  } else {
    para(t("Omitted under the Chatham House rule (see the methodology)."));
  }
  h(2, "Over time");
  blocks.push({
    type: "table",
    header: ["Week starting", "Posts", "Positions"],
    numeric: [false, true, true],
    rows: p.weekly.length ? p.weekly.map((w) => [[t(w.weekStart)], num(w.posts), num(w.positions)]) : [[[t("none")], num(0), num(0)]],
  });

  h(1, "Response matrix");
  blocks.push({
    type: "table",
    header: ["Question", "Outcome", "Reasons"],
    numeric: [false, false, false],
    rows: data.questions.map((q) => [
      [t(`Q${q.ordinal}. ${q.text}`)],
      [t(q.outcome ? QUESTION_OUTCOME_LABELS[q.outcome.outcome] : "Pending")],
      [t(q.outcome?.reasons ?? "")],
    ]),
  });
  blocks.push(...textMatrixBlocks(data));


  for (const q of data.questions) {
    h(1, `Question ${q.ordinal}: ${q.text}`);
    if (q.explanation) para(t(q.explanation));
    para(t(`${plural(q.positions.length, "organisation position")}; ${plural(q.threads, "thread")} with ${plural(q.posts, "post")}.`));
    h(2, "Stance by stakeholder category");
    blocks.push({
      type: "chart",
      title: `Question ${q.ordinal}: positions by stance and stakeholder category`,
      series: STANCES.map((s) => STANCE_LABELS[s]),
      bars: q.stanceByCategory.map((row) => ({ label: CATEGORY_LABELS[row.category as StakeholderCategory], values: STANCES.map((s) => row.counts[s]) })),
    });
    blocks.push({
      type: "table",
      header: ["Stakeholder category", ...STANCES.map((s) => STANCE_LABELS[s]), "Total", "Positions"],
      numeric: [false, ...STANCES.map(() => true), true, false],
      rows: [
        ...q.stanceByCategory.map((row) => [
          [t(CATEGORY_LABELS[row.category as StakeholderCategory])],
          ...STANCES.map((s) => num(row.counts[s])),
          num(row.total),
          links(data, q.positions.filter((l) => l.category === row.category)),
        ]),
        [[t("Total", { bold: true })], ...STANCES.map((s) => num(q.stanceTotals[s])), num(q.positions.length), [t("")]],
      ],
    });
    h(2, "Organisation positions");
    if (q.positions.length === 0) para(t("None."));
    else {
      blocks.push({
        type: "table",
        header: ["Organisation", "Category", "Stance", "Summary", "Declaration of interests", "Endorsements", "Source"],
        numeric: [false, false, false, false, false, true, false],
        rows: q.positions.map((l) => [
          [t(l.organisation ? `${l.organisation}${l.country ? ` (${l.country})` : ""}` : "Withheld (Chatham House)")],
          [t(CATEGORY_LABELS[l.category])],
          [t(STANCE_LABELS[l.stance])],
          [t(l.summary)],
          [t([l.declarationOfInterests, l.fundingSources ? `Funding: ${l.fundingSources}` : null].filter(Boolean).join(" ") || "None declared")],
          num(l.endorsements),
          linkTo(data, l),
        ]),
      });
    }
    h(2, "Most endorsed arguments for");
    blocks.push(argumentItems(data, q.argumentsFor));
    h(2, "Most endorsed arguments against");
    blocks.push(argumentItems(data, q.argumentsAgainst));
    h(2, "Organisers' response");
    if (q.outcome) para(t(`${QUESTION_OUTCOME_LABELS[q.outcome.outcome]}. `, { bold: true }), t(q.outcome.reasons));
    else para(t("Pending: no outcome recorded yet."));
  }

  blocks.push(...textReportBlocks(data));

  h(1, "Campaigns and near-identical contributions");
  if (data.campaigns.length === 0) para(t("No near-identical contributions were found."));
  for (const [i, g] of data.campaigns.entries()) {
    h(3, `Group ${i + 1}: ${plural(g.count, "near-identical contribution")}`);
    para(t(`“${g.excerpt}”`));
    para(t(`By category: ${countsText(g.byCategory)}. Represented by `), ...linkTo(data, g.representative), t("."));
    blocks.push({ type: "paragraph", small: true, runs: [t("Members: "), ...links(data, g.members)] });
  }

  if (data.responses) {
    const r = data.responses;
    h(1, "Formal responses");
    para(t(`${plural(r.total, "response")} submitted to the questionnaire; ${r.published} published as their respondents agreed, ${r.notPublished} not published (counted, not shown). By category: ${countsText(r.byCategory)}.`));
    if (r.byChannel && Object.keys(r.byChannel).some((c) => c !== "web")) {
      const CHANNELS: Record<string, string> = { web: "on the web form", email: "by email", paper: "on paper", partner: "through partners' forms" };
      para(t(`By channel, counted apart: ${Object.entries(r.byChannel).map(([c, n]) => `${n} ${CHANNELS[c] ?? c}`).join("; ")}.`));
    }
    if (r.suspectedAutomated !== undefined && r.reportedImpersonation !== undefined) {
      para(t(`Counted apart, none removed: ${plural(r.suspectedAutomated, "response")} marked by moderators as suspected automated; ${plural(r.reportedImpersonation, "response")} reported, with a verified email address, as submitted in someone's name without their consent.`));
    }
    if (r.analysis) {
      h(2, "Coding of open answers");
      para(t(r.analysis.method));
      const line = (c: (typeof r.analysis.codes)[number]) =>
        `${c.path}: ${plural(c.units, "answer")}; agreement: kappa ${c.kappa === null ? "undefined" : c.kappa.toFixed(2)} (${c.band}, over ${c.agreementUnits} double-coded); by category: ${countsText(c.byCategory)}`;
      if (r.analysis.codes.length) blocks.push({ type: "list", items: r.analysis.codes.map((c) => [t(line(c))]) });
    }
    h(2, "Response campaigns");
    if (r.campaigns.length === 0) para(t("No campaigns of near-identical responses were found."));
    for (const [i, g] of r.campaigns.entries()) {
      h(3, `Campaign ${i + 1}: ${plural(g.count, "response")} (${g.published} published)`);
      para(t(`By category: ${countsText(g.byCategory)}.${g.suspectedAutomated ? ` Suspected automated: ${g.suspectedAutomated}.` : ""}${g.reportedImpersonation ? ` Reported as submitted without consent: ${g.reportedImpersonation}.` : ""}`));
      para(g.sharedText === null ? t("Shared text withheld: no member agreed to publish.") : t(`Shared text: “${g.sharedText}”`));
      if (g.additions.length) blocks.push({ type: "list", items: g.additions.map((a) => [t(a)]) });
      if (g.moreAdditions > 0) para(t(`And ${plural(g.moreAdditions, "more addition")} on the campaign's page.`));
    }
  }

  h(1, "Moderation");
  const m = data.moderation;
  para(
    t(`${plural(m.decisions.total, "moderation decision")} (${m.decisions.human} by moderators, ${m.decisions.automated} automated); ${plural(m.appeals.lodged, "appeal")} lodged. `),
    t(m.medianSecondsToDecision === null ? "No median time to decision yet." : `Median time from queue to decision: ${formatDuration(m.medianSecondsToDecision)}.`),
  );
  blocks.push(recordTable(["Action", "Decisions"], m.decisions.byAction));
  blocks.push(recordTable(["Reason", "Decisions"], m.decisions.byReasonCode, REASON_LABELS as Record<ReasonCode, string>));
  blocks.push(recordTable(["Author category", "Decisions"], m.decisions.byAuthorCategory, CATEGORY_LABELS));
  blocks.push(recordTable(["Appeal outcome", "Appeals"], m.appeals.byOutcome));

  h(1, "About this consultation");
  blocks.push({
    type: "table",
    header: ["", ""],
    numeric: [false, false],
    rows: [
      [[t("Status")], [t(label(STATUS_LABELS, c.status as ConsultationStatus))]],
      [[t("Opens")], [t(date(c.opensAt))]],
      [[t("Closes")], [t(date(c.closesAt))]],
      [[t("Access")], [t(label(ACCESS_MODE_LABELS, c.accessMode as AccessMode))]],
      [[t("Moderation")], [t(label(MODERATION_MODE_LABELS, c.moderationMode as ModerationMode))]],
      [[t("Report generated")], [t(dateTime(data.generatedAt))]],
      [[t("Consultation page")], [{ text: `${data.siteUrl}/consultations/${c.slug}`, href: `${data.siteUrl}/consultations/${c.slug}` }]],
    ],
  });
  h(2, "Questions");
  blocks.push({ type: "list", items: c.questions.map((q) => [t(`Q${q.ordinal}. `, { bold: true }), t(q.text)]) });

  h(1, "Methodology");
  for (const m of data.methodology) para(t(m));


  return { title: `Summary report: ${c.title}`, subtitle: `Generated on ${dateTime(data.generatedAt)} from the consultation's public record.`, language: c.language, blocks };
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  return `${Math.round(seconds / 360) / 10} hours`;
}

