import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { STAKEHOLDER_CATEGORIES, ORGANISATION_ROLES } from "../categories.ts";
import { zCursor, zHttpUrl, zQueryInt, zRequiredText, zString } from "./common.ts";

/**
 * EU Transparency Register identification number: 9 to 12 digits, a hyphen, 2 check digits
 * (e.g. "0123456789-12"; newer numbers have 12 digits before the hyphen).
 */
export const TRANSPARENCY_REGISTER_PATTERN = /^\d{9,12}-\d{2}$/;

export const zCountry = zString()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "must be a two-letter country code (ISO 3166-1), or EU");

export const zCreateOrganisationBody = z
  .object({
    name: zRequiredText(LIMITS.organisationNameMax),
    category: z.enum(STAKEHOLDER_CATEGORIES).exclude(["individual"]),
    country: zCountry,
    website: zHttpUrl.optional(),
    transparencyRegisterId: zString()
      .trim()
      .regex(TRANSPARENCY_REGISTER_PATTERN, "must look like 123456789012-34")
      .optional(),
  })
  .strict();
export type TCreateOrganisationBody = z.infer<typeof zCreateOrganisationBody>;

export const zAddOrganisationMemberBody = z
  .object({
    email: zString().trim().min(1).max(LIMITS.emailMax),
    role: z.enum(ORGANISATION_ROLES),
  })
  .strict();
export type TAddOrganisationMemberBody = z.infer<typeof zAddOrganisationMemberBody>;

export const zListOrganisationsQuery = z.object({
  q: zString().trim().max(LIMITS.organisationNameMax).optional(),
  category: z.enum(STAKEHOLDER_CATEGORIES).optional(),
  verified: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

/** Verify, or refuse (verified: false) with the reason the organisation's representatives are told. */
export const zVerifyOrganisationBody = z
  .object({ verified: z.boolean(), reason: zRequiredText(LIMITS.plainTextMax).optional() })
  .strict()
  .refine((b) => b.verified || b.reason !== undefined, { message: "is required to refuse a verification", path: ["reason"] });

export const ORGANISATION_VERIFICATION_STATES = ["pending", "verified", "refused"] as const;
/** The admin console's organisation list: pending ones first. */
export const zAdminOrganisationsQuery = z.object({
  q: zString().trim().max(LIMITS.organisationNameMax).optional(),
  state: z.enum(ORGANISATION_VERIFICATION_STATES).optional(),
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type TAdminOrganisationsQuery = z.infer<typeof zAdminOrganisationsQuery>;

/** Asking to represent an organisation: an optional word to whoever decides (who you are, your role there). */
export const zRepresentationRequestBody = z.object({ message: zRequiredText(LIMITS.plainTextMax).optional() }).strict();
/** Approve, or refuse with the reason the requester is told. */
export const zRepresentationDecisionBody = z
  .object({ approve: z.boolean(), reason: zRequiredText(LIMITS.plainTextMax).optional() })
  .strict()
  .refine((b) => b.approve || b.reason !== undefined, { message: "is required to refuse a request", path: ["reason"] });
export const REPRESENTATION_REQUEST_STATUSES = ["pending", "approved", "refused"] as const;
export const zRepresentationRequestView = z.object({
  id: z.string(),
  status: z.enum(REPRESENTATION_REQUEST_STATUSES),
  message: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  organisation: z.object({ id: z.string(), name: z.string(), verified: z.boolean() }),
  requester: z.object({ id: z.string(), displayName: z.string() }),
});
export type TRepresentationRequestView = z.infer<typeof zRepresentationRequestView>;
