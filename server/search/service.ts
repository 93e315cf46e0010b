// Full-text search over consultations, threads, posts and positions with PostgreSQL text search
// (generated tsvector columns, see the search migration). Visibility is part of the SQL: only
// consultations the searcher may read, only published contributions in threads whose opening post is
// published. Results never carry an author, so Chatham House consultations cannot leak one.
import { Prisma } from "../db/generated/client.ts";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { readableConsultationsWhere } from "../consultations/access.ts";
import { locateTextHits, textSearchParts, type TextSearchType } from "../texts/search.ts";

export interface SearchQuery {
  q: string;
  consultationId?: string;
  type?: "consultation" | "thread" | "post" | "position" | "response" | TextSearchType;
  category?: string;
  stance?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

interface Row {
  type: "consultation" | "thread" | "post" | "position" | "response" | TextSearchType;
  id: string;
  consultation_id: string;
  thread_id: string | null;
  title: string;
  snippet: string;
  rank: number;
  category: string | null;
  stance: string | null;
  question_id: string | null;
  created_at: Date;
}

// Every part of the UNION names its columns: when filters leave the first part out, the names still hold.
// Private-use characters mark the highlights: they cannot come from what users type into the index.
const START = "\uE000";
const STOP = "\uE001";
const HEADLINE = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** Splits a headline into text segments, so the client renders highlights without any HTML. */
export function toSegments(headline: string): { text: string; highlight: boolean }[] {
  const segments: { text: string; highlight: boolean }[] = [];
  for (const [i, part] of headline.split(new RegExp(`[${START}${STOP}]`)).entries()) {
    if (part) segments.push({ text: part, highlight: i % 2 === 1 });
  }
  return segments;
}

/**
 * The PostgreSQL text-search configuration of a consultation's language (the migration's
 * search_config_for says the same): stemming and stop words of that language, 'simple' otherwise.
 */
export function searchConfigFor(language: string): "english" | "french" | "german" | "simple" {
  return language === "en" ? "english" : language === "fr" ? "french" : language === "de" ? "german" : "simple";
}

export async function search(prisma: PrismaClient, actor: Actor | null, query: SearchQuery) {
  const readable = await prisma.consultation.findMany({
    where: { AND: [readableConsultationsWhere(actor), query.consultationId ? { id: query.consultationId } : {}] },
    select: { id: true, title: true, slug: true, language: true },
  });
  if (readable.length === 0) return { items: [], total: 0 };
  const titles = new Map(readable.map((c) => [c.id, c]));
  // Each row is indexed in its consultation's language: the query is parsed in that language too, one
  // group of consultations per configuration, so "chiffrement" finds "chiffrés" in a French one only.
  const groups = new Map<string, string[]>();
  for (const c of readable) {
    const cfg = searchConfigFor(c.language);
    groups.set(cfg, [...(groups.get(cfg) ?? []), c.id]);
  }
  const from = query.from ? new Date(query.from) : new Date(0);
  const to = query.to ? new Date(query.to) : new Date("9999-12-31");
  const want = (t: Row["type"]) =>
    (!query.type || query.type === t) && (!query.stance || t === "position") && (!query.category || t === "post" || t === "position" || t === "amendment" || t === "response");

  const parts: Prisma.Sql[] = [];
  for (const [config, ids] of groups) {
    const cfg = Prisma.sql`${config}::regconfig`;
    const q = Prisma.sql`websearch_to_tsquery(${cfg}, ${query.q})`;
    if (want("consultation")) {
      parts.push(Prisma.sql`SELECT 'consultation' AS type, c.id, c.id AS consultation_id, NULL AS thread_id, c.title,
        ts_headline(${cfg}, c.summary || ' ' || c.background_source, q, ${HEADLINE}) AS snippet, ts_rank(c.search, q) AS rank,
        NULL AS category, NULL AS stance, NULL AS question_id, c.created_at
        FROM consultations c, ${q} q WHERE c.search @@ q AND c.id = ANY(${ids}) AND c.created_at BETWEEN ${from} AND ${to}`);
    }
    if (want("thread")) {
      parts.push(Prisma.sql`SELECT 'thread' AS type, t.id, t.consultation_id, t.id AS thread_id, t.title,
        ts_headline(${cfg}, t.title, q, ${HEADLINE}) AS snippet, ts_rank(t.search, q) AS rank, NULL AS category, NULL AS stance, NULL AS question_id, t.created_at
        FROM threads t, ${q} q WHERE t.search @@ q AND t.consultation_id = ANY(${ids}) AND t.created_at BETWEEN ${from} AND ${to}
        AND EXISTS (SELECT 1 FROM posts o WHERE o.thread_id = t.id AND o.is_opening AND o.status = 'published')`);
    }
    if (want("post")) {
      parts.push(Prisma.sql`SELECT 'post' AS type, p.id, p.consultation_id, p.thread_id, t.title,
        ts_headline(${cfg}, p.body_source, q, ${HEADLINE}) AS snippet, ts_rank(p.search, q) AS rank, p.author_category::text AS category, NULL AS stance, NULL AS question_id, p.created_at
        FROM posts p JOIN threads t ON t.id = p.thread_id, ${q} q
        WHERE p.search @@ q AND p.status = 'published' AND p.consultation_id = ANY(${ids}) AND p.created_at BETWEEN ${from} AND ${to}
        ${query.category ? Prisma.sql`AND p.author_category::text = ${query.category}` : Prisma.empty}
        AND EXISTS (SELECT 1 FROM posts o WHERE o.thread_id = p.thread_id AND o.is_opening AND o.status = 'published')`);
    }
    if (want("position")) {
      parts.push(Prisma.sql`SELECT 'position' AS type, s.id, s.consultation_id, NULL AS thread_id, s.summary AS title,
        ts_headline(${cfg}, s.summary || ' ' || s.argument_source, q, ${HEADLINE}) AS snippet, ts_rank(s.search, q) AS rank, s.category::text AS category, s.stance::text AS stance, s.question_id, s.created_at
        FROM positions s, ${q} q WHERE s.search @@ q AND s.status = 'published' AND s.consultation_id = ANY(${ids}) AND s.created_at BETWEEN ${from} AND ${to}
        ${query.category ? Prisma.sql`AND s.category::text = ${query.category}` : Prisma.empty}
        ${query.stance ? Prisma.sql`AND s.stance::text = ${query.stance}` : Prisma.empty}`);
    }
    parts.push(...textSearchParts({ want, ids, q, cfg, from, to, headline: HEADLINE, category: query.category }));
    if (want("response")) {
      // Files of published responses only (server/responses/publication.ts: submitted, consent to publish),
      // listed in their answer and not withheld by a moderator; the title is the submission number, never a
      // name, so anonymous and Chatham House responses stay so.
      parts.push(Prisma.sql`SELECT 'response' AS type, r.id, r.consultation_id, NULL AS thread_id, r.submission_number AS title,
        ts_headline(${cfg}, a.extracted_text, q, ${HEADLINE}) AS snippet, ts_rank(a.search, q) AS rank, r.category::text AS category, NULL AS stance, NULL AS question_id, r.submitted_at AS created_at
        FROM response_attachments a JOIN responses r ON r.id = a.response_id, ${q} q
        WHERE a.search @@ q AND a.withheld_at IS NULL AND r.status = 'submitted' AND r.consent IN ('publish_named', 'publish_anonymous')
        AND (r.answers -> a.question_key) @> jsonb_build_array(a.id)
        AND r.consultation_id = ANY(${ids}) AND r.submitted_at BETWEEN ${from} AND ${to}
        ${query.category ? Prisma.sql`AND r.category::text = ${query.category}` : Prisma.empty}`);
    }
  }
  if (parts.length === 0) return { items: [], total: 0 };
  const union = Prisma.join(parts, " UNION ALL ");
  const rows = await prisma.$queryRaw<(Row & { total: bigint | number })[]>`
    WITH hits AS (${union})
    SELECT type, id, consultation_id, thread_id, title, snippet, rank::float8 AS rank, category, stance, question_id, created_at,
      count(*) OVER () AS total
    FROM hits ORDER BY rank DESC, created_at DESC, id LIMIT ${query.limit} OFFSET ${query.offset}`;
  const located = await locateTextHits(prisma, rows);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      type: r.type,
      id: r.id,
      consultation: { id: r.consultation_id, slug: titles.get(r.consultation_id)!.slug, title: titles.get(r.consultation_id)!.title },
      threadId: r.thread_id,
      title: r.title,
      snippet: toSegments(r.snippet),
      rank: r.rank,
      category: r.category,
      stance: r.stance,
      questionId: r.question_id,
      // Draft-text hits: the document and unit the reading view opens at.
      ...(located.has(r.id) ? { text: located.get(r.id) } : {}),
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}
