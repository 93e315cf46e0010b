import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { CONSULTATION_ROLES } from "../categories.ts";
import { zCursor, zId, zPlainText, zQueryInt, zRequiredText, zString } from "./common.ts";

export const CONSULTATION_STATUSES = ["draft", "open", "closed", "summary_published", "archived"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export const ACCESS_MODES = ["open", "transparent", "restricted", "chatham_house"] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];
export const MODERATION_MODES = ["pre", "post", "newcomers"] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];
/** Languages the interface and search are prepared for. */
export const LANGUAGES = ["en", "fr", "de"] as const;

export const STATUS_LABELS: Record<ConsultationStatus, string> = {
  draft: "Draft",
  open: "Open",
  closed: "Closed",
  summary_published: "Summary published",
  archived: "Archived",
};
export const ACCESS_MODE_LABELS: Record<AccessMode, string> = {
  open: "Open",
  transparent: "Transparent (members post)",
  restricted: "Restricted to members",
  chatham_house: "Chatham House rule",
};
export const MODERATION_MODE_LABELS: Record<ModerationMode, string> = {
  pre: "Every contribution is reviewed by a moderator before it appears",
  post: "Contributions appear at once; moderators review flagged ones",
  newcomers: "A participant's first contributions are reviewed before they appear",
};

export const zSlug = zString()
  .trim()
  .toLowerCase()
  .min(3, "must be at least 3 characters")
  .max(LIMITS.slugMax)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "may contain only lower-case letters, digits and single hyphens");

export const zQuestionInput = z
  .object({
    /** Present to keep an existing question (and the threads and positions tied to it). */
    id: zId.optional(),
    text: zRequiredText(LIMITS.questionTextMax),
    explanation: zPlainText(LIMITS.plainTextMax).optional(),
  })
  .strict();

const zDate = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).transform((s) => new Date(s));

const consultationFields = {
  title: zRequiredText(LIMITS.titleMax),
  slug: zSlug,
  summary: zRequiredText(LIMITS.summaryMax),
  /** Markdown; stored sanitised. May be empty, unlike a post's body (zRichText). */
  background: zString().max(LIMITS.richTextMax, `must be at most ${LIMITS.richTextMax} characters`).optional(),
  language: z.enum(LANGUAGES),
  accessMode: z.enum(ACCESS_MODES),
  moderationMode: z.enum(MODERATION_MODES),
  newcomerThreshold: z.number().int().min(1).max(50),
  flagHideThreshold: z.number().int().min(1).max(100),
  opensAt: zDate.nullable(),
  closesAt: zDate.nullable(),
  questions: z.array(zQuestionInput).max(LIMITS.questionsMax),
};

const datesInOrder = (b: { opensAt?: Date | null; closesAt?: Date | null }) => !(b.opensAt && b.closesAt && b.closesAt <= b.opensAt);
const datesMessage = { message: "closesAt must be after opensAt", path: ["closesAt"] };

export const zCreateConsultationBody = z
  .object({
    ...consultationFields,
    slug: consultationFields.slug.optional(),
    language: consultationFields.language.default("en"),
    accessMode: consultationFields.accessMode.default("open"),
    moderationMode: consultationFields.moderationMode.default("post"),
    newcomerThreshold: consultationFields.newcomerThreshold.optional(),
    flagHideThreshold: consultationFields.flagHideThreshold.optional(),
    opensAt: consultationFields.opensAt.optional(),
    closesAt: consultationFields.closesAt.optional(),
    questions: consultationFields.questions.default([]),
  })
  .strict()
  .refine(datesInOrder, datesMessage);
export type TCreateConsultationBody = z.infer<typeof zCreateConsultationBody>;

export const zUpdateConsultationBody = z
  .object({
    ...Object.fromEntries(Object.entries(consultationFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof consultationFields]: z.ZodOptional<(typeof consultationFields)[K]>;
    },
    /** A lifecycle move: draft -> open -> closed -> summary_published -> archived (closed -> open reopens). */
    status: z.enum(CONSULTATION_STATUSES).optional(),
  })
  .strict()
  .refine(datesInOrder, datesMessage);
export type TUpdateConsultationBody = z.infer<typeof zUpdateConsultationBody>;

export const zListConsultationsQuery = z.object({
  status: z.enum(CONSULTATION_STATUSES).optional(),
  accessMode: z.enum(ACCESS_MODES).optional(),
  language: z.enum(LANGUAGES).optional(),
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(20),
});

export const zAddMemberBody = z
  .object({
    email: zString().trim().min(1).max(LIMITS.emailMax).optional(),
    organisationId: zId.optional(),
    role: z.enum(CONSULTATION_ROLES),
  })
  .strict()
  .refine((b) => (b.email === undefined) !== (b.organisationId === undefined), {
    message: "give either email or organisationId",
    path: ["email"],
  });
export type TAddMemberBody = z.infer<typeof zAddMemberBody>;

/** The member list: searchable by name or email, filterable by role, paged. */
export const zListMembersQuery = z.object({
  q: zString().trim().max(200).optional(),
  role: z.enum(CONSULTATION_ROLES).optional(),
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type TListMembersQuery = z.infer<typeof zListMembersQuery>;

/** A member's new role (PATCH /consultations/:id/members/:userId): the member list's role control. */
export const zChangeMemberRoleBody = z.object({ role: z.enum(CONSULTATION_ROLES) }).strict();
export type TChangeMemberRoleBody = z.infer<typeof zChangeMemberRoleBody>;
