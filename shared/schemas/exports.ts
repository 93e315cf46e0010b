// Exports and summary reports: request schemas, the contributions export document (its JSON Schema is
// published at GET /api/exports/contributions.schema.json) and the shape of the summary report's data.
import { z } from "zod";
import { AMENDMENT_KINDS, AMENDMENT_OUTCOMES, TEXT_UNIT_KINDS, type ReportText } from "./texts.ts";
import { LIMITS } from "../limits.ts";
import { STAKEHOLDER_CATEGORIES, type StakeholderCategory } from "../categories.ts";
import { REPLY_TYPES, POST_STATUSES } from "./threads.ts";
import { STANCES, EVIDENCE_KINDS, type Stance } from "./positions.ts";
import { REASON_CODES } from "./moderation.ts";
import { zQueryInt, zRequiredText } from "./common.ts";

export const EXPORT_SCOPES = ["public", "staff"] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];
export const CONTRIBUTION_FORMATS = ["csv", "json", "xlsx"] as const;
export type ContributionFormat = (typeof CONTRIBUTION_FORMATS)[number];
export const REPORT_FORMATS = ["html", "md", "pdf", "docx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const EXPORT_JOB_KINDS = ["pdf", "docx", "package"] as const;
export type ExportJobKind = (typeof EXPORT_JOB_KINDS)[number];
/** "expired": done, then its result was deleted after EXPORT_RESULT_TTL_HOURS (make it again). */
export const EXPORT_JOB_STATUSES = ["queued", "running", "done", "failed", "cancelled", "expired"] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

export const QUESTION_OUTCOMES = ["accepted", "partly_accepted", "not_accepted", "out_of_scope"] as const;
export type QuestionOutcomeKind = (typeof QUESTION_OUTCOMES)[number];
export const QUESTION_OUTCOME_LABELS: Record<QuestionOutcomeKind, string> = {
  accepted: "Accepted",
  partly_accepted: "Partly accepted",
  not_accepted: "Not accepted",
  out_of_scope: "Out of scope",
};

/** The :version of a published summary report's download path. */
export const zReportVersion = zQueryInt(1, 1_000_000);

/** ?scope= on data exports: "public" is what an anonymous reader sees; "staff" (organisers, admins) adds every status. */
export const zExportQuery = z.object({ scope: z.enum(EXPORT_SCOPES).default("public") });

export const zPutOutcomeBody = z
  .object({
    outcome: z.enum(QUESTION_OUTCOMES),
    /** Why: published in the summary report's response matrix. */
    reasons: zRequiredText(LIMITS.plainTextMax),
  })
  .strict();
export type TPutOutcomeBody = z.infer<typeof zPutOutcomeBody>;

export const zCreateExportJobBody = z
  .object({
    kind: z.enum(EXPORT_JOB_KINDS),
    scope: z.enum(EXPORT_SCOPES).default("public"),
  })
  .strict();
export type TCreateExportJobBody = z.infer<typeof zCreateExportJobBody>;

// ---- The contributions export: one document, three kinds of rows. ----

const category = z.enum(STAKEHOLDER_CATEGORIES);
const tally = z.record(z.string(), z.number().int()).meta({ description: "Endorsements by the endorser's stakeholder category" });
const nullableText = z.string().nullable();

/** Fields present only in staff exports (null or absent in public ones). */
const staffFields = {
  quarantined: z.boolean().optional().meta({ description: "Staff exports: reported as illegal content (its text is withheld)" }),
  moderationAction: nullableText.optional().meta({ description: "Staff exports: the latest moderation decision on the item" }),
  moderationReasonCode: z.enum(REASON_CODES).nullable().optional(),
  moderationStatement: nullableText.optional(),
  moderatedAt: nullableText.optional(),
};

export const zExportPost = z
  .object({
    kind: z.literal("post"),
    id: z.string(),
    seq: z.number().int().meta({ description: "Insertion order" }),
    threadId: z.string(),
    threadTitle: z.string(),
    questionId: nullableText,
    questionOrdinal: z.number().int().nullable(),
    parentId: nullableText,
    replyType: z.enum(REPLY_TYPES).nullable(),
    isOpening: z.boolean(),
    category: category.meta({ description: "The stakeholder category the author spoke in" }),
    authorId: nullableText.meta({ description: "Null when authors are withheld (Chatham House)" }),
    author: nullableText,
    organisationId: nullableText,
    organisation: nullableText.meta({ description: "The organisation spoken for; null when withheld or none" }),
    status: z.enum(POST_STATUSES),
    body: z.string().meta({ description: "Plain text of the contribution" }),
    bodyHtml: z.string().meta({ description: "The sanitised HTML as published" }),
    createdAt: z.string(),
    editedAt: nullableText,
    version: z.number().int(),
    endorsements: z.number().int(),
    endorsementsByCategory: tally,
    permalink: z.string(),
    textDocumentId: nullableText.meta({ description: "Comments by unit: the draft text the post's thread is about, if any" }),
    textEId: nullableText.meta({ description: "Comments by unit: the unit (Akoma Ntoso-style eId) the post's thread is about, if any" }),
    ...staffFields,
  })
  .meta({ id: "ExportPost" });

export const zExportPosition = z
  .object({
    kind: z.literal("position"),
    id: z.string(),
    questionId: z.string(),
    questionOrdinal: z.number().int(),
    category: category.meta({ description: "The organisation's category when the position was published" }),
    organisationId: nullableText,
    organisation: nullableText,
    country: nullableText,
    authorId: nullableText,
    author: nullableText,
    stance: z.enum(STANCES),
    summary: z.string(),
    argument: z.string().meta({ description: "Plain text of the argument" }),
    argumentHtml: z.string(),
    amendmentText: nullableText,
    declarationOfInterests: nullableText,
    fundingSources: nullableText,
    evidence: z.array(z.object({ kind: z.enum(EVIDENCE_KINDS), citation: z.string(), url: nullableText })),
    status: z.enum(POST_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
    endorsements: z.number().int(),
    endorsementsByCategory: tally,
    permalink: z.string(),
    citedUnits: z
      .array(z.object({ textId: z.string(), eId: z.string(), label: z.string() }))
      .meta({ description: "Units of the consultation's draft texts the position concerns (see the units rows), as cited" }),
    ...staffFields,
  })
  .meta({ id: "ExportPosition" });

export const zExportEndorsement = z
  .object({
    kind: z.literal("endorsement"),
    id: z.string(),
    targetKind: z.enum(["post", "position"]),
    targetId: z.string(),
    category: category.meta({ description: "The endorser's stakeholder category (endorsers are never named)" }),
    createdAt: z.string(),
  })
  .meta({ id: "ExportEndorsement" });

export const zExportTextUnit = z
  .object({
    kind: z.literal("unit"),
    id: z.string(),
    documentId: z.string(),
    documentTitle: z.string(),
    version: z.number().int().meta({ description: "The document's current version, the one exported" }),
    eId: z.string().meta({ description: "Akoma Ntoso-style identifier, stable across versions: art_7__para_4__point_b" }),
    parentEId: nullableText,
    unitKind: z.enum(TEXT_UNIT_KINDS),
    ordinal: z.number().int().meta({ description: "Position in the document (sort by it for reading order)" }),
    num: nullableText.meta({ description: "As printed: Article 7, 4., (b)" }),
    heading: nullableText,
    text: z.string().meta({ description: "The unit's own words (not its children's)" }),
    comments: z.number().int().meta({ description: "Visible posts in threads anchored to this unit (any version)" }),
    amendments: z.number().int().meta({ description: "Visible amendments to this unit (any version)" }),
    permalink: z.string(),
  })
  .meta({ id: "ExportTextUnit" });

export const zExportAmendment = z
  .object({
    kind: z.literal("amendment"),
    id: z.string(),
    documentId: z.string(),
    eId: z.string(),
    version: z.number().int().meta({ description: "The version the amendment was written against" }),
    amendmentKind: z.enum(AMENDMENT_KINDS),
    spanStart: z.number().int().nullable().meta({ description: "First word amended (from 0); null for the whole unit" }),
    spanEnd: z.number().int().nullable(),
    quote: z.string().meta({ description: "The words replaced or deleted" }),
    proposedText: z.string(),
    justification: z.string().meta({ description: "Plain text of the justification" }),
    justificationHtml: z.string(),
    evidence: z.array(z.object({ kind: z.enum(EVIDENCE_KINDS), citation: z.string(), url: nullableText })),
    declarationOfInterests: nullableText,
    fundingSources: nullableText,
    category: category.meta({ description: "The stakeholder category the author proposed in" }),
    authorId: nullableText.meta({ description: "Null when authors are withheld (Chatham House)" }),
    author: nullableText,
    organisationId: nullableText,
    organisation: nullableText,
    status: z.enum(POST_STATUSES),
    outcome: z.enum(AMENDMENT_OUTCOMES).nullable().meta({ description: "The organisers' outcome" }),
    outcomeReasons: nullableText,
    createdAt: z.string(),
    endorsements: z.number().int(),
    endorsementsByCategory: tally,
    permalink: z.string(),
    quarantined: z.boolean().optional().meta({ description: "Staff exports: reported as illegal content (its text is withheld)" }),
  })
  .meta({ id: "ExportAmendment" });

export const zContributionsExport = z
  .object({
    format: z.literal("roundtable.contributions/1"),
    generatedAt: z.string(),
    scope: z.enum(EXPORT_SCOPES),
    consultation: z.object({
      id: z.string(),
      slug: z.string(),
      title: z.string(),
      accessMode: z.string(),
      authorsWithheld: z.boolean().meta({ description: "True under the Chatham House rule: only categories are given" }),
    }),
    posts: z.array(zExportPost),
    positions: z.array(zExportPosition),
    endorsements: z.array(zExportEndorsement),
    units: z.array(zExportTextUnit).meta({ description: "The units of each draft text's current version, with their comment and amendment counts" }),
    amendments: z.array(zExportAmendment),
  })
  .meta({
    id: "ContributionsExport",
    title: "Roundtable contributions export",
    description:
      "Contributions of one consultation. Quarantined (reported-as-illegal) text is never included; authors' emails never appear.",
  });
export type TExportPost = z.infer<typeof zExportPost>;
export type TExportPosition = z.infer<typeof zExportPosition>;
export type TExportEndorsement = z.infer<typeof zExportEndorsement>;
export type TExportTextUnit = z.infer<typeof zExportTextUnit>;
export type TExportAmendment = z.infer<typeof zExportAmendment>;
export type TExportRow = TExportPost | TExportPosition | TExportEndorsement | TExportTextUnit | TExportAmendment;

// ---- The summary report's data: what every format is rendered from, and what the content hash covers. ----

export type CategoryCounts = Partial<Record<StakeholderCategory, number>>;

export interface ReportLink {
  kind: "post" | "position";
  id: string;
  /** Site-relative permalink, e.g. "/posts/abc". */
  path: string;
  /** What a reader calls it: "Position of Safe Childhood Alliance Europe, v2", "Reply by … in “…”". */
  label?: string;
}

export interface ReportArgument extends ReportLink {
  excerpt: string;
  category: StakeholderCategory;
  /** Null when withheld (Chatham House) or when the author spoke for no organisation. */
  author: string | null;
  organisation: string | null;
  stance: Stance | null;
  replyType: "supports" | "contests" | null;
  endorsements: number;
  endorsementsByCategory: CategoryCounts;
  /** Near-identical contributions folded into this one (see campaigns). */
  nearIdentical: number;
}

export interface ReportPositionLine extends ReportLink {
  organisation: string | null;
  country: string | null;
  category: StakeholderCategory;
  stance: Stance;
  summary: string;
  declarationOfInterests: string | null;
  fundingSources: string | null;
  endorsements: number;
  endorsementsByCategory: CategoryCounts;
}

export interface ReportQuestion {
  id: string;
  ordinal: number;
  text: string;
  explanation: string | null;
  threads: number;
  posts: number;
  /** Stance counts per category: rows follow STAKEHOLDER_CATEGORIES, columns STANCES. */
  stanceByCategory: { category: StakeholderCategory; counts: Record<Stance, number>; total: number }[];
  stanceTotals: Record<Stance, number>;
  positions: ReportPositionLine[];
  argumentsFor: ReportArgument[];
  argumentsAgainst: ReportArgument[];
  outcome: { outcome: QuestionOutcomeKind; reasons: string; updatedAt: string } | null;
}

export interface ReportCampaign {
  count: number;
  /** The earliest contribution of the group, shown in its place. */
  representative: ReportLink;
  excerpt: string;
  byCategory: CategoryCounts;
  members: ReportLink[];
}

/** Formal responses (questionnaires) in the report: counts, and campaigns with their content, from what respondents agreed to publish. */
export interface ReportResponses {
  total: number;
  published: number;
  notPublished: number;
  byCategory: CategoryCounts;
  /** Counted apart, never removed: marked by a moderator as suspected automated. (Absent in reports made before.) */
  suspectedAutomated?: number;
  /** Responses with at least one verified report that they were submitted in someone's name without consent. */
  reportedImpersonation?: number;
  /** By how they reached us: web, email, paper, partner (taken in from other channels, counted apart). */
  byChannel?: Record<string, number>;
  /** The coding of open answers, when a codebook exists: the method in words and each code's figures. */
  analysis?: {
    method: string;
    codedUnits: number;
    doubleCodedUnits: number;
    codes: { path: string; units: number; byCategory: CategoryCounts; agreementUnits: number; kappa: number | null; band: string }[];
  } | null;
  campaigns: {
    count: number;
    published: number;
    suspectedAutomated?: number;
    reportedImpersonation?: number;
    byCategory: CategoryCounts;
    /** Null when no member agreed to publish: the campaign is counted, its text withheld. */
    sharedText: string | null;
    /** What published members added to the shared text. */
    additions: string[];
    moreAdditions: number;
  }[];
}

export interface ReportData {
  format: "roundtable.summary/1";
  generatedAt: string;
  /** Absolute base for permalinks, e.g. "https://consult.example.eu". */
  siteUrl: string;
  consultation: {
    id: string;
    slug: string;
    title: string;
    summary: string;
    status: string;
    accessMode: string;
    moderationMode: string;
    language: string;
    opensAt: string | null;
    closesAt: string | null;
    createdAt: string;
    authorsWithheld: boolean;
    questions: { id: string; ordinal: number; text: string; explanation: string | null }[];
  };
  methodology: string[];
  participation: {
    contributors: { total: number; byCategory: CategoryCounts };
    organisations: { total: number; byCategory: CategoryCounts; byCountry: Record<string, number> | null };
    positions: { total: number; byCategory: CategoryCounts; byCountry: Record<string, number> | null };
    posts: { total: number; byCategory: CategoryCounts };
    endorsements: { total: number; byCategory: CategoryCounts };
    weekly: { weekStart: string; posts: number; positions: number }[];
  };
  questions: ReportQuestion[];
  campaigns: ReportCampaign[];
  /** Absent in reports made before questionnaires existed, and for consultations without one. */
  responses?: ReportResponses | null;
  /** The draft texts' contested articles; absent for consultations without a text (and in older reports). */
  texts?: ReportText[];
  moderation: {
    decisions: { total: number; byAction: Record<string, number>; byReasonCode: Record<string, number>; automated: number; human: number; byAuthorCategory: Record<string, number> };
    appeals: { lodged: number; byOutcome: Record<string, number> };
    medianSecondsToDecision: number | null;
  };
}
