import type { Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { ANONYMOUS, canSeeContribution, consultationPolicy, contributionPresence, type Viewer } from "../consultations/policy.ts";
import { Prisma, type Consultation, type Thread } from "../db/generated/client.ts";
import { prismaRow, jsonValue } from "../db/rows.ts";
import { higherRole } from "../accounts/roles.ts";
import type { ConsultationRole } from "../../shared/categories.ts";
import type { PostStatus } from "../../shared/schemas/threads.ts";

/** Include fragment: a thread's opening post, as canReadThread needs it. */
export const OPENING_POST = { where: { isOpening: true }, take: 1, select: { status: true, authorId: true, onBehalfOfOrganisationId: true, quarantined: true } } as const;

type OpeningState = Parameters<typeof canSeeContribution>[2];

/**
 * THE rule for whether a thread exists for the viewer: its consultation is readable and its opening post
 * visible to them. Every way to a thread's content (the thread, a permalink to one of its replies,
 * endorsing, flagging or quoting a reply) goes through it.
 */
export function canReadThread(viewer: Viewer, consultation: Parameters<typeof consultationPolicy.read>[1], opening: OpeningState | undefined): boolean {
  return consultationPolicy.read(viewer, consultation) && opening !== undefined && canSeeContribution(viewer, consultation, opening);
}

/**
 * Whether the viewer reads the thread only as the author of its opening post that moderation hid or
 * rejected: they still open it, to see the decision, its reasons and the way to appeal (the post "in
 * place"), while for everyone else it is gone. Such a thread takes no writes from them.
 */
export function readsAsRemovedAuthor(viewer: Viewer, consultation: Parameters<typeof consultationPolicy.read>[1], opening: OpeningState | undefined): boolean {
  return opening !== undefined && !canReadThread(viewer, consultation, opening) && contributionPresence(viewer, consultation, opening, { hasShownReplies: false }) === "full";
}

/** What loadReadableThread tells about a thread's opening post (the fields of OPENING_POST). */
export interface OpeningPost {
  status: PostStatus;
  authorId: string;
  onBehalfOfOrganisationId: string | null;
  quarantined: boolean;
}

interface ReadableThreadRow {
  thread: unknown;
  consultation: unknown;
  opening: unknown;
  roles: ConsultationRole[] | null;
}

/**
 * A thread the actor may read: its consultation is readable and its opening post visible to them
 * (a thread held for review exists only for its author and staff). Otherwise 404. Read-only paths pass
 * `removedAuthorReads` to let the author of a hidden or rejected opening post in (readsAsRemovedAuthor).
 * The thread, its consultation, its opening post and the viewer's roles come from one plain statement:
 * every write into a thread starts here, and through the query builder this was three compiled queries
 * (test/bench, W2).
 */
export async function loadReadableThread(db: Tx, actor: Actor | null, threadId: string, opts: { removedAuthorReads?: boolean } = {}) {
  const userId = actor?.id ?? null;
  const [row] = await db.$queryRaw<ReadableThreadRow[]>`
    SELECT to_jsonb(t) AS thread, to_jsonb(c) AS consultation,
           (SELECT jsonb_build_object('status', o.status, 'authorId', o.author_id, 'onBehalfOfOrganisationId', o.on_behalf_of_organisation_id, 'quarantined', o.quarantined)
              FROM posts o WHERE o.thread_id = t.id AND o.is_opening LIMIT 1) AS opening,
           CASE WHEN ${userId}::text IS NULL THEN NULL ELSE ARRAY(
             SELECT m.role::text FROM consultation_members m WHERE m.consultation_id = t.consultation_id AND m.user_id = ${userId}
             UNION ALL
             SELECT co.role::text FROM consultation_organisations co
               JOIN organisation_memberships om ON om.organisation_id = co.organisation_id AND om.user_id = ${userId}
              WHERE co.consultation_id = t.consultation_id) END AS roles
      FROM threads t JOIN consultations c ON c.id = t.consultation_id
     WHERE t.id = ${threadId}`;
  if (!row) throw errors.notFound("Thread");
  const thread = prismaRow<Thread>(row.thread, Prisma.ThreadScalarFieldEnum);
  const consultation = prismaRow<Consultation>(row.consultation, Prisma.ConsultationScalarFieldEnum);
  const viewer: Viewer = actor ? { userId: actor.id, isAdmin: actor.isAdmin, role: (row.roles ?? []).reduce<ConsultationRole | null>((best, r) => higherRole(best, r), null) } : ANONYMOUS;
  const opening = row.opening ? jsonValue<OpeningPost>(row.opening) : undefined;
  const asRemovedAuthor = opts.removedAuthorReads === true && readsAsRemovedAuthor(viewer, consultation, opening);
  if (!opening || (!canReadThread(viewer, consultation, opening) && !asRemovedAuthor)) {
    throw errors.notFound("Thread");
  }
  return { thread, consultation, viewer, opening, asRemovedAuthor };
}
