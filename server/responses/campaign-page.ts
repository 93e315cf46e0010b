// The public pages of response campaigns: the shared text, the count by stakeholder category and country,
// and what each member who agreed to publish added of their own. Members who chose not to publish are
// counted, never shown; if none of the members agreed, the shared text itself is withheld.
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation, viewerFor } from "../consultations/access.ts";
import { consultationPolicy, type ConsultationState, type Viewer } from "../consultations/policy.ts";
import type { TAnswers, TQuestionnaire } from "../../shared/schemas/responses.ts";
import { findQuestionnaire } from "./questionnaires.ts";
import { addedText, campaignText } from "./campaigns.ts";
import { countWaitingForGrouping } from "./grouping.ts";
import { applyRedactions, isPublished, presentPublished, PUBLISHED_INCLUDE } from "./publication.ts";

const MEMBERS_SHOWN = 500;

async function tallies(db: Tx, campaignId: string) {
  const [byCategory, byCountry, published] = await Promise.all([
    db.response.groupBy({ by: ["category"], where: { campaignId }, _count: { _all: true } }),
    db.response.groupBy({ by: ["country"], where: { campaignId }, _count: { _all: true } }),
    db.response.count({ where: { campaignId, status: "submitted", consent: { in: ["publish_named", "publish_anonymous"] } } }),
  ]);
  return {
    byCategory: Object.fromEntries(byCategory.map((g) => [g.category, g._count._all])),
    byCountry: Object.fromEntries(byCountry.map((g) => [g.country ?? "unknown", g._count._all])),
    published,
  };
}

/** The shared text: the earliest published member's text, redactions applied (null when no member agreed to publish). */
async function sharedText(db: Tx, q: TQuestionnaire, campaignId: string) {
  const first = await db.response.findFirst({
    where: { campaignId, status: "submitted", consent: { in: ["publish_named", "publish_anonymous"] } },
    include: { redactions: { select: { questionKey: true, redactedText: true } } },
    orderBy: { seq: "asc" },
  });
  return first ? campaignText(q, applyRedactions(first.answers as TAnswers, first.redactions)) : null;
}

export async function listCampaigns(prisma: PrismaClient, actor: Actor | null, idOrSlug: string) {
  const { consultation } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const q = await findQuestionnaire(prisma, consultation.id);
  // Grouping runs beside submissions: the page says how many just-submitted responses it has yet to look
  // at. Counted before the campaigns are read, so "none waiting" means the campaigns read include them all.
  const waitingForGrouping = await countWaitingForGrouping(prisma, consultation.id);
  const campaigns = await prisma.responseCampaign.findMany({ where: { consultationId: consultation.id }, orderBy: [{ memberCount: "desc" }, { createdAt: "asc" }], take: 200 });
  if (!q) return { items: [], waitingForGrouping };
  const items = [];
  for (const c of campaigns) {
    const text = await sharedText(prisma, q.definition, c.id);
    items.push({ id: c.id, count: c.memberCount, ...(await tallies(prisma, c.id)), sharedText: text });
  }
  return { items, waitingForGrouping };
}

export async function getCampaign(prisma: PrismaClient, actor: Actor | null, campaignId: string) {
  const campaign = await prisma.responseCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw errors.notFound("Campaign");
  const viewer: Viewer = await viewerFor(prisma, actor, campaign.consultationId);
  const c: ConsultationState = await prisma.consultation.findUniqueOrThrow({ where: { id: campaign.consultationId } });
  if (!consultationPolicy.read(viewer, c)) throw errors.notFound("Campaign");
  const q = (await findQuestionnaire(prisma, campaign.consultationId))!.definition;
  const shared = await sharedText(prisma, q, campaign.id);
  const members = await prisma.response.findMany({ where: { campaignId: campaign.id }, include: PUBLISHED_INCLUDE, orderBy: { seq: "asc" }, take: MEMBERS_SHOWN });
  const shown = members.filter(isPublished).map((m) => {
    const p = presentPublished(m, viewer, c);
    return { submissionNumber: p.submissionNumber, respondent: p.respondent, organisation: p.organisation, anonymous: p.anonymous, category: p.category, country: p.country, addedText: shared ? addedText(shared, campaignText(q, p.answers)) : "" };
  });
  const t = await tallies(prisma, campaign.id);
  return {
    id: campaign.id,
    consultationId: campaign.consultationId,
    count: campaign.memberCount,
    byCategory: t.byCategory,
    byCountry: t.byCountry,
    published: t.published,
    notPublished: campaign.memberCount - t.published,
    sharedText: shared,
    members: shown,
  };
}
