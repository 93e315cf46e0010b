// Every query key of the app in one place. Each starts with what is asked for and ends with who is
// looking (`viewer`, from useViewerKey): what the server answers depends on it, so logging in or out
// makes a new key and the page loads afresh instead of showing what the previous visitor saw.
import type { ConsultationFilters } from "../../api/consultations.ts";

export type Viewer = string | null;

export const keys = {
  consultations: (filters: ConsultationFilters, viewer: Viewer) => ["consultations", filters, viewer] as const,
  /** A consultation by slug or id (both address it). */
  consultation: (slugOrId: string, viewer: Viewer) => ["consultation", slugOrId, viewer] as const,
  threads: (consultationId: string, questionId: string | undefined, viewer: Viewer) => ["threads", consultationId, questionId ?? "", viewer] as const,
  /** Every thread list of a consultation, whatever its filter (for invalidating). */
  allThreads: (consultationId: string) => ["threads", consultationId] as const,
  thread: (threadId: string, viewer: Viewer) => ["thread", threadId, viewer] as const,
  posts: (threadId: string, viewer: Viewer) => ["posts", threadId, viewer] as const,
  /** A contribution's permalink: the post and the chain it answers. */
  postContext: (postId: string, viewer: Viewer) => ["post-context", postId, viewer] as const,
  threadAnchor: (threadId: string, viewer: Viewer) => ["thread-anchor", threadId, viewer] as const,
  positions: (consultationId: string, filters: { questionId: string; stance?: string; category?: string }, viewer: Viewer) =>
    ["positions", consultationId, filters, viewer] as const,
  positionCounts: (consultationId: string, questionIds: string, viewer: Viewer) => ["position-counts", consultationId, questionIds, viewer] as const,
  position: (positionId: string, viewer: Viewer) => ["position", positionId, viewer] as const,
  queue: (consultationId: string, viewer: Viewer) => ["moderation-queue", consultationId, viewer] as const,
  appeals: (consultationId: string, viewer: Viewer) => ["appeals", consultationId, viewer] as const,
  transparency: (consultationId: string, viewer: Viewer) => ["transparency", consultationId, viewer] as const,
  auditLog: (consultationId: string, filters: Record<string, string | undefined>, viewer: Viewer) => ["audit-log", consultationId, filters, viewer] as const,
  /** What waits for this staff member across their consultations: the header's count and /moderation share it. */
  moderationOverview: (viewer: Viewer) => ["moderation-overview", viewer] as const,
  myDecisions: (viewer: Viewer) => ["my-decisions", viewer] as const,
  myRepresentationRequests: (viewer: Viewer) => ["representation", "mine", viewer] as const,
  representationRequestsToDecide: (viewer: Viewer) => ["representation", "to-decide", viewer] as const,
  texts: (consultationId: string, viewer: Viewer) => ["texts", consultationId, viewer] as const,
  readingView: (docId: string, version: number | string | undefined, viewer: Viewer) => ["reading-view", docId, version ?? "", viewer] as const,
  /** One unit's threads and amendments (the unit panel's); ["anchored-threads", docId] covers a text's. */
  anchoredThreads: (docId: string, version: number, eId: string, viewer: Viewer) => ["anchored-threads", docId, version, eId, viewer] as const,
  amendments: (docId: string, version: number, eId: string, viewer: Viewer) => ["amendments", docId, version, eId, viewer] as const,
  amendmentModeration: (consultationId: string, viewer: Viewer) => ["amendment-moderation", consultationId, viewer] as const,
  summaryVersions: (consultationId: string, viewer: Viewer) => ["summary-versions", consultationId, viewer] as const,
  summaryPreview: (consultationId: string, viewer: Viewer) => ["summary-preview", consultationId, viewer] as const,
  outcomes: (consultationId: string, viewer: Viewer) => ["outcomes", consultationId, viewer] as const,
  /** The units of a consultation's current draft texts a position may cite. */
  citableUnits: (consultationId: string, viewer: Viewer) => ["citable-units", consultationId, viewer] as const,
  citingPositions: (documentId: string, eId: string, viewer: Viewer) => ["citing-positions", documentId, eId, viewer] as const,
  responseReview: (consultationId: string, filters: unknown, viewer: Viewer) => ["response-review", consultationId, filters, viewer] as const,
  partnerKeys: (consultationId: string, viewer: Viewer) => ["partner-keys", consultationId, viewer] as const,
  /** A list of an admin or organiser console (accounts, organisations, audit, outbox, moderation log). */
  consoleList: (name: string, filter: unknown, viewer: Viewer) => ["console", name, filter, viewer] as const,
  notifications: (viewer: Viewer) => ["notifications", viewer] as const,
  search: (query: string, viewer: Viewer) => ["search", query, viewer] as const,
};
