// Formal responses: the questionnaire an organiser builds for a consultation, and a respondent's answers.
// The shapes here are checked by zod at the edge; what zod cannot say (keys unique, conditions pointing at
// earlier questions, answers fitting their question) is in shared/questionnaire/, as pure functions the
// server and the respondent's form both run.
import { z } from "zod";
import { zCursor, zId, zPlainText, zQueryInt, zRequiredText, zString } from "./common.ts";
import { STAKEHOLDER_CATEGORIES } from "../categories.ts";
import { LIMITS } from "../limits.ts";
import { zEmail } from "./accounts.ts";
import { REASON_CODES } from "./moderation.ts";

export const RESPONSE_LIMITS = {
  keyMax: 40,
  labelMax: 500,
  helpMax: 2_000,
  sectionsMax: 20,
  questionsMax: 200,
  optionsMax: 50,
  matrixRowsMax: 30,
  shortTextMax: 500,
  longTextMax: 20_000,
  filesPerQuestionMax: 10,
  citesMax: 20,
  scaleSpanMax: 100,
} as const;

export const QUESTION_TYPES = ["single_choice", "multiple_choice", "scale", "ranking", "matrix", "short_text", "long_text", "number", "file_upload"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The Have Your Say choices. Organisations are always named (with their register number), whatever they pick. */
export const CONSENT_CHOICES = ["publish_named", "publish_anonymous", "do_not_publish"] as const;
export type ConsentChoice = (typeof CONSENT_CHOICES)[number];

/** Keys name sections, questions, options and matrix rows: stable identifiers answers refer to. */
export const zKey = zString()
  .min(1, "is required")
  .max(RESPONSE_LIMITS.keyMax, `must be at most ${RESPONSE_LIMITS.keyMax} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, - and _");

const zLabel = zRequiredText(RESPONSE_LIMITS.labelMax);
const zOption = z.object({ key: zKey, label: zLabel }).strict();
const zOptions = z.array(zOption).min(2, "needs at least two options").max(RESPONSE_LIMITS.optionsMax);

/**
 * Show a question only when an earlier answer says so. `choice`: the answer (single or multiple choice)
 * includes one of `anyOf`; `range`: the number or scale answer lies within [min, max]; `answered`: any answer.
 */
export const zCondition = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("choice"), questionKey: zKey, anyOf: z.array(zKey).min(1).max(RESPONSE_LIMITS.optionsMax) }).strict(),
  z.object({ kind: z.literal("range"), questionKey: zKey, min: z.number().finite().optional(), max: z.number().finite().optional() }).strict(),
  z.object({ kind: z.literal("answered"), questionKey: zKey }).strict(),
]);
export type TCondition = z.infer<typeof zCondition>;

/** What a question cites: questions of the consultation, and units of the draft text (by their stable id). */
const zCites = z
  .object({
    questionIds: z.array(zId).max(RESPONSE_LIMITS.citesMax).default([]),
    unitEIds: z.array(zString().min(1).max(200)).max(RESPONSE_LIMITS.citesMax).default([]),
  })
  .strict();

const common = {
  key: zKey,
  label: zLabel,
  help: zPlainText(RESPONSE_LIMITS.helpMax).optional(),
  required: z.boolean().default(false),
  showIf: zCondition.optional(),
  cites: zCites.optional(),
};

export const zQuestion = z.discriminatedUnion("type", [
  z.object({ ...common, type: z.literal("single_choice"), options: zOptions }).strict(),
  z
    .object({
      ...common,
      type: z.literal("multiple_choice"),
      options: zOptions,
      minChoices: z.number().int().min(1).max(RESPONSE_LIMITS.optionsMax).optional(),
      maxChoices: z.number().int().min(1).max(RESPONSE_LIMITS.optionsMax).optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal("scale"),
      min: z.number().int().min(-RESPONSE_LIMITS.scaleSpanMax).max(RESPONSE_LIMITS.scaleSpanMax),
      max: z.number().int().min(-RESPONSE_LIMITS.scaleSpanMax).max(RESPONSE_LIMITS.scaleSpanMax),
      minLabel: zPlainText(RESPONSE_LIMITS.labelMax).optional(),
      maxLabel: zPlainText(RESPONSE_LIMITS.labelMax).optional(),
    })
    .strict(),
  /** Rank some or all options, best first; `rankAll` asks for every one. */
  z.object({ ...common, type: z.literal("ranking"), options: zOptions, rankAll: z.boolean().default(false) }).strict(),
  /** One choice of column per row (agree / disagree for each statement). */
  z
    .object({
      ...common,
      type: z.literal("matrix"),
      rows: z.array(zOption).min(1).max(RESPONSE_LIMITS.matrixRowsMax),
      columns: zOptions,
    })
    .strict(),
  z.object({ ...common, type: z.literal("short_text"), maxLength: z.number().int().min(1).max(RESPONSE_LIMITS.shortTextMax).optional() }).strict(),
  z.object({ ...common, type: z.literal("long_text"), maxLength: z.number().int().min(1).max(RESPONSE_LIMITS.longTextMax).optional() }).strict(),
  z
    .object({
      ...common,
      type: z.literal("number"),
      min: z.number().finite().optional(),
      max: z.number().finite().optional(),
      integer: z.boolean().default(false),
    })
    .strict(),
  z.object({ ...common, type: z.literal("file_upload"), maxFiles: z.number().int().min(1).max(RESPONSE_LIMITS.filesPerQuestionMax).default(1) }).strict(),
]);
export type TQuestion = z.infer<typeof zQuestion>;

export const zSection = z
  .object({
    key: zKey,
    title: zRequiredText(RESPONSE_LIMITS.labelMax),
    description: zPlainText(RESPONSE_LIMITS.helpMax).optional(),
    questions: z.array(zQuestion).min(1, "needs at least one question").max(RESPONSE_LIMITS.questionsMax),
  })
  .strict();

export const zPutQuestionnaireBody = z
  .object({
    title: zRequiredText(RESPONSE_LIMITS.labelMax),
    introduction: zPlainText(RESPONSE_LIMITS.helpMax).optional(),
    sections: z.array(zSection).min(1, "needs at least one section").max(RESPONSE_LIMITS.sectionsMax),
  })
  .strict();
export type TQuestionnaire = z.infer<typeof zPutQuestionnaireBody>;
export type TPutQuestionnaireBody = z.input<typeof zPutQuestionnaireBody>;

/**
 * One answer: text (short/long text, single choice), a number (number, scale), a list of keys (multiple
 * choice, ranking, file ids of a file upload), or row -> column keys (matrix). Which one fits which
 * question is checked by validateAnswers, not here.
 */
export const zAnswerValue = z.union([
  zString().max(RESPONSE_LIMITS.longTextMax, `must be at most ${RESPONSE_LIMITS.longTextMax} characters`),
  z.number().finite(),
  z.array(zString().max(64)).max(RESPONSE_LIMITS.optionsMax),
  z.record(zKey, zKey),
]);
export type TAnswerValue = z.infer<typeof zAnswerValue>;
export const zAnswers = z.record(zKey, zAnswerValue);
export type TAnswers = z.infer<typeof zAnswers>;

/** ISO 3166-1 alpha-2, upper case (or "EU"). */
export const zCountry = zString()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "must be a two-letter country code");

/**
 * Save the caller's response in one capacity (as an individual, or for an organisation they represent).
 * `submit: false` keeps a draft; `submit: true` submits it (the first time) or amends it (later, until the
 * consultation closes), keeping the earlier version.
 */
export const zPutResponseBody = z
  .object({
    organisationId: zId.optional(),
    country: zCountry.optional(),
    consent: z.enum(CONSENT_CHOICES).optional(),
    answers: zAnswers.default({}),
    submit: z.boolean().default(false),
  })
  .strict();
export type TPutResponseBody = z.infer<typeof zPutResponseBody>;

/** What replaces a redacted span wherever a response is published. */
export const REDACTED_MARK = "[redacted]";

export const zRedactionBody = z
  .object({
    questionKey: zKey,
    /** Character offsets [start, end) in the answer's text as the moderator sees it. */
    start: z.number().int().min(0).max(RESPONSE_LIMITS.longTextMax),
    end: z.number().int().min(1).max(RESPONSE_LIMITS.longTextMax),
    /** Shown to the respondent. */
    reason: zRequiredText(2_000),
  })
  .strict()
  .refine((b) => b.end > b.start, { message: "must be after start", path: ["end"] });
export type TRedactionBody = z.infer<typeof zRedactionBody>;

/** Published responses, filtered by stakeholder category, country, and the answer to a choice or scale question. */
export const zListResponsesQuery = z
  .object({
    cursor: zCursor.optional(),
    limit: zQueryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
    category: z.enum(STAKEHOLDER_CATEGORIES).optional(),
    country: zCountry.optional(),
    question: zKey.optional(),
    answer: zKey.optional(),
  })
  .strict()
  .refine((q) => (q.question === undefined) === (q.answer === undefined), { message: "question and answer go together", path: ["answer"] });
export type TListResponsesQuery = z.infer<typeof zListResponsesQuery>;

/** "This response was submitted in my name without my consent": counted once the email is confirmed. */
export const zImpersonationReportBody = z
  .object({
    email: zEmail,
    statement: zRequiredText(2_000),
  })
  .strict();
export type TImpersonationReportBody = z.infer<typeof zImpersonationReportBody>;

export const zVerifyImpersonationBody = z.object({ token: zString().min(20).max(200) }).strict();

/** A moderator's mark; a reason is required to set it (it is audited), optional to lift it. */
export const zSuspectedAutomatedBody = z
  .object({
    suspected: z.boolean(),
    reason: zPlainText(2_000).optional(),
  })
  .strict();
export type TSuspectedAutomatedBody = z.infer<typeof zSuspectedAutomatedBody>;

/** A code of the codebook: a label, the definition analysts apply it by, and optionally a broader code. */
export const zCodeBody = z
  .object({
    label: zRequiredText(200),
    definition: zRequiredText(4_000),
    parentId: zId.nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type TCodeBody = z.infer<typeof zCodeBody>;
export const zCodePatchBody = zCodeBody.partial().strict();
export type TCodePatchBody = z.infer<typeof zCodePatchBody>;

/** One analyst's coding of one open answer: every code that applies (an empty list: none does). */
export const zCodingBody = z.object({ codeIds: z.array(zId).max(100) }).strict();

export const zCodingQueueQuery = z
  .object({
    questionKey: zKey,
    cursor: zCursor.optional(),
    limit: zQueryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  })
  .strict();
export type TCodingQueueQuery = z.infer<typeof zCodingQueueQuery>;

/** A partner organisation that sends responses from its own form through the API. */
export const zCreatePartnerBody = z.object({ name: zRequiredText(200) }).strict();

/** A response sent by a partner: what the web form asks, with the names as the respondent gave them. */
export const zPartnerResponseBody = z
  .object({
    /** The partner's own id for the response: sending it again does not make a second one. */
    externalRef: zString().min(1).max(200).optional(),
    category: z.enum(STAKEHOLDER_CATEGORIES),
    consent: z.enum(CONSENT_CHOICES),
    name: zPlainText(300).optional(),
    organisation: zPlainText(300).optional(),
    registerNumber: zPlainText(100).optional(),
    country: zCountry.optional(),
    answers: zAnswers.default({}),
  })
  .strict();
export type TPartnerResponseBody = z.infer<typeof zPartnerResponseBody>;

/** POST /api/responses/:id/attachments?questionKey=: the file-upload question a file answers. */
export const zUploadQuery = z.object({ questionKey: zKey.meta({ description: "The file-upload question it answers" }) }).strict();
/** POST /api/responses/:id/attachments/:attachmentId/withhold: why the file is kept from publication. */
export const zWithholdBody = z.object({ reason: zRequiredText(2_000) }).strict();

/** Where a formal response came from: the web form, an import of email or paper responses, a partner's API call. */
export const RESPONSE_CHANNELS = ["web", "email", "paper", "partner"] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** GET /api/consultations/:id/responses/review: the staff's list of submitted responses. */
export const zReviewResponsesQuery = z
  .object({
    cursor: zCursor.optional(),
    limit: zQueryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
    suspected: z.enum(["true", "false"]).optional(),
    channel: z.enum(RESPONSE_CHANNELS).optional(),
  })
  .strict();
export type TReviewResponsesQuery = z.infer<typeof zReviewResponsesQuery>;

/**
 * POST /api/responses/:id/attachments/:attachmentId/page-redactions: a page of a PDF redacted before
 * publication. The code is printed on the blank page that replaces it; the statement is the respondent's.
 */
export const zPageRedactionBody = z
  .object({
    page: z.number().int().min(1).max(LIMITS.int4Max),
    reasonCode: z.enum(REASON_CODES),
    reason: zRequiredText(2_000),
  })
  .strict();
export type TPageRedactionBody = z.infer<typeof zPageRedactionBody>;

/**
 * DELETE /api/responses/:id/redactions/:redactionId and DELETE .../page-redactions/:page: a moderator lifts
 * a redaction, saying why (kept in the moderation log; the redacted text never is).
 */
export const zLiftRedactionBody = z.object({ reason: zRequiredText(2_000) }).strict();
export type TLiftRedactionBody = z.infer<typeof zLiftRedactionBody>;

/** The page number in DELETE .../page-redactions/:page. */
export const zPageParam = zQueryInt(1, LIMITS.int4Max);
