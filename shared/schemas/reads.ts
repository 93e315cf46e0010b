// Response schemas of the main read endpoints (issue 10 item 11): the thread page, one consultation
// and the current user. The presenters are typed with them (so they cannot drift apart silently), the
// client takes its types from them instead of hand-kept interfaces, and test/http/read-schemas.test.ts
// parses real responses with them (strict: a field a presenter adds without a schema fails there).
import { z } from "zod";
import { CONSULTATION_ROLES, ORGANISATION_ROLES, STAKEHOLDER_CATEGORIES } from "../categories.ts";
import { ACCESS_MODES, CONSULTATION_STATUSES, MODERATION_MODES } from "./consultations.ts";
import { POST_STATUSES, REPLY_TYPES } from "./threads.ts";
import { zPostModeration, zRemovedContribution } from "./threads-moderated.ts";

const zIso = z.string();

export const zEndorsementTally = z.object({ total: z.number().int(), byCategory: z.record(z.string(), z.number().int()) }).strict();

/** A post as presentPost gives it (server/posts/present.ts). */
export const zPostView = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    threadId: z.string(),
    consultationId: z.string(),
    parentId: z.string().nullable(),
    depth: z.number().int(),
    displayDepth: z.number().int(),
    isOpening: z.boolean(),
    replyType: z.enum(REPLY_TYPES).nullable(),
    quotedPostId: z.string().nullable(),
    status: z.enum(POST_STATUSES),
    version: z.number().int(),
    edited: z.boolean(),
    editedAt: zIso.nullable(),
    createdAt: zIso,
    /** Sanitised HTML; null when reported as illegal (never redistributed). */
    bodyHtml: z.string().nullable(),
    quarantined: z.boolean(),
    /** The Markdown as typed, for its author's edit form only. */
    bodySource: z.string().optional(),
    category: z.enum(STAKEHOLDER_CATEGORIES),
    /** Null under the Chatham House rule for everyone but staff and the author. */
    author: z.object({ id: z.string(), displayName: z.string() }).strict().nullable(),
    onBehalfOf: z.object({ id: z.string(), name: z.string() }).strict().nullable(),
    endorsements: zEndorsementTally,
    viewerEndorsed: z.boolean(),
    abilities: z.object({ edit: z.boolean(), withdraw: z.boolean(), endorse: z.boolean(), seeRevisions: z.boolean() }).strict(),
    /** On a hidden or rejected post, for its author and staff. */
    moderation: zPostModeration.optional(),
  })
  .strict();
export type TPostView = z.infer<typeof zPostView>;

/** GET /api/threads/:id/posts: posts and, in the place of hidden ones, gaps. */
export const zThreadPostsPage = z.object({ items: z.array(z.union([zPostView, zRemovedContribution])), nextCursor: z.string().nullable() }).strict();
export type TThreadPostsPage = z.infer<typeof zThreadPostsPage>;

export const zQuestionView = z.object({ id: z.string(), ordinal: z.number().int(), text: z.string(), explanation: z.string().nullable() }).strict();

export const zConsultationSummaryFields = {
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(CONSULTATION_STATUSES),
  accessMode: z.enum(ACCESS_MODES),
  moderationMode: z.enum(MODERATION_MODES),
  language: z.string(),
  opensAt: zIso.nullable(),
  closesAt: zIso.nullable(),
  questionCount: z.number().int(),
  threadCount: z.number().int(),
};

/** GET /api/consultations/:idOrSlug's consultation, with the caller's role and abilities. */
export const zConsultationView = z
  .object({
    ...zConsultationSummaryFields,
    backgroundHtml: z.string(),
    /** Editors only. */
    backgroundSource: z.string().optional(),
    newcomerThreshold: z.number().int(),
    flagHideThreshold: z.number().int(),
    createdAt: zIso,
    updatedAt: zIso,
    questions: z.array(zQuestionView),
    questionsLockedReason: z.string().nullable(),
    viewer: z
      .object({
        role: z.enum(CONSULTATION_ROLES).nullable(),
        rank: z.enum(["admin", ...CONSULTATION_ROLES, "none"]),
        contributionsHeld: z.boolean(),
      })
      .strict(),
    abilities: z
      .object({
        edit: z.boolean(),
        editQuestions: z.boolean(),
        manageMembers: z.boolean(),
        moderate: z.boolean(),
        startThread: z.boolean(),
        takeStance: z.boolean(),
        seeAuthors: z.boolean(),
      })
      .strict(),
  })
  .strict();
export type TConsultationView = z.infer<typeof zConsultationView>;

/** GET /api/me's user (null when nobody is logged in). */
export const zMeView = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    category: z.enum(STAKEHOLDER_CATEGORIES),
    isAdmin: z.boolean(),
    status: z.enum(["active", "suspended"]),
    language: z.string().nullable(),
    /** False until the link mailed at registration is opened: the account reads but does not contribute. */
    emailVerified: z.boolean(),
    /** How replies and moderation decisions are mailed. */
    mailSettings: z.object({ replies: z.enum(["instant", "digest", "off"]), decisions: z.enum(["instant", "digest", "off"]) }).strict(),
    createdAt: zIso,
    organisations: z.array(
      z.object({ id: z.string(), name: z.string(), category: z.enum(STAKEHOLDER_CATEGORIES), verified: z.boolean(), role: z.enum(ORGANISATION_ROLES) }).strict(),
    ),
    consultationRoles: z.array(z.object({ consultationId: z.string(), role: z.enum(CONSULTATION_ROLES) }).strict()),
  })
  .strict();
export type TMeView = z.infer<typeof zMeView>;
/** Logged in: whether two-factor is on, and whether a staff role the account holds waits for it (REQUIRE_STAFF_2FA). */
export const zMeTwoFactor = z.object({ enabled: z.boolean(), required: z.boolean() }).strict();
export const zMeResponse = z.object({ user: zMeView.nullable(), twoFactor: zMeTwoFactor.optional() }).strict();
