// Who may do what in a consultation: pure predicates over (viewer, consultation state, object state).
// Every channel (REST, search, later sockets and exports) asks these, never its own copy of the rules.
import type { ConsultationRole } from "../../shared/categories.ts";
import type { AccessMode, ConsultationStatus } from "../../shared/schemas/consultations.ts";
import type { PostStatus, ReplyType } from "../../shared/schemas/threads.ts";
import { rankValue, type Rank } from "../accounts/roles.ts";

export interface Viewer {
  /** Null for anonymous visitors. */
  userId: string | null;
  isAdmin: boolean;
  /** The viewer's role in this consultation, directly or through an organisation; null if none. */
  role: ConsultationRole | null;
}

export interface ConsultationState {
  status: ConsultationStatus;
  accessMode: AccessMode;
}

export const ANONYMOUS: Viewer = { userId: null, isAdmin: false, role: null };

/** The viewer's rank here. In an open consultation any registered user acts as a participant. */
export function rankIn(viewer: Viewer, c: ConsultationState): Rank {
  if (viewer.isAdmin) return "admin";
  if (viewer.role) return viewer.role;
  if (viewer.userId && c.accessMode === "open") return "participant";
  return "none";
}

const atLeast = (rank: Rank, min: Rank) => rankValue(rank) >= rankValue(min);
const isStaff = (viewer: Viewer, c: ConsultationState) => atLeast(rankIn(viewer, c), "moderator");
const membersOnly = (c: ConsultationState) => c.accessMode === "restricted" || c.accessMode === "chatham_house";
/** Writing happens only in an open consultation. */
const acceptsContributions = (c: ConsultationState) => c.status === "open";

export const consultationPolicy = {
  /** Drafts: organisers and admins only. Members-only modes: members and admins. Otherwise everyone. */
  read(viewer: Viewer, c: ConsultationState): boolean {
    const rank = rankIn(viewer, c);
    if (c.status === "draft") return atLeast(rank, "organiser");
    if (membersOnly(c)) return viewer.isAdmin || viewer.role !== null;
    return true;
  },
  edit: (viewer: Viewer, c: ConsultationState) => atLeast(rankIn(viewer, c), "organiser"),
  manageMembers: (viewer: Viewer, c: ConsultationState) => atLeast(rankIn(viewer, c), "organiser"),
  seeMembers: (viewer: Viewer, c: ConsultationState) => atLeast(rankIn(viewer, c), "moderator"),
  moderate: (viewer: Viewer, c: ConsultationState) => consultationPolicy.read(viewer, c) && isStaff(viewer, c),
  /** Chatham House: only staff learn who wrote what. */
  seeAuthors: (viewer: Viewer, c: ConsultationState) => c.accessMode !== "chatham_house" || isStaff(viewer, c),

  /** Starting a thread: participants and staff, while open. Observers only ask questions (typed replies). */
  startThread(viewer: Viewer, c: ConsultationState): boolean {
    return acceptsContributions(c) && consultationPolicy.read(viewer, c) && atLeast(rankIn(viewer, c), "participant");
  },
  /** Replying: as startThread, but observers may post replies typed "asks a question". */
  reply(viewer: Viewer, c: ConsultationState, thread: { status: "open" | "locked" | "archived" }, replyType?: ReplyType): boolean {
    if (!acceptsContributions(c) || !consultationPolicy.read(viewer, c)) return false;
    const rank = rankIn(viewer, c);
    if (thread.status !== "open" && !isStaff(viewer, c)) return false;
    if (thread.status === "archived") return false;
    if (rank === "observer") return replyType === "question";
    return atLeast(rank, "participant");
  },
  /** Positions and endorsements are stances: observers take none. */
  takeStance: (viewer: Viewer, c: ConsultationState) =>
    acceptsContributions(c) && consultationPolicy.read(viewer, c) && atLeast(rankIn(viewer, c), "participant"),
};

export interface ContributionState {
  status: PostStatus;
  authorId: string;
}

/**
 * THE visibility rule for posts and positions, used by every channel. Published: whoever reads the
 * consultation. Pending: its author and staff. Hidden, rejected, withdrawn: staff only.
 */
export function canSeeContribution(viewer: Viewer, c: ConsultationState, item: ContributionState): boolean {
  if (!consultationPolicy.read(viewer, c)) return false;
  if (item.status === "published") return true;
  if (isStaff(viewer, c)) return true;
  return item.status === "pending" && viewer.userId !== null && item.authorId === viewer.userId;
}

/**
 * The same rule in the three shapes a list can take, for queries written in SQL (the thread page):
 * staff see everything, a signed-in viewer the published ones and their own pending ones, anyone else
 * the published ones. visibleContributionWhere is built from it.
 */
export type ContributionVisibility = { kind: "all" } | { kind: "published-and-own-pending"; userId: string } | { kind: "published" };
export function contributionVisibility(viewer: Viewer, c: ConsultationState): ContributionVisibility {
  if (isStaff(viewer, c)) return { kind: "all" };
  if (viewer.userId) return { kind: "published-and-own-pending", userId: viewer.userId };
  return { kind: "published" };
}

/** The same rule as a Prisma `where` fragment, so lists never fetch what the viewer may not see. */
export function visibleContributionWhere(viewer: Viewer, c: ConsultationState) {
  const v = contributionVisibility(viewer, c);
  if (v.kind === "all") return {};
  if (v.kind === "published-and-own-pending") return { OR: [{ status: "published" as const }, { status: "pending" as const, authorId: v.userId }] };
  return { status: "published" as const };
}

export const contributionPolicy = {
  edit: (viewer: Viewer, c: ConsultationState, item: ContributionState) =>
    acceptsContributions(c) &&
    viewer.userId === item.authorId &&
    (item.status === "published" || item.status === "pending") &&
    consultationPolicy.read(viewer, c),
  withdraw: (viewer: Viewer, c: ConsultationState, item: ContributionState) =>
    viewer.userId === item.authorId && (item.status === "published" || item.status === "pending") && consultationPolicy.read(viewer, c),
  seeRevisions: (viewer: Viewer, c: ConsultationState) => consultationPolicy.moderate(viewer, c),
  endorse: (viewer: Viewer, c: ConsultationState, item: ContributionState) =>
    consultationPolicy.takeStance(viewer, c) && item.status === "published" && viewer.userId !== item.authorId,
};

/** Does a new contribution wait for a moderator? Staff never wait. */
export function holdsForReview(
  viewer: Viewer,
  c: ConsultationState & { moderationMode: "pre" | "post" | "newcomers"; newcomerThreshold: number },
  approvedContributions: number,
): boolean {
  if (isStaff(viewer, c)) return false;
  if (c.moderationMode === "pre") return true;
  if (c.moderationMode === "newcomers") return approvedContributions < c.newcomerThreshold;
  return false;
}

/**
 * How a contribution takes its place in a thread (issue 10 item 4), on top of canSeeContribution:
 * - "full": the viewer may read it (canSeeContribution), and its author also reads their own hidden or
 *   rejected post in place, to learn the decision and appeal it;
 * - "placeholder": a hidden post, for everyone else, is a gap that keeps the thread's shape ("a
 *   contribution was hidden by moderation", the reason code only: no text, author or id). A rejected
 *   post was never published, so it leaves a gap only when a reply the viewer sees answers it;
 * - "none": pending and withdrawn posts of others, and rejected ones nobody answered.
 */
export type ContributionPresence = "full" | "placeholder" | "none";
export function contributionPresence(
  viewer: Viewer,
  c: ConsultationState,
  item: ContributionState,
  facts: { hasShownReplies: boolean },
): ContributionPresence {
  if (!consultationPolicy.read(viewer, c)) return "none";
  if (canSeeContribution(viewer, c, item)) return "full";
  const own = viewer.userId !== null && item.authorId === viewer.userId;
  if (own && (item.status === "hidden" || item.status === "rejected")) return "full";
  if (item.status === "hidden") return "placeholder";
  if (item.status === "rejected" && facts.hasShownReplies) return "placeholder";
  return "none";
}
