// Moderation: the queue, decisions on posts, positions and threads, flags, quarantined content, the
// author's decisions and appeals, staff appeals, the audit log and the public transparency report.
// Types follow server/moderation/*.ts.
import type { StakeholderCategory } from "../../../shared/categories.ts";
import type { TAffectedContribution } from "../../../shared/schemas/threads-moderated.ts";
import type { ContentAction, ReasonCode, TContentDecisionBody, TFlagBody, TThreadDecisionBody } from "../../../shared/schemas/moderation.ts";
import type { ReplyType } from "../../../shared/schemas/threads.ts";
import { request, withQuery } from "./client.ts";

const enc = encodeURIComponent;

export type QueueHint = "new_account" | "links" | "many_links" | "unverified_organisation" | "many_flags";

interface QueueItemBase {
  id: string;
  status: "pending" | "published" | "hidden" | "rejected" | "withdrawn";
  /** Reported as illegal content. */
  urgent: boolean;
  /** Never shown in the queue: opened on purpose, and every opening is logged. */
  quarantined: boolean;
  queuedAt: string;
  createdAt: string;
  /** Plain text; null when quarantined. */
  excerpt: string | null;
  author: {
    id: string;
    displayName: string;
    category: StakeholderCategory;
    memberSince: string;
    organisations: { id: string; name: string; verified: boolean; role: string }[];
  };
  /** Earlier decisions by moderators about this author, by action. */
  priorDecisions: Partial<Record<string, number>>;
  flags: { count: number; reasons: { reason: ReasonCode; note: string | null; at: string }[] };
  hints: QueueHint[];
}

export interface QueuePostItem extends QueueItemBase {
  kind: "post";
  context: {
    thread: { id: string; title: string };
    parentExcerpt: string | null;
    replyType: ReplyType | null;
    onBehalfOf: { id: string; name: string } | null;
  };
}

export interface QueuePositionItem extends QueueItemBase {
  kind: "position";
  context: {
    question: { id: string; ordinal: number; text: string };
    organisation: { id: string; name: string; verified: boolean } | null;
  };
}

/** A held amendment to a draft text (decided through /amendments/:id/moderation). */
export interface QueueAmendmentItem extends QueueItemBase {
  kind: "amendment";
  context: {
    text: { id: string; title: string; consultationSlug: string };
    eId: string;
    /** "Article 7(4)", as printed in the current version. */
    unitLabel: string;
    quote: string | null;
    organisation: { id: string; name: string; verified: boolean } | null;
  };
}

export type QueueItem = QueuePostItem | QueuePositionItem | QueueAmendmentItem;

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  total: number;
}

export function getQueue(consultationId: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<QueuePage> {
  return request<QueuePage>("GET", `/consultations/${enc(consultationId)}/moderation/queue`, { query, signal });
}

export interface DecisionResult {
  decision: { id: string; action: string; createdAt: string; confirmed: boolean };
  status: string;
  /** Positions: a removal waits for a second moderator. */
  awaitingConfirmation?: boolean;
}

export type ContentDecision = Pick<TContentDecisionBody, "reasonCode" | "statement" | "body"> & { action: ContentAction };

export function decideOnPost(id: string, body: ContentDecision): Promise<DecisionResult> {
  return request<DecisionResult>("POST", `/posts/${enc(id)}/moderation`, { body });
}

export function decideOnPosition(id: string, body: ContentDecision): Promise<DecisionResult> {
  return request<DecisionResult>("POST", `/positions/${enc(id)}/moderation`, { body });
}

export function confirmRemoval(decisionId: string): Promise<{ status: string }> {
  return request<{ status: string }>("POST", `/moderation/decisions/${enc(decisionId)}/confirm`);
}

export interface ThreadState {
  id: string;
  status: "open" | "locked" | "archived";
  pinned: boolean;
  slowModeSeconds: number;
}

export async function decideOnThread(id: string, body: TThreadDecisionBody): Promise<ThreadState> {
  return (await request<{ thread: ThreadState }>("POST", `/threads/${enc(id)}/moderation`, { body })).thread;
}

export type FlagKind = "post" | "position" | "amendment";
const FLAG_COLLECTION: Record<FlagKind, string> = { post: "posts", position: "positions", amendment: "amendments" };

export function flagContribution(kind: FlagKind, id: string, body: TFlagBody): Promise<{ received: true }> {
  return request("POST", `/${FLAG_COLLECTION[kind]}/${enc(id)}/flags`, { body });
}

/** A quarantined post, position or amendment as stored; opening it is written to the audit log. */
export interface QuarantinedContent {
  id: string;
  status: string;
  /** Posts. */
  bodySource?: string;
  /** Positions. */
  summary?: string;
  argumentSource?: string;
  stance?: string;
  /** Amendments: the words replaced, the new wording, the justification as written. */
  quote?: string;
  proposedText?: string;
  justificationSource?: string;
  createdAt: string;
}

export async function openQuarantined(kind: FlagKind, id: string): Promise<QuarantinedContent> {
  return (await request<{ item: QuarantinedContent }>("GET", `/moderation/quarantine/${FLAG_COLLECTION[kind]}/${enc(id)}`)).item;
}

// The author's side.

export interface MyDecision {
  id: string;
  action: string;
  automated: boolean;
  reasonCode: ReasonCode | null;
  statement: string | null;
  consultationId: string | null;
  postId: string | null;
  positionId: string | null;
  amendmentId: string | null;
  /** The author's own amendment the decision was about: where it is in the reading view. */
  amendment: { id: string; consultationSlug: string; documentId: string; eId: string; status: string; quarantined: boolean } | null;
  createdAt: string;
  appealable: boolean;
  appeal: { id: string; status: "open" | "upheld" | "overturned"; outcomeStatement: string | null } | null;
  /** The author's own post the decision was about (its text), or null. */
  contribution: TAffectedContribution | null;
}

export async function listMyDecisions(signal?: AbortSignal): Promise<MyDecision[]> {
  return (await request<{ items: MyDecision[] }>("GET", "/me/decisions", { signal })).items;
}

export async function lodgeAppeal(decisionId: string, message: string): Promise<{ id: string; status: string; createdAt: string }> {
  return (await request<{ appeal: { id: string; status: string; createdAt: string } }>("POST", `/moderation/decisions/${enc(decisionId)}/appeal`, { body: { message } })).appeal;
}

// Staff: appeals.

export interface StaffAppeal {
  id: string;
  status: "open" | "upheld" | "overturned";
  message: string;
  createdAt: string;
  outcomeStatement: string | null;
  decision: {
    id: string;
    action: string;
    reasonCode: ReasonCode | null;
    statement: string | null;
    decidedById: string | null;
    postId: string | null;
    positionId: string | null;
    amendmentId: string | null;
  };
  canDecide: boolean;
}

export async function listAppeals(consultationId: string, signal?: AbortSignal): Promise<StaffAppeal[]> {
  return (await request<{ items: StaffAppeal[] }>("GET", `/consultations/${enc(consultationId)}/moderation/appeals`, { signal })).items;
}

export async function decideAppeal(appealId: string, body: { outcome: "upheld" | "overturned"; statement: string }): Promise<{ id: string; status: string }> {
  return (await request<{ appeal: { id: string; status: string } }>("POST", `/moderation/appeals/${enc(appealId)}/decision`, { body })).appeal;
}

// The record.

export interface AuditEntry {
  id: string;
  seq: number;
  createdAt: string;
  actorId: string | null;
  actorName: string | null;
  automated: boolean;
  action: string;
  targetType: string;
  targetId: string;
  reasonCode: ReasonCode | null;
  statement: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

export function readAuditLog(consultationId: string, filter: AuditFilter & { cursor?: string; limit?: number }, signal?: AbortSignal) {
  return request<{ items: AuditEntry[]; nextCursor: string | null }>("GET", `/consultations/${enc(consultationId)}/moderation/log`, { query: { ...filter }, signal });
}

/** The same log as CSV: a plain link, so the browser downloads it with the session cookie. */
export function auditCsvUrl(consultationId: string, filter: AuditFilter): string {
  return "/api" + withQuery(`/consultations/${enc(consultationId)}/moderation/log`, { ...filter, format: "csv" });
}

export interface TransparencyReport {
  consultationId: string;
  decisions: {
    total: number;
    byAction: Record<string, number>;
    byReasonCode: Record<string, number>;
    automated: number;
    human: number;
    byAuthorCategory: Record<string, number>;
  };
  appeals: { lodged: number; byOutcome: Record<string, number> };
  medianSecondsToDecision: number | null;
}

export function getTransparency(consultationId: string, signal?: AbortSignal): Promise<TransparencyReport> {
  return request<TransparencyReport>("GET", `/consultations/${enc(consultationId)}/transparency`, { signal });
}
