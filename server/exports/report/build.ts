// The summary report's data, from the record: one streaming pass over the public posts and positions
// (keyset batches, the same readers as the data exports, so the same visibility rules), grouped counts
// for distinct contributors and organisations, campaign detection, and the moderation transparency figures.
// Always built for the public (see scope.ts), whoever asks: the report is for publication.
import type { PrismaClient } from "../../db/index.ts";
import type { Actor } from "../../accounts/actor.ts";
import type { Consultation } from "../../db/generated/client.ts";
import { transparencyReport } from "../../moderation/reports.ts";
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES, type StakeholderCategory } from "../../../shared/categories.ts";
import { STANCES, type Stance } from "../../../shared/schemas/positions.ts";
import type { CategoryCounts, ReportArgument, ReportCampaign, ReportData, ReportPositionLine, ReportQuestion } from "../../../shared/schemas/exports.ts";
import { audienceFor, endorsementScopeWhere, positionScopeWhere, postScopeWhere } from "../scope.ts";
import { EXPORT_BATCH_SIZE, ensurePlannerStatistics, readPositionBatch, readPostBatch } from "../rows.ts";
import { yieldToEventLoop } from "../event-loop.ts";
import { excerpt, htmlToText } from "../text.ts";
import { CampaignDetector } from "./campaigns.ts";
import { describeResponsesForReport } from "../../responses/report.ts";
import { groupWaitingResponses } from "../../responses/grouping.ts";
import { describeTextsForReport } from "../../texts/report.ts";
import { methodologyNote, TOP_ARGUMENTS } from "./methodology.ts";

type Candidate = ReportArgument & { side: "for" | "against"; order: number; questionId: string };

const zeroCounts = (): Record<StakeholderCategory, number> => Object.fromEntries(STAKEHOLDER_CATEGORIES.map((c) => [c, 0])) as Record<StakeholderCategory, number>;
const zeroStances = (): Record<Stance, number> => Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
const sortedRecord = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));

/** Monday (UTC) of the week an instant falls in, as YYYY-MM-DD. */
export function weekStart(iso: string): string {
  const d = new Date(iso);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

function weeklySeries(weeks: Map<string, { posts: number; positions: number }>) {
  const keys = [...weeks.keys()].sort();
  if (keys.length === 0) return [];
  const out: ReportData["participation"]["weekly"] = [];
  for (let d = new Date(`${keys[0]}T00:00:00Z`), last = new Date(`${keys.at(-1)}T00:00:00Z`); d <= last; d.setUTCDate(d.getUTCDate() + 7)) {
    const key = d.toISOString().slice(0, 10);
    out.push({ weekStart: key, ...(weeks.get(key) ?? { posts: 0, positions: 0 }) });
  }
  return out;
}

export interface BuildOptions {
  generatedAt: Date;
  siteUrl: string;
  /** Called with the share (0..1) of contributions read so far. */
  onProgress?: (share: number) => void;
}

export async function buildReportData(prisma: PrismaClient, actor: Actor, consultation: Consultation, opts: BuildOptions): Promise<ReportData> {
  const a = audienceFor(consultation, "public");
  await ensurePlannerStatistics(prisma, consultation.id);
  const [questions, outcomes, expected] = await Promise.all([
    prisma.question.findMany({ where: { consultationId: consultation.id }, orderBy: { ordinal: "asc" } }),
    prisma.questionOutcome.findMany({ where: { consultationId: consultation.id } }),
    opts.onProgress ? Promise.all([prisma.post.count({ where: postScopeWhere(a) }), prisma.position.count({ where: positionScopeWhere(a) })]).then(([x, y]) => x + y) : Promise.resolve(0),
  ]);
  const perQuestion = new Map(
    questions.map((q) => [q.id, { threads: 0, posts: 0, stance: new Map<StakeholderCategory, { counts: Record<Stance, number>; ids: string[] }>(), positions: [] as ReportPositionLine[] }]),
  );
  const candidates: Candidate[] = [];
  const weeks = new Map<string, { posts: number; positions: number }>();
  const week = (iso: string) => {
    const key = weekStart(iso);
    let w = weeks.get(key);
    if (!w) weeks.set(key, (w = { posts: 0, positions: 0 }));
    return w;
  };
  const postsByCategory = zeroCounts();
  const positionsByCategory = zeroCounts();
  const positionsByCountry = new Map<string, number>();
  const detector = new CampaignDetector();
  let read = 0;
  let order = 0;
  const progress = (n: number) => {
    read += n;
    if (opts.onProgress && expected > 0) opts.onProgress(Math.min(1, read / expected));
  };

  for (let after = 0; ; ) {
    const rows = await readPostBatch(prisma, a, after);
    for (const [i, p] of rows.entries()) {
      // Shingling a post for campaign detection is the costly part (about 0.1 ms): other requests and the
      // live fan-out get the event loop every hundred posts, not once a batch.
      if (i > 0 && i % 100 === 0) await yieldToEventLoop();
      postsByCategory[p.category]++;
      week(p.createdAt).posts++;
      detector.add({ kind: "post", id: p.id, category: p.category }, p.body);
      const q = p.questionId ? perQuestion.get(p.questionId) : undefined;
      if (!q) continue;
      q.posts++;
      if (p.isOpening) q.threads++;
      if (p.replyType === "supports" || p.replyType === "contests") {
        candidates.push({
          kind: "post", id: p.id, path: p.permalink, label: postLabel(p), excerpt: excerpt(p.body), category: p.category, author: p.author, organisation: p.organisation,
          stance: null, replyType: p.replyType, endorsements: p.endorsements, endorsementsByCategory: p.endorsementsByCategory, nearIdentical: 0,
          side: p.replyType === "supports" ? "for" : "against", order: order++, questionId: p.questionId!,
        });
      }
    }
    progress(rows.length);
    await yieldToEventLoop();
    if (rows.length < EXPORT_BATCH_SIZE) break;
    after = rows.at(-1)!.seq;
  }

  for (let after = ""; ; ) {
    const rows = await readPositionBatch(prisma, a, after);
    for (const p of rows) {
      positionsByCategory[p.category]++;
      if (p.country) positionsByCountry.set(p.country, (positionsByCountry.get(p.country) ?? 0) + 1);
      week(p.createdAt).positions++;
      detector.add({ kind: "position", id: p.id, category: p.category }, `${p.summary}\n${p.argument}`);
      const q = perQuestion.get(p.questionId)!;
      const cell = q.stance.get(p.category) ?? { counts: zeroStances(), ids: [] };
      cell.counts[p.stance]++;
      cell.ids.push(p.id);
      q.stance.set(p.category, cell);
      q.positions.push({
        kind: "position", id: p.id, path: p.permalink, label: positionLabel(p), organisation: p.organisation, country: p.country, category: p.category, stance: p.stance,
        summary: p.summary, declarationOfInterests: p.declarationOfInterests, fundingSources: p.fundingSources,
        endorsements: p.endorsements, endorsementsByCategory: p.endorsementsByCategory,
      });
      if (p.stance !== "neutral") {
        candidates.push({
          kind: "position", id: p.id, path: p.permalink, label: positionLabel(p), excerpt: excerpt(p.summary), category: p.category, author: p.author, organisation: p.organisation,
          stance: p.stance, replyType: null, endorsements: p.endorsements, endorsementsByCategory: p.endorsementsByCategory, nearIdentical: 0,
          side: p.stance === "oppose" ? "against" : "for", order: order++, questionId: p.questionId,
        });
      }
    }
    progress(rows.length);
    await yieldToEventLoop();
    if (rows.length < EXPORT_BATCH_SIZE) break;
    after = rows.at(-1)!.id;
  }

  // A report counts every campaign member: what still waits for grouping is grouped first.
  await groupWaitingResponses(prisma, { consultationId: consultation.id });
  const [participants, organisations, endorsements, campaigns, transparency, responses, texts] = await Promise.all([
    countContributors(prisma, a),
    countOrganisations(prisma, a),
    prisma.endorsement.groupBy({ by: ["category"], where: endorsementScopeWhere(a), _count: { _all: true } }),
    describeCampaigns(prisma, detector),
    transparencyReport(prisma, actor, consultation.id),
    describeResponsesForReport(prisma, consultation.id),
    describeTextsForReport(prisma, consultation),
  ]);
  const { consultationId: _ignored, ...moderation } = transparency;
  const groupOf = new Map<string, { index: number; size: number }>();
  campaigns.forEach((g, index) => g.members.forEach((m) => groupOf.set(m.id, { index, size: g.count })));
  const endorsementsByCategory = zeroCounts();
  for (const e of endorsements) endorsementsByCategory[e.category] += e._count._all;

  const outcomeBy = new Map(outcomes.map((o) => [o.questionId, o]));
  const reportQuestions: ReportQuestion[] = questions.map((q) => {
    const facts = perQuestion.get(q.id)!;
    const mine = candidates.filter((c) => c.questionId === q.id);
    const outcome = outcomeBy.get(q.id);
    const stanceTotals = zeroStances();
    const stanceByCategory = STAKEHOLDER_CATEGORIES.filter((c) => facts.stance.has(c)).map((category) => {
      const cell = facts.stance.get(category)!;
      for (const s of STANCES) stanceTotals[s] += cell.counts[s];
      return { category, counts: cell.counts, total: cell.ids.length };
    });
    return {
      id: q.id,
      ordinal: q.ordinal,
      text: q.text,
      explanation: q.explanation,
      threads: facts.threads,
      posts: facts.posts,
      stanceByCategory,
      stanceTotals,
      positions: facts.positions.sort(
        (x, y) =>
          STAKEHOLDER_CATEGORIES.indexOf(x.category) - STAKEHOLDER_CATEGORIES.indexOf(y.category) ||
          STANCES.indexOf(x.stance) - STANCES.indexOf(y.stance) ||
          (x.organisation ?? "").localeCompare(y.organisation ?? "", "en") ||
          (x.id < y.id ? -1 : 1),
      ),
      argumentsFor: topArguments(mine.filter((c) => c.side === "for"), groupOf),
      argumentsAgainst: topArguments(mine.filter((c) => c.side === "against"), groupOf),
      outcome: outcome ? { outcome: outcome.outcome, reasons: outcome.reasons, updatedAt: outcome.updatedAt.toISOString() } : null,
    };
  });

  return {
    format: "roundtable.summary/1",
    generatedAt: opts.generatedAt.toISOString(),
    siteUrl: opts.siteUrl.replace(/\/+$/, ""),
    consultation: {
      id: consultation.id,
      slug: consultation.slug,
      title: consultation.title,
      summary: consultation.summary,
      status: consultation.status,
      accessMode: consultation.accessMode,
      moderationMode: consultation.moderationMode,
      language: consultation.language,
      opensAt: consultation.opensAt?.toISOString() ?? null,
      closesAt: consultation.closesAt?.toISOString() ?? null,
      createdAt: consultation.createdAt.toISOString(),
      authorsWithheld: !a.showAuthors,
      questions: questions.map((q) => ({ id: q.id, ordinal: q.ordinal, text: q.text, explanation: q.explanation })),
    },
    methodology: methodologyNote({ authorsWithheld: !a.showAuthors }),
    participation: {
      contributors: participants,
      organisations: { ...organisations, byCountry: a.showAuthors ? organisations.byCountry : null },
      positions: { total: sum(positionsByCategory), byCategory: positionsByCategory, byCountry: a.showAuthors ? sortedRecord(positionsByCountry) : null },
      posts: { total: sum(postsByCategory), byCategory: postsByCategory },
      endorsements: { total: sum(endorsementsByCategory), byCategory: endorsementsByCategory },
      weekly: weeklySeries(weeks),
    },
    questions: reportQuestions,
    campaigns,
    ...(responses ? { responses } : {}),
    ...(texts.length ? { texts } : {}),
    moderation,
  };
}

const sum = (counts: CategoryCounts) => Object.values(counts).reduce((n, v) => n + (v ?? 0), 0);

/** The most endorsed arguments of one side; a near-identical group appears once, as its most endorsed member. */
function topArguments(list: Candidate[], groupOf: Map<string, { index: number; size: number }>): ReportArgument[] {
  const sorted = [...list].sort((x, y) => y.endorsements - x.endorsements || x.order - y.order);
  const usedGroups = new Set<number>();
  const out: ReportArgument[] = [];
  for (const c of sorted) {
    if (out.length >= TOP_ARGUMENTS) break;
    const group = groupOf.get(c.id);
    if (group) {
      if (usedGroups.has(group.index)) continue;
      usedGroups.add(group.index);
    }
    const { side: _side, order: _order, questionId: _q, ...argument } = c;
    out.push({ ...argument, nearIdentical: group ? group.size - 1 : 0 });
  }
  return out;
}

/** Distinct people, in total and per category they spoke in. Grouped in the database: no rows are loaded. */
async function countContributors(prisma: PrismaClient, a: ReturnType<typeof audienceFor>) {
  const [posts, positions] = await Promise.all([
    prisma.post.groupBy({ by: ["authorId", "authorCategory"], where: postScopeWhere(a) }),
    prisma.position.groupBy({ by: ["authorId", "category"], where: positionScopeWhere(a) }),
  ]);
  const people = new Set<string>();
  const perCategory = new Map<StakeholderCategory, Set<string>>();
  const add = (authorId: string, category: StakeholderCategory) => {
    people.add(authorId);
    const set = perCategory.get(category) ?? new Set<string>();
    set.add(authorId);
    perCategory.set(category, set);
  };
  posts.forEach((p) => add(p.authorId, p.authorCategory));
  positions.forEach((p) => add(p.authorId, p.category));
  const byCategory = zeroCounts();
  for (const [c, set] of perCategory) byCategory[c] = set.size;
  return { total: people.size, byCategory };
}

/** Distinct organisations with a public position or a public post on their behalf. */
async function countOrganisations(prisma: PrismaClient, a: ReturnType<typeof audienceFor>) {
  const [positions, posts] = await Promise.all([
    prisma.position.groupBy({ by: ["organisationId"], where: positionScopeWhere(a) }),
    prisma.post.groupBy({ by: ["onBehalfOfOrganisationId"], where: { AND: [postScopeWhere(a), { onBehalfOfOrganisationId: { not: null } }] } }),
  ]);
  const ids = [...new Set([...positions.map((p) => p.organisationId), ...posts.map((p) => p.onBehalfOfOrganisationId!)])];
  const orgs = ids.length ? await prisma.organisation.findMany({ where: { id: { in: ids } }, select: { category: true, country: true } }) : [];
  const byCategory = zeroCounts();
  const byCountry = new Map<string, number>();
  for (const o of orgs) {
    byCategory[o.category]++;
    byCountry.set(o.country, (byCountry.get(o.country) ?? 0) + 1);
  }
  return { total: orgs.length, byCategory, byCountry: sortedRecord(byCountry) };
}

/** A contribution as a reader names it (who and where, as far as the audience may know). */
function postLabel(p: { isOpening: boolean; author: string | null; organisation: string | null; category: string; threadTitle: string }): string {
  const who = p.organisation ?? p.author ?? CATEGORY_LABELS[p.category as StakeholderCategory] ?? p.category;
  return `${p.isOpening ? "Post" : "Reply"} by ${who} in “${p.threadTitle}”`;
}

function positionLabel(p: { organisation: string | null; category: string; version: number }): string {
  const whose = p.organisation ?? `a ${CATEGORY_LABELS[p.category as StakeholderCategory] ?? p.category} organisation`;
  return `Position of ${whose}, v${p.version}`;
}

async function describeCampaigns(prisma: PrismaClient, detector: CampaignDetector): Promise<ReportCampaign[]> {
  const groups = detector.groups();
  const firsts = groups.map((g) => g.members[0]!);
  const [posts, positions] = await Promise.all([
    prisma.post.findMany({ where: { id: { in: firsts.filter((f) => f.kind === "post").map((f) => f.id) } }, select: { id: true, bodyHtml: true } }),
    prisma.position.findMany({ where: { id: { in: firsts.filter((f) => f.kind === "position").map((f) => f.id) } }, select: { id: true, summary: true } }),
  ]);
  const text = new Map<string, string>([...posts.map((p) => [p.id, htmlToText(p.bodyHtml)] as const), ...positions.map((p) => [p.id, p.summary] as const)]);
  const link = (m: { kind: "post" | "position"; id: string }) => ({ kind: m.kind, id: m.id, path: `/${m.kind}s/${m.id}` });
  return groups.map((g) => {
    const byCategory: CategoryCounts = {};
    for (const c of STAKEHOLDER_CATEGORIES) {
      const n = g.members.filter((m) => m.category === c).length;
      if (n) byCategory[c] = n;
    }
    return { count: g.members.length, representative: link(g.members[0]!), excerpt: excerpt(text.get(g.members[0]!.id) ?? ""), byCategory, members: g.members.map(link) };
  });
}
