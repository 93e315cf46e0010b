// Threads and posts: list and start threads, page through a thread, reply (idempotently), edit,
// withdraw, endorse, open a permalink. Types follow server/threads/service.ts and server/posts/present.ts.
import type { StakeholderCategory } from "../../../shared/categories.ts";
import type { Page } from "../../../shared/schemas/common.ts";
import type { AccessMode, ConsultationStatus, ModerationMode } from "../../../shared/schemas/consultations.ts";
import type { PostStatus, TCreatePostBody, TCreateThreadBody } from "../../../shared/schemas/threads.ts";
import type { TRemovedContribution } from "../../../shared/schemas/threads-moderated.ts";
import type { TPostView } from "../../../shared/schemas/reads.ts";
import { request } from "./client.ts";

export interface EndorsementTally {
  total: number;
  /** Endorsements per stakeholder category of the endorsers. */
  byCategory: Partial<Record<StakeholderCategory, number>>;
}

export interface ThreadSummary {
  id: string;
  consultationId: string;
  questionId: string | null;
  questionOrdinal: number | null;
  title: string;
  status: "open" | "locked" | "archived";
  pinned: boolean;
  /** "pending" while the opening post waits for a moderator (its author and staff see it then). */
  openingStatus: PostStatus;
  /** Null under the Chatham House rule (unless the viewer is staff or the author). */
  author: { id: string; displayName: string } | null;
  postCount: number;
  createdAt: string;
  lastPostAt: string;
  abilities: { reply: boolean; askQuestion: boolean; moderate: boolean };
}

export interface ThreadDetail extends ThreadSummary {
  /** Seconds between one person's posts; known from live updates and moderation answers. */
  slowModeSeconds?: number;
  question: { id: string; ordinal: number; text: string } | null;
  consultation: {
    id: string;
    slug: string;
    title: string;
    status: ConsultationStatus;
    accessMode: AccessMode;
    moderationMode: ModerationMode;
  };
}

/**
 * A post as the server presents it (shared/schemas/reads.ts, which the presenter is typed with), plus
 * the client's own mark for a gap: a hidden post as everyone else sees it (the server sends only its
 * place and reason), kept in the post list so that the thread's shape, and the replies under it, stay.
 */
export type Post = TPostView & { removed?: { reasonCode: TRemovedContribution["reasonCode"] } };

export interface PostContext {
  post: Post;
  /** The chain of parents the viewer may see, oldest first. */
  ancestors: Post[];
  thread: { id: string; title: string; consultationId: string; consultationSlug: string };
}

export interface EndorsementState {
  endorsements: EndorsementTally;
  viewerEndorsed: boolean;
}

const enc = encodeURIComponent;

export function listThreads(
  consultationId: string,
  query: { questionId?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<ThreadSummary>> {
  return request<Page<ThreadSummary>>("GET", `/consultations/${enc(consultationId)}/threads`, { query, signal });
}

export function createThread(consultationId: string, input: TCreateThreadBody): Promise<{ thread: ThreadSummary; post: Post }> {
  return request("POST", `/consultations/${enc(consultationId)}/threads`, { body: input });
}

export async function getThread(id: string, signal?: AbortSignal): Promise<ThreadDetail> {
  return (await request<{ thread: ThreadDetail }>("GET", `/threads/${enc(id)}`, { signal })).thread;
}

/**
 * A gap as a post of the thread view, with nothing of the original: its id is the one its replies name
 * as parent (anchorId), or a key of its own when no reply does.
 */
export function gapAsPost(gap: TRemovedContribution, threadId: string, consultationId = ""): Post {
  return {
    id: gap.anchorId ?? `removed-${gap.seq}`,
    seq: gap.seq,
    threadId,
    consultationId,
    parentId: gap.parentId,
    depth: gap.depth,
    displayDepth: gap.displayDepth,
    isOpening: false,
    replyType: null,
    quotedPostId: null,
    status: "hidden",
    version: 0,
    edited: false,
    editedAt: null,
    createdAt: "",
    bodyHtml: null,
    quarantined: false,
    category: "individual",
    author: null,
    onBehalfOf: null,
    endorsements: { total: 0, byCategory: {} },
    viewerEndorsed: false,
    abilities: { edit: false, withdraw: false, endorse: false, seeRevisions: false },
    removed: { reasonCode: gap.reasonCode },
  };
}

export async function listPosts(threadId: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<Page<Post>> {
  const page = await request<Page<Post | TRemovedContribution>>("GET", `/threads/${enc(threadId)}/posts`, { query, signal });
  return { ...page, items: page.items.map((item) => ("kind" in item && item.kind === "removed" ? gapAsPost(item, threadId) : (item as Post))) };
}

/**
 * Posts a reply. The Idempotency-Key names this one submission: sending it again with the same key
 * (a retry after a lost response) returns the post created the first time instead of a duplicate.
 */
export async function createPost(threadId: string, input: TCreatePostBody, idempotencyKey: string): Promise<Post> {
  const body = await request<{ post: Post }>("POST", `/threads/${enc(threadId)}/posts`, {
    body: input,
    headers: { "Idempotency-Key": idempotencyKey },
  });
  return body.post;
}

export function getPostContext(id: string, signal?: AbortSignal): Promise<PostContext> {
  return request<PostContext>("GET", `/posts/${enc(id)}`, { signal });
}

export async function editPost(id: string, input: { body: string; version: number }): Promise<Post> {
  return (await request<{ post: Post }>("PATCH", `/posts/${enc(id)}`, { body: input })).post;
}

export function withdrawPost(id: string): Promise<void> {
  return request<void>("DELETE", `/posts/${enc(id)}`);
}

export function setPostEndorsement(id: string, endorse: boolean): Promise<EndorsementState> {
  return request<EndorsementState>(endorse ? "POST" : "DELETE", `/posts/${enc(id)}/endorsements`);
}
