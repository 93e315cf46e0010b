// Threads and posts: list and start threads, page through a thread, reply (idempotently), edit,
// withdraw, endorse, open a permalink. Types follow server/threads/service.ts and server/posts/present.ts.
import type { StakeholderCategory } from "../../../shared/categories.ts";
import type { Page } from "../../../shared/schemas/common.ts";
import type { AccessMode, ConsultationStatus, ModerationMode } from "../../../shared/schemas/consultations.ts";
import type { PostStatus, ReplyType, TCreatePostBody, TCreateThreadBody } from "../../../shared/schemas/threads.ts";
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

export interface Post {
  id: string;
  seq: number;
  threadId: string;
  consultationId: string;
  parentId: string | null;
  depth: number;
  displayDepth: number;
  isOpening: boolean;
  replyType: ReplyType | null;
  quotedPostId: string | null;
  status: PostStatus;
  version: number;
  edited: boolean;
  editedAt: string | null;
  createdAt: string;
  /** Sanitised by the server when it was written: safe to render as HTML. Null when quarantined. */
  bodyHtml: string | null;
  /** Reported as illegal: its text is never sent in lists, not even to staff (they open it, logged). */
  quarantined?: boolean;
  /** The Markdown source, if the server sends it (for editing); otherwise it is rebuilt from bodyHtml. */
  bodySource?: string;
  category: StakeholderCategory;
  /** Null under the Chatham House rule: only the category is shown then. */
  author: { id: string; displayName: string } | null;
  onBehalfOf: { id: string; name: string } | null;
  endorsements: EndorsementTally;
  viewerEndorsed: boolean;
  abilities: { edit: boolean; withdraw: boolean; endorse: boolean; seeRevisions: boolean };
}

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

export function listPosts(threadId: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<Page<Post>> {
  return request<Page<Post>>("GET", `/threads/${enc(threadId)}/posts`, { query, signal });
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
