// Campaigns of formal responses, grouped incrementally as responses arrive, with the shingling the
// summary report uses (server/exports/report/campaigns.ts: same normalisation, shingles, MinHash bands
// and Jaccard threshold). The band index lives in the database (response_campaign_bands), so grouping a
// new response costs a share of a few indexed look-ups and at most BUCKET_CANDIDATES exact comparisons,
// however many responses came before. A response joins the campaign of the first candidate whose text is
// similar enough (the candidate becomes the campaign's representative if it had none); otherwise its
// bands are indexed and it may start one later. "Similar enough" is the report's Jaccard threshold on
// shingle sets, or the same share of the representative's shingles contained in the new text: a person
// who signs the letter and adds a paragraph of their own is in the campaign (their addition is shown).
// Grouping takes the responses waiting in arrival order, a batch at a time, under the consultation's
// grouping lock (grouping.ts): the submission itself never waits for it.
import { createId } from "@paralleldrive/cuid2";
import { Prisma } from "../db/generated/client.ts";
import type { RunStatement } from "../db/direct-reads.ts";
import { yieldToEventLoop } from "../exports/event-loop.ts";
import { CAMPAIGN_PARAMS, jaccard, normaliseWords, shingleSet, signature } from "../exports/report/campaigns.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";
import type { TAnswers, TQuestionnaire } from "../../shared/schemas/responses.ts";

/** Texts shorter than this are not campaign material ("No.", "I agree"). */
export const CAMPAIGN_MIN_WORDS = 12;
const BUCKET_CANDIDATES = 24;
const HASHES_BETWEEN_YIELDS = 25;

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

export interface PendingResponse {
  id: string;
  seq: number;
  answers: TAnswers;
}

const pushTo = (map: Map<string, string[]>, key: string, value: string) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

interface Known {
  seq: number;
  set: Uint32Array;
  campaignId: string | null;
}

/**
 * Groups a batch of one consultation's waiting responses (none in a campaign yet), oldest first; each sees
 * the ones before it in the batch as it would have had they been grouped one by one. The caller holds
 * the consultation's grouping lock. Returns how many joined a campaign.
 */
export async function groupResponses(run: RunStatement, q: TQuestionnaire, consultationId: string, pending: PendingResponse[]): Promise<number> {
  const hashed = new Map<string, { set: Uint32Array; keys: string[] }>();
  for (const [i, r] of pending.entries()) {
    const h = bandKeys(campaignText(q, r.answers));
    if (h) hashed.set(r.id, h);
    // A backlog's batch of long letters is tens of milliseconds of hashing: submissions are answered in between.
    if (i % HASHES_BETWEEN_YIELDS === HASHES_BETWEEN_YIELDS - 1) await yieldToEventLoop();
  }
  if (hashed.size === 0) return 0;
  const keys = [...new Set([...hashed.values()].flatMap((h) => h.keys))];
  // Up to BUCKET_CANDIDATES earlier responses per band, in one statement for the whole batch.
  const indexed = await run<{ band_key: string; response_id: string }>(Prisma.sql`
    SELECT k.band_key, b.response_id FROM unnest(${keys}::text[]) AS k(band_key)
    CROSS JOIN LATERAL (SELECT response_id FROM response_campaign_bands
      WHERE consultation_id = ${consultationId} AND band_key = k.band_key LIMIT ${BUCKET_CANDIDATES}) b`);
  const byBand = new Map<string, string[]>();
  for (const b of indexed) pushTo(byBand, b.band_key, b.response_id);
  const known = new Map<string, Known>();
  const ids = [...new Set(indexed.map((b) => b.response_id))];
  if (ids.length > 0) {
    const rows = await run<{ id: string; seq: number; answers: TAnswers; campaign_id: string | null }>(Prisma.sql`
      SELECT id, seq, answers, campaign_id FROM responses WHERE id = ANY(${ids}::text[])`);
    for (const c of rows) known.set(c.id, { seq: c.seq, set: shingleSet(campaignText(q, c.answers)), campaignId: c.campaign_id });
  }

  const joins = new Map<string, string>();
  const increments = new Map<string, number>();
  const newCampaigns: { id: string; representativeId: string }[] = [];
  const newBands: { bandKey: string; responseId: string }[] = [];
  for (const r of [...pending].sort((a, b) => a.seq - b.seq)) {
    const h = hashed.get(r.id);
    if (!h) continue;
    const candidates = new Set<string>();
    for (const k of h.keys) for (const id of byBand.get(k) ?? []) if (id !== r.id && candidates.size < BUCKET_CANDIDATES) candidates.add(id);
    const ordered = [...candidates].flatMap((id) => (known.has(id) ? [[id, known.get(id)!] as const] : [])).sort((a, b) => a[1].seq - b[1].seq);
    let joined: string | null = null;
    for (const [id, candidate] of ordered) {
      if (similarity(candidate.set, h.set) < CAMPAIGN_PARAMS.threshold) continue;
      if (!candidate.campaignId) {
        candidate.campaignId = createId();
        newCampaigns.push({ id: candidate.campaignId, representativeId: id });
        joins.set(id, candidate.campaignId);
      }
      joined = candidate.campaignId;
      break;
    }
    if (joined) {
      joins.set(r.id, joined);
      increments.set(joined, (increments.get(joined) ?? 0) + 1);
      continue;
    }
    // No similar text yet: this one may start a group, for the rest of the batch as for later ones.
    known.set(r.id, { seq: r.seq, set: h.set, campaignId: null });
    for (const k of h.keys) pushTo(byBand, k, r.id);
    newBands.push(...h.keys.map((bandKey) => ({ bandKey, responseId: r.id })));
  }
  if (newCampaigns.length > 0) {
    // Its representative counts as its first member; the members joined in this batch are added below.
    await run(Prisma.sql`
      INSERT INTO response_campaigns (id, consultation_id, representative_id, member_count)
      SELECT c.id, ${consultationId}, c.representative_id, 1 FROM unnest(${newCampaigns.map((c) => c.id)}::text[], ${newCampaigns.map((c) => c.representativeId)}::text[]) AS c(id, representative_id)`);
  }
  if (joins.size > 0) {
    await run(Prisma.sql`UPDATE responses SET campaign_id = j.campaign_id FROM unnest(${[...joins.keys()]}::text[], ${[...joins.values()]}::text[]) AS j(id, campaign_id) WHERE responses.id = j.id`);
    await run(Prisma.sql`UPDATE response_campaigns SET member_count = member_count + i.n FROM unnest(${[...increments.keys()]}::text[], ${[...increments.values()]}::int[]) AS i(id, n) WHERE response_campaigns.id = i.id`);
  }
  if (newBands.length > 0) {
    await run(Prisma.sql`
      INSERT INTO response_campaign_bands (consultation_id, band_key, response_id)
      SELECT ${consultationId}, b.band_key, b.response_id FROM unnest(${newBands.map((b) => b.bandKey)}::text[], ${newBands.map((b) => b.responseId)}::text[]) AS b(band_key, response_id)
      ON CONFLICT DO NOTHING`);
  }
  return [...increments.values()].reduce((a, b) => a + b, 0);
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
