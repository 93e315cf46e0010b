// Full-text search over consultations, threads, posts and positions with PostgreSQL text search
// (generated tsvector columns, see the search migration). Visibility is part of the SQL: only
// consultations the searcher may read, only published contributions in threads whose opening post is
// published. Results never carry an author, so Chatham House consultations cannot leak one.
import { Prisma } from "../db/generated/client.ts";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { readableConsultationsWhere } from "../consultations/access.ts";

export interface SearchQuery {
  q: string;
  consultationId?: string;
  type?: "consultation" | "thread" | "post" | "position";
  category?: string;
  stance?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

interface Row {
  type: "consultation" | "thread" | "post" | "position";
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

export async function search(prisma: PrismaClient, actor: Actor | null, query: SearchQuery) {
  const readable = await prisma.consultation.findMany({
    where: { AND: [readableConsultationsWhere(actor), query.consultationId ? { id: query.consultationId } : {}] },
    select: { id: true, title: true, slug: true },
  });
  if (readable.length === 0) return { items: [], total: 0 };
  const ids = readable.map((c) => c.id);
  const titles = new Map(readable.map((c) => [c.id, c]));
  const from = query.from ? new Date(query.from) : new Date(0);
  const to = query.to ? new Date(query.to) : new Date("9999-12-31");
  const want = (t: Row["type"]) => (!query.type || query.type === t) && (!query.stance || t === "position") && (!query.category || t === "post" || t === "position");

  const parts: Prisma.Sql[] = [];
  if (want("consultation")) {
    parts.push(Prisma.sql`SELECT 'consultation' AS type, c.id, c.id AS consultation_id, NULL AS thread_id, c.title,
      ts_headline('english', c.summary || ' ' || c.background_source, q, ${HEADLINE}) AS snippet, ts_rank(c.search, q) AS rank,
      NULL AS category, NULL AS stance, NULL AS question_id, c.created_at
      FROM consultations c WHERE c.search @@ q AND c.id = ANY(${ids}) AND c.created_at BETWEEN ${from} AND ${to}`);
  }
  if (want("thread")) {
    parts.push(Prisma.sql`SELECT 'thread' AS type, t.id, t.consultation_id, t.id AS thread_id, t.title,
      ts_headline('english', t.title, q, ${HEADLINE}) AS snippet, ts_rank(t.search, q) AS rank, NULL AS category, NULL AS stance, NULL AS question_id, t.created_at
      FROM threads t WHERE t.search @@ q AND t.consultation_id = ANY(${ids}) AND t.created_at BETWEEN ${from} AND ${to}
      AND EXISTS (SELECT 1 FROM posts o WHERE o.thread_id = t.id AND o.is_opening AND o.status = 'published')`);
  }
  if (want("post")) {
    parts.push(Prisma.sql`SELECT 'post' AS type, p.id, p.consultation_id, p.thread_id, t.title,
      ts_headline('english', p.body_source, q, ${HEADLINE}) AS snippet, ts_rank(p.search, q) AS rank, p.author_category::text AS category, NULL AS stance, NULL AS question_id, p.created_at
      FROM posts p JOIN threads t ON t.id = p.thread_id
      WHERE p.search @@ q AND p.status = 'published' AND p.consultation_id = ANY(${ids}) AND p.created_at BETWEEN ${from} AND ${to}
      ${query.category ? Prisma.sql`AND p.author_category::text = ${query.category}` : Prisma.empty}
      AND EXISTS (SELECT 1 FROM posts o WHERE o.thread_id = p.thread_id AND o.is_opening AND o.status = 'published')`);
  }
  if (want("position")) {
    parts.push(Prisma.sql`SELECT 'position' AS type, s.id, s.consultation_id, NULL AS thread_id, s.summary AS title,
      ts_headline('english', s.summary || ' ' || s.argument_source, q, ${HEADLINE}) AS snippet, ts_rank(s.search, q) AS rank, s.category::text AS category, s.stance::text AS stance, s.question_id, s.created_at
      FROM positions s WHERE s.search @@ q AND s.status = 'published' AND s.consultation_id = ANY(${ids}) AND s.created_at BETWEEN ${from} AND ${to}
      ${query.category ? Prisma.sql`AND s.category::text = ${query.category}` : Prisma.empty}
      ${query.stance ? Prisma.sql`AND s.stance::text = ${query.stance}` : Prisma.empty}`);
  }
  if (parts.length === 0) return { items: [], total: 0 };
  const union = Prisma.join(parts, " UNION ALL ");
  const rows = await prisma.$queryRaw<(Row & { total: bigint | number })[]>`
    WITH q AS (SELECT websearch_to_tsquery('english', ${query.q}) AS q),
    hits AS (SELECT * FROM q, LATERAL (${union}) h)
    SELECT type, id, consultation_id, thread_id, title, snippet, rank::float8 AS rank, category, stance, question_id, created_at,
      count(*) OVER () AS total
    FROM hits ORDER BY rank DESC, created_at DESC, id LIMIT ${query.limit} OFFSET ${query.offset}`;
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
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}
