// Post rows -> wire shape. In Chatham House mode the author and organisation are left out for
// everyone but staff: only the stakeholder category the author spoke in remains.
import type { Post } from "../db/generated/client.ts";
import { LIMITS } from "../../shared/limits.ts";
import { contributionPolicy, consultationPolicy, type ConsultationState, type Viewer } from "../consultations/policy.ts";
import type { TPostView } from "../../shared/schemas/reads.ts";

export type PostRow = Post & {
  author: { id: string; displayName: string };
  onBehalfOf: { id: string; name: string } | null;
};

export interface EndorsementTally {
  total: number;
  byCategory: Record<string, number>;
}

export const NO_ENDORSEMENTS: EndorsementTally = { total: 0, byCategory: {} };

export function presentPost(
  post: PostRow,
  viewer: Viewer,
  c: ConsultationState,
  extra: { endorsements?: EndorsementTally; viewerEndorsed?: boolean } = {},
): TPostView {
  const showAuthor = consultationPolicy.seeAuthors(viewer, c) || post.authorId === viewer.userId;
  return {
    id: post.id,
    seq: post.seq,
    threadId: post.threadId,
    consultationId: post.consultationId,
    parentId: post.parentId,
    depth: post.depth,
    displayDepth: Math.min(post.depth, LIMITS.displayDepthMax),
    isOpening: post.isOpening,
    replyType: post.replyType,
    quotedPostId: post.quotedPostId,
    status: post.status,
    version: post.version,
    edited: post.editedAt !== null,
    editedAt: post.editedAt?.toISOString() ?? null,
    createdAt: post.createdAt.toISOString(),
    // Reported as illegal: never redistributed, not even to staff in lists (they open it explicitly, logged).
    bodyHtml: post.quarantined ? null : post.bodyHtml,
    quarantined: post.quarantined,
    /** The Markdown as typed, for the author's edit form only. */
    bodySource: contributionPolicy.edit(viewer, c, post) && !post.quarantined ? post.bodySource : undefined,
    category: post.authorCategory,
    author: showAuthor ? { id: post.author.id, displayName: post.author.displayName } : null,
    onBehalfOf: showAuthor && post.onBehalfOf ? { id: post.onBehalfOf.id, name: post.onBehalfOf.name } : null,
    endorsements: extra.endorsements ?? NO_ENDORSEMENTS,
    viewerEndorsed: extra.viewerEndorsed ?? false,
    abilities: {
      edit: contributionPolicy.edit(viewer, c, post),
      withdraw: contributionPolicy.withdraw(viewer, c, post),
      endorse: contributionPolicy.endorse(viewer, c, post),
      seeRevisions: contributionPolicy.seeRevisions(viewer, c),
    },
  };
}
export type PostView = ReturnType<typeof presentPost>;

export const POST_INCLUDE = {
  author: { select: { id: true, displayName: true } },
  onBehalfOf: { select: { id: true, name: true } },
} as const;
