// Search over the draft texts: units of each text's current version and published amendments, as extra
// parts of the search UNION (server/search/service.ts) with the same columns and the same visibility
// (readable consultations only; amendments published and not quarantined; never an author). Each row
// keeps its consultation's text-search configuration and a stored vector in it with a GIN index
// (migration 20261201223002_texts_search), so `search @@ q` is an index scan, as for posts: the rows of
// the consultations searched in `cfg` are exactly those whose vector was computed in `cfg`.
import { Prisma } from "../db/generated/client.ts";
import type { PrismaClient } from "../db/index.ts";

export const TEXT_SEARCH_TYPES = ["text_unit", "amendment"] as const;
export type TextSearchType = (typeof TEXT_SEARCH_TYPES)[number];


/**
 * The UNION parts for the text types wanted, over the readable consultations `ids` (all of one text-search
 * configuration `cfg`, the query `q` parsed in it), created in [from, to].
 */
export function textSearchParts(o: { want: (t: TextSearchType) => boolean; ids: string[]; q: Prisma.Sql; cfg: Prisma.Sql; from: Date; to: Date; headline: string; category?: string }): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (o.want("text_unit")) {
    parts.push(Prisma.sql`SELECT 'text_unit' AS type, u.id, u.consultation_id, NULL AS thread_id, d.title,
      ts_headline(${o.cfg}, coalesce(u.heading, '') || ' ' || u.text, q, ${o.headline}) AS snippet, ts_rank(u.search, q) AS rank,
      NULL AS category, NULL AS stance, NULL AS question_id, v.published_at AS created_at
      FROM text_units u JOIN text_versions v ON v.id = u.version_id JOIN text_documents d ON d.id = u.document_id, ${o.q} q
      WHERE u.search @@ q AND u.consultation_id = ANY(${o.ids}) AND v.published_at BETWEEN ${o.from} AND ${o.to}
      AND v.number = (SELECT max(l.number) FROM text_versions l WHERE l.document_id = u.document_id)`);
  }
  if (o.want("amendment")) {
    parts.push(Prisma.sql`SELECT 'amendment' AS type, a.id, a.consultation_id, NULL AS thread_id, d.title,
      ts_headline(${o.cfg}, a.proposed_text || ' … ' || a.justification_source, q, ${o.headline}) AS snippet, ts_rank(a.search, q) AS rank,
      a.category::text AS category, NULL AS stance, NULL AS question_id, a.created_at
      FROM amendments a JOIN text_documents d ON d.id = a.document_id, ${o.q} q
      WHERE a.search @@ q AND a.status = 'published' AND NOT a.quarantined AND a.consultation_id = ANY(${o.ids}) AND a.created_at BETWEEN ${o.from} AND ${o.to}
      ${o.category ? Prisma.sql`AND a.category::text = ${o.category}` : Prisma.empty}`);
  }
  return parts;
}

/** Where a text hit opens: its document and unit (the reading view at the unit). One query per type. */
export async function locateTextHits(prisma: PrismaClient, hits: { type: string; id: string }[]): Promise<Map<string, { documentId: string; eId: string }>> {
  const ids = (type: TextSearchType) => hits.filter((h) => h.type === type).map((h) => h.id);
  const [units, amendments] = await Promise.all([
    ids("text_unit").length ? prisma.textUnit.findMany({ where: { id: { in: ids("text_unit") } }, select: { id: true, documentId: true, eId: true } }) : [],
    ids("amendment").length ? prisma.amendment.findMany({ where: { id: { in: ids("amendment") } }, select: { id: true, documentId: true, eId: true } }) : [],
  ]);
  return new Map([...units, ...amendments].map((r) => [r.id, { documentId: r.documentId, eId: r.eId }]));
}
