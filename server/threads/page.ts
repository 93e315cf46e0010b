// The thread page (GET /api/threads/:id/posts) as two SQL queries with typed row mappers: the thread's
// access facts (thread, consultation, opening post, the viewer's roles) in one, the page of posts with
// authors, organisations, endorsement tallies and the viewer's own endorsements in the other. Through
// Prisma's query builder the same page took seven queries, each compiled afresh, and was most of the
// page's CPU (issue 12). The rules stay in consultations/policy.ts: the access row is judged by the same
// predicates as loadReadableThread, the page is filtered by contributionVisibility and presented by
// presentPost.
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/index.ts";
import { readRows } from "../db/direct-reads.ts";
import type { Actor } from "../accounts/actor.ts";
import type { ConsultationRole } from "../../shared/categories.ts";
import type { AccessMode, ConsultationStatus } from "../../shared/schemas/consultations.ts";
import type { PostStatus } from "../../shared/schemas/threads.ts";
import { higherRole } from "../accounts/roles.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { ANONYMOUS, consultationPolicy, contributionPresence, contributionVisibility, type Viewer } from "../consultations/policy.ts";
import { moderationPolicy } from "../moderation/policy.ts";
import { presentPost, type EndorsementTally, type PostRow, type PostView } from "../posts/present.ts";
import { LIMITS } from "../../shared/limits.ts";
import type { ReasonCode } from "../../shared/schemas/moderation.ts";
import type { TPostModeration, TRemovedContribution } from "../../shared/schemas/threads-moderated.ts";

interface AccessRow {
  consultation_id: string;
  consultation_status: ConsultationStatus;
  access_mode: AccessMode;
  opening_status: PostStatus | null;
  opening_author_id: string | null;
  direct_role: ConsultationRole | null;
  /** The roles granted to the viewer's organisations, comma-separated. */
  organisation_roles: string | null;
}

/** A thread the actor may read, as loadReadableThread decides it, from one query. Otherwise 404. */
async function loadThreadAccess(db: Tx, actor: Actor | null, threadId: string) {
  const userId = actor?.id ?? null;
  const [row] = await readRows<AccessRow>(db, Prisma.sql`
    SELECT t.consultation_id, c.status::text AS consultation_status, c.access_mode::text AS access_mode,
           o.status::text AS opening_status, o.author_id AS opening_author_id,
           (SELECT m.role::text FROM consultation_members m WHERE m.consultation_id = t.consultation_id AND m.user_id = ${userId}) AS direct_role,
           (SELECT string_agg(co.role::text, ',') FROM consultation_organisations co
              WHERE co.consultation_id = t.consultation_id
                AND EXISTS (SELECT 1 FROM organisation_memberships om WHERE om.organisation_id = co.organisation_id AND om.user_id = ${userId})) AS organisation_roles
    FROM threads t
    JOIN consultations c ON c.id = t.consultation_id
    LEFT JOIN LATERAL (SELECT p.status, p.author_id FROM posts p WHERE p.thread_id = t.id AND p.is_opening LIMIT 1) o ON true
    WHERE t.id = ${threadId}`);
  if (!row) throw errors.notFound("Thread");
  const viewer: Viewer = actor
    ? {
        userId: actor.id,
        isAdmin: actor.isAdmin,
        role: (row.organisation_roles?.split(",") ?? []).reduce<ConsultationRole | null>((best, r) => higherRole(best, r as ConsultationRole), row.direct_role),
      }
    : ANONYMOUS;
  const consultation = { id: row.consultation_id, status: row.consultation_status, accessMode: row.access_mode };
  const opening = row.opening_status && row.opening_author_id ? { status: row.opening_status, authorId: row.opening_author_id } : null;
  // As loadReadableThread with removedAuthorReads: reading a page is a read-only path.
  if (!consultationPolicy.read(viewer, consultation) || !opening || contributionPresence(viewer, consultation, opening, { hasShownReplies: false }) !== "full") throw errors.notFound("Thread");
  return { viewer, consultation };
}

interface PostPageRow {
  id: string;
  seq: number;
  thread_id: string;
  consultation_id: string;
  parent_id: string | null;
  depth: number;
  is_opening: boolean;
  reply_type: string | null;
  quoted_post_id: string | null;
  author_id: string;
  on_behalf_of_organisation_id: string | null;
  author_category: string;
  body_source: string;
  body_html: string;
  status: PostStatus;
  quarantined: boolean;
  version: number;
  edited_at: Date | string | null;
  created_at: Date | string;
  author_display_name: string;
  organisation_name: string | null;
  /** "category:count,category:count", or null without endorsements. */
  tally: string | null;
  viewer_endorsed: boolean;
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function toPostRow(r: PostPageRow): PostRow {
  return {
    id: r.id,
    seq: r.seq,
    threadId: r.thread_id,
    consultationId: r.consultation_id,
    parentId: r.parent_id,
    depth: r.depth,
    isOpening: r.is_opening,
    replyType: r.reply_type as PostRow["replyType"],
    quotedPostId: r.quoted_post_id,
    authorId: r.author_id,
    onBehalfOfOrganisationId: r.on_behalf_of_organisation_id,
    authorCategory: r.author_category as PostRow["authorCategory"],
    bodySource: r.body_source,
    bodyHtml: r.body_html,
    status: r.status,
    quarantined: r.quarantined,
    version: r.version,
    editedAt: r.edited_at === null ? null : asDate(r.edited_at),
    createdAt: asDate(r.created_at),
    author: { id: r.author_id, displayName: r.author_display_name },
    onBehalfOf: r.on_behalf_of_organisation_id ? { id: r.on_behalf_of_organisation_id, name: r.organisation_name! } : null,
  };
}

function toTally(text: string | null): EndorsementTally {
  const tally: EndorsementTally = { total: 0, byCategory: {} };
  if (!text) return tally;
  for (const part of text.split(",")) {
    const at = part.lastIndexOf(":");
    const n = Number(part.slice(at + 1));
    tally.byCategory[part.slice(0, at)] = n;
    tally.total += n;
  }
  return tally;
}

/** The decision behind a hidden or rejected row, as the page query joins it. */
interface DecisionColumns {
  decision_id: string | null;
  decision_action: "hide" | "reject" | null;
  decision_reason: ReasonCode | null;
  decision_statement: string | null;
  decision_subject_id: string | null;
  decision_at: Date | string | null;
  appeal_status: "open" | "upheld" | "overturned" | null;
  /** For hidden and rejected rows: a reply the viewer is shown answers it (then the gap keeps its id). */
  has_shown_reply: boolean | null;
}

function toModeration(r: DecisionColumns, viewer: Viewer): TPostModeration | null {
  if (!r.decision_id || !r.decision_action || !r.decision_at) return null;
  return {
    decisionId: r.decision_id,
    action: r.decision_action,
    reasonCode: r.decision_reason,
    statement: r.decision_statement,
    decidedAt: asDate(r.decision_at).toISOString(),
    appealable: viewer.userId !== null && r.appeal_status === null && moderationPolicy.appeal(viewer.userId, { subjectUserId: r.decision_subject_id, action: r.decision_action }),
    appealStatus: r.appeal_status,
  };
}

/** A gap in the thread: its place and the reason code, nothing of its text, author or id (see zRemovedContribution). */
function toRemoved(r: PostPageRow & DecisionColumns): TRemovedContribution {
  return {
    kind: "removed",
    seq: r.seq,
    parentId: r.parent_id,
    depth: r.depth,
    displayDepth: Math.min(r.depth, LIMITS.displayDepthMax),
    anchorId: r.has_shown_reply ? r.id : null,
    reasonCode: r.decision_reason,
  };
}

export async function readThreadPage(db: Tx, actor: Actor | null, threadId: string, query: { cursor?: string; limit: number }) {
  const { viewer, consultation } = await loadThreadAccess(db, actor, threadId);
  const after = query.cursor ? decodeCursor(query.cursor, { seq: cursorKeys.seq }).seq : 0;
  const visibility = contributionVisibility(viewer, consultation);
  const staff = visibility.kind === "all";
  // Which replies the viewer is shown, as contributionPresence decides (a rejected reply of someone
  // else's counts as not shown, which keeps the rule from recursing): the gaps that replies answer.
  const userId = viewer.userId;
  const shownReply = staff
    ? Prisma.sql`true`
    : userId
      ? Prisma.sql`(r.status IN ('published', 'hidden') OR (r.author_id = ${userId} AND r.status IN ('pending', 'rejected')))`
      : Prisma.sql`r.status IN ('published', 'hidden')`;
  // Whether a reply the viewer is shown answers p. A scalar subquery with LIMIT 1, not EXISTS: PostgreSQL
  // turns an EXISTS inside an expression into a hashed subplan that reads every post of the table once per
  // query (109 ms on 100,000 posts, test/bench W1), where this is one probe of posts_parent_id_idx per row.
  const answeredByShownReply = Prisma.sql`(SELECT true FROM posts r WHERE r.parent_id = p.id AND ${shownReply} LIMIT 1) IS NOT NULL`;
  // A superset of what contributionPresence keeps (it has the last word, row by row): published and
  // hidden posts, the viewer's own pending and rejected ones, and rejected ones a shown reply answers.
  const visible = staff
    ? Prisma.empty
    : Prisma.sql`AND (p.status IN ('published', 'hidden') ${userId ? Prisma.sql`OR (p.author_id = ${userId} AND p.status IN ('pending', 'rejected'))` : Prisma.empty} OR (p.status = 'rejected' AND ${answeredByShownReply}))`;
  // readRows: the page is the hottest read there is, and Prisma's runtime cost more than the statement.
  const rows = await readRows<PostPageRow & DecisionColumns>(db, Prisma.sql`
    SELECT p.id, p.seq, p.thread_id, p.consultation_id, p.parent_id, p.depth, p.is_opening, p.reply_type::text AS reply_type,
           p.quoted_post_id, p.author_id, p.on_behalf_of_organisation_id, p.author_category::text AS author_category,
           p.body_source, p.body_html, p.status::text AS status, p.quarantined, p.version, p.edited_at, p.created_at,
           u.display_name AS author_display_name, org.name AS organisation_name,
           (SELECT string_agg(g.category || ':' || g.n, ',')
              FROM (SELECT e.category::text AS category, count(*) AS n FROM endorsements e WHERE e.post_id = p.id GROUP BY e.category) g) AS tally,
           EXISTS (SELECT 1 FROM endorsements e WHERE e.post_id = p.id AND e.user_id = ${viewer.userId}) AS viewer_endorsed,
           d.id AS decision_id, d.action::text AS decision_action, d.reason_code::text AS decision_reason, d.statement AS decision_statement,
           d.subject_user_id AS decision_subject_id, d.created_at AS decision_at, d.appeal_status,
           CASE WHEN p.status IN ('hidden', 'rejected') THEN ${answeredByShownReply} END AS has_shown_reply
    FROM posts p
    JOIN users u ON u.id = p.author_id
    LEFT JOIN organisations org ON org.id = p.on_behalf_of_organisation_id
    -- Only hidden and rejected rows look up the decision that took them down (the latest, once confirmed).
    LEFT JOIN LATERAL (
      SELECT md.id, md.action, md.reason_code, md.statement, md.subject_user_id, md.created_at, a.status::text AS appeal_status
      FROM moderation_decisions md LEFT JOIN appeals a ON a.decision_id = md.id
      WHERE p.status IN ('hidden', 'rejected') AND md.post_id = p.id AND md.action IN ('hide', 'reject') AND md.confirmed_at IS NOT NULL
      ORDER BY md.created_at DESC LIMIT 1
    ) d ON true
    WHERE p.thread_id = ${threadId} AND p.seq > ${after} ${visible}
    ORDER BY p.seq
    LIMIT ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  const items: ((PostView & { moderation?: TPostModeration }) | TRemovedContribution)[] = [];
  for (const r of page) {
    const item = { status: r.status, authorId: r.author_id };
    const presence = contributionPresence(viewer, consultation, item, { hasShownReplies: r.has_shown_reply === true });
    if (presence === "none") continue;
    if (presence === "placeholder") {
      items.push(toRemoved(r));
      continue;
    }
    const post: PostView = presentPost(toPostRow(r), viewer, consultation, { endorsements: toTally(r.tally), viewerEndorsed: r.viewer_endorsed });
    // Its author and staff read what happened to it where it stood.
    const moderation = r.status === "hidden" || r.status === "rejected" ? toModeration(r, viewer) : null;
    items.push(moderation ? { ...post, moderation } : post);
  }
  return {
    items,
    // The cursor follows the rows read, not the items kept, so a page that dropped rows still moves on.
    nextCursor: rows.length > query.limit ? encodeCursor({ seq: page.at(-1)!.seq }) : null,
  };
}
