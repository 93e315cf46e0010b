import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { STAKEHOLDER_CATEGORIES } from "../categories.ts";
import { zCursor, zEId, zHttpUrl, zId, zPlainText, zQueryInt, zRequiredText } from "./common.ts";
import { zRichText } from "./threads.ts";

export const STANCES = ["support", "support_with_amendments", "oppose", "neutral"] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_LABELS: Record<Stance, string> = {
  support: "Support",
  support_with_amendments: "Support with amendments",
  oppose: "Oppose",
  neutral: "Neutral",
};
export const EVIDENCE_KINDS = ["study", "data", "legal_analysis", "lived_experience", "other"] as const;
export const EVIDENCE_KIND_LABELS: Record<(typeof EVIDENCE_KINDS)[number], string> = {
  study: "Study",
  data: "Data",
  legal_analysis: "Legal analysis",
  lived_experience: "Lived experience",
  other: "Other",
};

export const zEvidenceItem = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    citation: zRequiredText(LIMITS.plainTextMax),
    url: zHttpUrl.optional(),
  })
  .strict();

/** A unit of one of the consultation's draft texts, by text (document) id and eId in its current version. */
export const zCitedUnit = z.object({ textId: zId, eId: zEId }).strict();
export type TCitedUnit = z.infer<typeof zCitedUnit>;

export const zPutPositionBody = z
  .object({
    organisationId: zId,
    stance: z.enum(STANCES),
    summary: zRequiredText(LIMITS.summaryMax),
    /** Markdown; stored sanitised. */
    argument: zRichText,
    amendmentText: zPlainText(LIMITS.richTextMax).optional(),
    evidence: z.array(zEvidenceItem).max(LIMITS.evidenceMax).default([]),
    /** The provisions the position is about; each must be a unit of the text's current version. */
    citedUnits: z.array(zCitedUnit).max(LIMITS.citedUnitsMax).default([]),
    declarationOfInterests: zPlainText(LIMITS.plainTextMax).optional(),
    fundingSources: zPlainText(LIMITS.plainTextMax).optional(),
    /** When revising: the version the revision was based on (a stale one gets 409). */
    version: z.number().int().min(1).max(LIMITS.int4Max).optional(),
  })
  .strict()
  .refine((b) => b.stance !== "support_with_amendments" || (b.amendmentText ?? "").length > 0, {
    message: "is required when the stance is support with amendments",
    path: ["amendmentText"],
  })
  .refine((b) => b.stance === "support_with_amendments" || !b.amendmentText, {
    message: "is only for the stance support with amendments",
    path: ["amendmentText"],
  });
export type TPutPositionBody = z.infer<typeof zPutPositionBody>;

export const zListPositionsQuery = z.object({
  questionId: zId.optional(),
  stance: z.enum(STANCES).optional(),
  category: z.enum(STAKEHOLDER_CATEGORIES).optional(),
  /** Only positions citing this unit (both or neither): a unit's panel in the reading view. */
  textId: zId.optional(),
  eId: zEId.optional(),
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(50),
}).refine((q) => (q.textId === undefined) === (q.eId === undefined), { message: "textId and eId go together", path: ["eId"] });
