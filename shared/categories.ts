// Stakeholder categories and consultation roles: the vocabulary both sides display.

export const STAKEHOLDER_CATEGORIES = [
  "child_rights",
  "civil_society",
  "digital_rights",
  "industry",
  "public_authority",
  "academia",
  "individual",
] as const;
export type StakeholderCategory = (typeof STAKEHOLDER_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<StakeholderCategory, string> = {
  child_rights: "Child-rights or child-protection organisation",
  civil_society: "Other civil-society or advocacy group",
  digital_rights: "Privacy or digital-rights group",
  industry: "Online service provider or industry body",
  public_authority: "Public authority or official",
  academia: "Academia or research",
  individual: "Individual",
};

export const ORGANISATION_ROLES = ["member", "representative"] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** Per-consultation roles, highest first. */
/** analyst: codes the formal responses (reads them all, as submitted); otherwise a participant. */
export const CONSULTATION_ROLES = ["organiser", "moderator", "analyst", "participant", "observer"] as const;
export type ConsultationRole = (typeof CONSULTATION_ROLES)[number];
