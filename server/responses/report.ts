// The formal responses in the summary report (which is public): how many were submitted, by stakeholder
// category, how many the respondents agreed to publish, and each campaign with its count and content
// (the shared text and what published members added), all from what respondents agreed to publish; and,
// counted apart (never removed), responses marked as suspected automated and those reported, with a
// verified email, as submitted in someone's name without their consent.
import type { Tx } from "../db/index.ts";
import type { ReportResponses } from "../../shared/schemas/exports.ts";
import type { TAnswers } from "../../shared/schemas/responses.ts";
import { findQuestionnaire } from "./questionnaires.ts";
import { addedText, campaignText } from "./campaigns.ts";
import { applyRedactions, isPublished, publishedResponsesWhere } from "./publication.ts";
import { computeAnalysis } from "./analysis/results.ts";

const CAMPAIGNS_IN_REPORT = 50;
const VERIFIED_REPORT = { impersonationReports: { some: { verifiedAt: { not: null } } } } as const;
const ADDITIONS_PER_CAMPAIGN = 20;

export async function describeResponsesForReport(db: Tx, consultationId: string): Promise<ReportResponses | null> {
  const q = await findQuestionnaire(db, consultationId);
  if (!q) return null;
  const submitted = { consultationId, status: "submitted" as const };
  const [total, published, byCategory, campaigns, suspectedAutomated, reportedImpersonation, byChannel] = await Promise.all([
    db.response.count({ where: submitted }),
    db.response.count({ where: publishedResponsesWhere(consultationId) }),
    db.response.groupBy({ by: ["category"], where: submitted, _count: { _all: true }, orderBy: { category: "asc" } }),
    db.responseCampaign.findMany({ where: { consultationId }, orderBy: [{ memberCount: "desc" }, { createdAt: "asc" }, { id: "asc" }], take: CAMPAIGNS_IN_REPORT }),
    db.response.count({ where: { ...submitted, suspectedAutomatedAt: { not: null } } }),
    db.response.count({ where: { ...submitted, ...VERIFIED_REPORT } }),
    db.response.groupBy({ by: ["channel"], where: submitted, _count: { _all: true }, orderBy: { channel: "asc" } }),
  ]);
  const reported = [];
  for (const c of campaigns) {
    const members = await db.response.findMany({
      where: { campaignId: c.id },
      include: { redactions: { select: { questionKey: true, redactedText: true } }, _count: { select: { impersonationReports: { where: { verifiedAt: { not: null } } } } } },
      orderBy: { seq: "asc" },
    });
    const shown = members.filter(isPublished).map((m) => campaignText(q.definition, applyRedactions(m.answers as TAnswers, m.redactions)));
    const shared = shown[0] ?? null;
    const additions = shared ? shown.slice(1).map((text) => addedText(shared, text)).filter(Boolean) : [];
    const cats: Record<string, number> = {};
    for (const m of members) cats[m.category] = (cats[m.category] ?? 0) + 1;
    const flagged = {
      suspectedAutomated: members.filter((m) => m.suspectedAutomatedAt !== null).length,
      reportedImpersonation: members.filter((m) => m._count.impersonationReports > 0).length,
    };
    reported.push({ count: c.memberCount, published: shown.length, byCategory: cats, ...flagged, sharedText: shared, additions: additions.slice(0, ADDITIONS_PER_CAMPAIGN), moreAdditions: Math.max(0, additions.length - ADDITIONS_PER_CAMPAIGN) });
  }
  const hasCodebook = (await db.responseCode.count({ where: { consultationId } })) > 0;
  const analysis = hasCodebook ? await computeAnalysis(db, consultationId) : null;
  return {
    total,
    published,
    notPublished: total - published,
    byCategory: Object.fromEntries(byCategory.map((g) => [g.category, g._count._all])),
    suspectedAutomated,
    reportedImpersonation,
    byChannel: Object.fromEntries(byChannel.map((g) => [g.channel, g._count._all])),
    // Aggregates only: no answer, no coder, no respondent.
    analysis: analysis && {
      method: analysis.method,
      codedUnits: analysis.codedUnits,
      doubleCodedUnits: analysis.doubleCodedUnits,
      codes: analysis.codes.map((c) => ({ path: c.path, units: c.units, byCategory: c.byCategory, agreementUnits: c.agreement.units, kappa: c.agreement.kappa === null ? null : Math.round(c.agreement.kappa * 10_000) / 10_000, band: c.agreement.band })),
    },
    campaigns: reported,
  };
}
