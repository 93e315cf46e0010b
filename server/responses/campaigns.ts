// Campaigns of formal responses, grouped incrementally as responses are submitted, with the shingling
// the summary report uses (server/exports/report/campaigns.ts: same normalisation, shingles, MinHash
// bands and Jaccard threshold). The band index lives in the database (response_campaign_bands), so
// grouping a new response costs a few indexed look-ups and at most BUCKET_CANDIDATES exact comparisons,
// however many responses came before. A response joins the campaign of the first candidate whose text
// is similar enough (the candidate becomes the campaign's representative if it had none); otherwise its
// bands are indexed and it may start one later. "Similar enough" is the report's Jaccard threshold on
// shingle sets, or the same share of the representative's shingles contained in the new text: a person
// who signs the letter and adds a paragraph of their own is in the campaign (their addition is shown). Grouping runs in the submission's transaction under a
// per-consultation advisory lock, so two copies submitted at once cannot both start separate groups.
import type { Tx } from "../db/index.ts";
import { CAMPAIGN_PARAMS, jaccard, normaliseWords, shingleSet, signature } from "../exports/report/campaigns.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";
import type { TAnswers, TQuestionnaire } from "../../shared/schemas/responses.ts";

/** Texts shorter than this are not campaign material ("No.", "I agree"). */
export const CAMPAIGN_MIN_WORDS = 12;
const BUCKET_CANDIDATES = 24;
const CAMPAIGN_LOCK = 7_270_014;

/** The free text of a response that campaigns are about: its text answers, in questionnaire order. */
export function campaignText(q: TQuestionnaire, answers: TAnswers): string {
  return allQuestions(q)
    .filter((x) => x.type === "long_text" || x.type === "short_text")
    .map((x) => answers[x.key])
    .filter((v): v is string => typeof v === "string" && v.trim().length > 0)
    .join("\n\n");
}

/** The larger of the Jaccard similarity and the share of the representative's shingles the text contains. */
export function similarity(representative: Uint32Array, text: Uint32Array): number {
  const j = jaccard(representative, text);
  // |A ∩ B| from the Jaccard index: j = c / (a + b - c).
  const common = (j * (representative.length + text.length)) / (1 + j);
  return Math.max(j, representative.length ? common / representative.length : 0);
}

function bandKeys(text: string): { set: Uint32Array; keys: string[] } | null {
  if (normaliseWords(text).length < CAMPAIGN_MIN_WORDS) return null;
  const set = shingleSet(text);
  if (set.length === 0) return null;
  const sig = signature(set);
  const { bands, rows } = CAMPAIGN_PARAMS;
  const keys = Array.from({ length: bands }, (_, b) => `${b}:${Array.from(sig.subarray(b * rows, (b + 1) * rows)).join(",")}`);
  return { set, keys };
}

/** Groups a just-submitted response (not yet in a campaign). Returns the campaign id it joined, if any. */
export async function groupIntoCampaign(tx: Tx, q: TQuestionnaire, response: { id: string; consultationId: string; answers: TAnswers; campaignId: string | null }): Promise<string | null> {
  if (response.campaignId) return response.campaignId;
  const text = campaignText(q, response.answers);
  const hashed = bandKeys(text);
  if (!hashed) return null;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CAMPAIGN_LOCK}, hashtext(${response.consultationId}))`;
  const candidates = await tx.responseCampaignBand.findMany({
    where: { consultationId: response.consultationId, bandKey: { in: hashed.keys }, responseId: { not: response.id } },
    select: { responseId: true },
    distinct: ["responseId"],
    take: BUCKET_CANDIDATES,
  });
  if (candidates.length > 0) {
    const rows = await tx.response.findMany({ where: { id: { in: candidates.map((c) => c.responseId) } }, select: { id: true, seq: true, answers: true, campaignId: true }, orderBy: { seq: "asc" } });
    for (const candidate of rows) {
      if (similarity(shingleSet(campaignText(q, candidate.answers as TAnswers)), hashed.set) < CAMPAIGN_PARAMS.threshold) continue;
      const campaignId =
        candidate.campaignId ??
        (await tx.responseCampaign.create({ data: { consultationId: response.consultationId, representativeId: candidate.id, memberCount: 1 }, select: { id: true } })).id;
      if (!candidate.campaignId) await tx.response.update({ where: { id: candidate.id }, data: { campaignId } });
      await tx.response.update({ where: { id: response.id }, data: { campaignId } });
      await tx.responseCampaign.update({ where: { id: campaignId }, data: { memberCount: { increment: 1 } } });
      return campaignId;
    }
  }
  // No similar text yet: this one may start a group.
  await tx.responseCampaignBand.createMany({ data: hashed.keys.map((bandKey) => ({ consultationId: response.consultationId, bandKey, responseId: response.id })), skipDuplicates: true });
  return null;
}

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
const sentenceKey = (s: string) => normaliseWords(s).join(" ");

/** What a member wrote beyond the campaign's shared text: its sentences that the shared text does not have. */
export function addedText(shared: string, own: string): string {
  const known = new Set(sentences(shared).map(sentenceKey));
  return sentences(own)
    .filter((s) => !known.has(sentenceKey(s)))
    .join(" ");
}
