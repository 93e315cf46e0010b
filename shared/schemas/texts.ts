// Draft texts of a consultation (the proposal, an annex, a compromise text): a tree of units with
// Akoma Ntoso-style eIds, imported from Markdown, HTML, DOCX or Akoma Ntoso XML, published in versions.
import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { zCursor, zId, zPlainText, zQueryInt, zRequiredText, zString } from "./common.ts";
import { zRichText } from "./threads.ts";
import { zEvidenceItem } from "./positions.ts";
import { REASON_CODES } from "./moderation.ts";
import type { StakeholderCategory as StakeholderCategoryName } from "../categories.ts";

/** The kinds of unit recognised, outermost first (the Akoma Ntoso hierarchy, subset). */
export const TEXT_UNIT_KINDS = ["title", "recitals", "recital", "chapter", "section", "article", "paragraph", "point"] as const;
export type TextUnitKind = (typeof TEXT_UNIT_KINDS)[number];

export const TEXT_FORMATS = ["markdown", "html", "docx", "akn"] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];
/** Where a version comes from: a file in one of the formats, or "units", the unit editor's tree as JSON. */
export const TEXT_SOURCE_FORMATS = [...TEXT_FORMATS, "units"] as const;
export type TextSourceFormat = (typeof TEXT_SOURCE_FORMATS)[number];

/** One unit as imported: eId, number and heading as printed, its own text (not its children's). */
export interface TextUnitNode {
  kind: TextUnitKind;
  /** Akoma Ntoso-style identifier, stable across versions: "art_7__para_4__point_b". */
  eId: string;
  /** As printed: "Article 7", "4.", "(b)", "(12)", "CHAPTER II". */
  num: string | null;
  heading: string | null;
  text: string;
  children: TextUnitNode[];
}

/** What an importer recognised: the tree, and what it could not place (shown in the preview). */
export interface ImportedText {
  units: TextUnitNode[];
  warnings: string[];
}

export const TEXT_LIMITS = {
  /** The import's content as sent (DOCX as base64); the JSON body limit bounds it as well. */
  contentMax: 190_000,
  unitsMax: 5_000,
  noteMax: 2_000,
} as const;

const zTextSource = {
  format: z.enum(TEXT_SOURCE_FORMATS),
  /** The file's text; for DOCX, its bytes in base64; for "units", zEditedUnits as JSON. */
  content: zString().min(1, "is required").max(TEXT_LIMITS.contentMax, `must be at most ${TEXT_LIMITS.contentMax} characters`),
};

// ---- The unit editor: the tree an organiser edits, sent as the content of format "units" ----
/** How deep the editor's tree may go: title > chapter > section > article > paragraph > point, with room. */
export const EDITED_DEPTH_MAX = 8;
export interface TEditedUnit {
  kind: TextUnitKind;
  /** The unit's eId when it comes from the current version (kept, so threads and amendments follow it); absent for a new unit. */
  eId?: string;
  num: string | null;
  heading: string | null;
  text: string;
  children: TEditedUnit[];
}
export const zEditedUnit: z.ZodType<TEditedUnit> = z
  .object({
    kind: z.enum(TEXT_UNIT_KINDS),
    eId: zEId.optional(),
    num: zPlainText(40).nullable(),
    heading: zPlainText(LIMITS.titleMax).nullable(),
    text: zString().max(20_000, "must be at most 20000 characters"),
    children: z.lazy(() => z.array(zEditedUnit).max(TEXT_LIMITS.unitsMax)),
  })
  .strict();
export const zEditedUnits = z.array(zEditedUnit).min(1, "must hold at least one unit").max(TEXT_LIMITS.unitsMax);

export const zPreviewTextBody = z.object(zTextSource).strict();
export type TPreviewTextBody = z.infer<typeof zPreviewTextBody>;

export const zCreateTextBody = z
  .object({ title: zRequiredText(LIMITS.titleMax), ...zTextSource, note: zPlainText(TEXT_LIMITS.noteMax).optional() })
  .strict();
export type TCreateTextBody = z.infer<typeof zCreateTextBody>;

export const zPublishVersionBody = z
  .object({
    ...zTextSource,
    /** Why a new version ("Council general approach"): shown with the version. */
    note: zPlainText(TEXT_LIMITS.noteMax).optional(),
    /** The version this one replaces, as the organiser loaded it; a stale one is refused with 409. */
    basedOn: z.number().int().min(1).max(LIMITS.int4Max),
  })
  .strict();
export type TPublishVersionBody = z.infer<typeof zPublishVersionBody>;

export const zTextVersionQuery = z.object({ version: zQueryInt(1, LIMITS.int4Max).optional() }).strict();
export const zTextDiffQuery = z.object({ fromVersion: zQueryInt(1, LIMITS.int4Max), toVersion: zQueryInt(1, LIMITS.int4Max) }).strict();

/** How a unit differs between two versions, matched by eId. */
export const UNIT_CHANGES = ["unchanged", "changed", "moved", "moved_and_changed", "added", "removed"] as const;
export type UnitChange = (typeof UNIT_CHANGES)[number];

/** A word-level diff: runs of equal, inserted and deleted text. */
export interface DiffPart {
  op: "equal" | "insert" | "delete";
  text: string;
}

// ---- Anchors: a thread or an amendment about a unit, or a span of its words ----

// In common.ts so positions (which this file imports) can cite units too.
export { zEId } from "./common.ts";
import { zEId } from "./common.ts";

/** A unit's words, as anchors count them: split on white space. Shared so the client counts alike. */
export const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

const zWordOffset = z.number().int().min(0).max(LIMITS.int4Max);
const anchorShape = {
  eId: zEId,
  /** First word of the span (from 0) and the word after its last; both or neither. */
  spanStart: zWordOffset.optional(),
  spanEnd: zWordOffset.optional(),
  /** The words as the client saw them: refused if the unit's words there differ (a stale selection). */
  quote: zPlainText(LIMITS.plainTextMax).optional(),
};
function checkSpan(b: { spanStart?: number; spanEnd?: number }, ctx: z.RefinementCtx) {
  if ((b.spanStart === undefined) !== (b.spanEnd === undefined)) ctx.addIssue({ code: "custom", path: [b.spanStart === undefined ? "spanStart" : "spanEnd"], message: "is required with the other end of the span" });
  else if (b.spanStart !== undefined && b.spanEnd! <= b.spanStart) ctx.addIssue({ code: "custom", path: ["spanEnd"], message: "must be after spanStart" });
}

export const zCreateAnchoredThreadBody = z
  .object({
    ...anchorShape,
    title: zRequiredText(LIMITS.titleMax),
    body: zRichText,
    onBehalfOfOrganisationId: zId.optional(),
  })
  .strict()
  .superRefine(checkSpan);
export type TCreateAnchoredThreadBody = z.infer<typeof zCreateAnchoredThreadBody>;

export const zTrackedDocxQuery = z.object({ amendments: z.enum(["accepted", "proposed"]).default("accepted") }).strict();

/** A text's threads or amendments, or one unit's (eId), a page at a time (a unit's panel asks for its own). */
export const zUnitQuery = z
  .object({ eId: zEId.optional(), cursor: zCursor.optional(), limit: zQueryInt(1, LIMITS.unitListPageMax).default(LIMITS.unitListPageDefault) })
  .strict();
export type TUnitQuery = z.infer<typeof zUnitQuery>;

// ---- Amendments ----

export const AMENDMENT_KINDS = ["replace", "delete", "insert_after"] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];
export const AMENDMENT_OUTCOMES = ["accepted", "partly_accepted", "not_accepted", "withdrawn"] as const;
export type AmendmentOutcome = (typeof AMENDMENT_OUTCOMES)[number];

export const zCreateAmendmentBody = z
  .object({
    ...anchorShape,
    kind: z.enum(AMENDMENT_KINDS),
    /** The new wording: required to replace or insert, empty for a deletion. */
    proposedText: zPlainText(LIMITS.richTextMax).default(""),
    /** Markdown; stored sanitised. */
    justification: zRichText,
    evidence: z.array(zEvidenceItem).max(LIMITS.evidenceMax).default([]),
    declarationOfInterests: zPlainText(LIMITS.plainTextMax).optional(),
    fundingSources: zPlainText(LIMITS.plainTextMax).optional(),
    /** Proposed on behalf of this organisation (its representatives only); in one's own name otherwise. */
    organisationId: zId.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    checkSpan(b, ctx);
    if (b.kind === "delete" && b.proposedText) ctx.addIssue({ code: "custom", path: ["proposedText"], message: "must be empty for a deletion" });
    if (b.kind !== "delete" && !b.proposedText) ctx.addIssue({ code: "custom", path: ["proposedText"], message: "is required to replace or insert" });
    if (b.kind === "insert_after" && b.spanStart !== undefined) ctx.addIssue({ code: "custom", path: ["spanStart"], message: "an insertion goes after a whole unit, not a span" });
  });
export type TCreateAmendmentBody = z.infer<typeof zCreateAmendmentBody>;

export const zAmendmentOutcomeBody = z.object({ outcome: z.enum(AMENDMENT_OUTCOMES), reasons: zRequiredText(LIMITS.summaryMax) }).strict();
export type TAmendmentOutcomeBody = z.infer<typeof zAmendmentOutcomeBody>;

/** "dismiss_flags": the flags on a published amendment were reviewed and are unfounded; it stays as it is. */
export const AMENDMENT_DECISIONS = ["approve", "reject", "hide", "restore", "dismiss_flags"] as const;
export const zAmendmentDecisionBody = z
  .object({ action: z.enum(AMENDMENT_DECISIONS), reasonCode: z.enum(REASON_CODES).optional(), statement: zPlainText(LIMITS.plainTextMax).optional() })
  .strict()
  .superRefine((b, ctx) => {
    if (b.action === "reject" || b.action === "hide") {
      if (!b.reasonCode) ctx.addIssue({ code: "custom", path: ["reasonCode"], message: "is required for this action" });
      if (!b.statement) ctx.addIssue({ code: "custom", path: ["statement"], message: "is required: the author is told why" });
    }
  });
export type TAmendmentDecisionBody = z.infer<typeof zAmendmentDecisionBody>;

// ---- The summary report's section on the draft texts (server/texts/report.ts) ----

export interface ReportTextAmendment {
  id: string;
  /** Site-relative: the reading view opened at the unit, at this amendment. */
  path: string;
  kind: AmendmentKind;
  /** The words replaced or deleted; empty for an insertion. */
  quote: string;
  proposedText: string;
  category: StakeholderCategoryName;
  /** Null when withheld (Chatham House) or when the author spoke for no organisation. */
  organisation: string | null;
  author: string | null;
  /** Support by category: its proposal (in its author's category) and the endorsements. */
  support: Partial<Record<StakeholderCategoryName, number>>;
  endorsements: number;
  outcome: { outcome: AmendmentOutcome; reasons: string | null } | null;
}

export interface ReportTextUnit {
  eId: string;
  /** "Article 7(4)(a)". */
  label: string;
  path: string;
  text: string;
  /** How far the categories' leans are apart, 0 to 2 (see the measure). */
  spread: number;
  /** Distinct first choices of the categories (see the measure). */
  camps: number;
  comments: number;
  amendments: ReportTextAmendment[];
}

export interface ReportTextArticle {
  eId: string;
  /** Number and heading as printed: "Article 7 — Issuance of detection orders". */
  title: string;
  path: string;
  units: ReportTextUnit[];
}

export interface ReportText {
  id: string;
  title: string;
  version: number;
  path: string;
  units: number;
  comments: number;
  amendments: number;
  /** How "contested" is measured, stated in the report. */
  measure: string;
  /** Articles with at least one contested provision, most contested first. */
  contested: ReportTextArticle[];
  /** Every amendment the organisers answered, for the response matrix (in text order). Absent in older reports. */
  answered?: (ReportTextAmendment & { unitLabel: string })[];
}
