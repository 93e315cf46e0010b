// Human words for the consultation vocabulary and parsing of the filter values found in the query string.
// The interface shows the translated words (vocabulary.json, through t() or the functions below); the
// English constants stay for code that still names them.
import {
  ACCESS_MODES,
  ACCESS_MODE_LABELS,
  CONSULTATION_STATUSES,
  LANGUAGES,
  STATUS_LABELS,
  type AccessMode,
  type ConsultationStatus,
} from "../../../../shared/schemas/consultations.ts";
import type { ConsultationRole } from "../../../../shared/categories.ts";
import i18n from "../../i18n/index.ts";
import { formatLanguageName } from "../../lib/format.ts";

export { STATUS_LABELS, LANGUAGES };

/** As the shared labels, but an open access mode is not confused with an open status beside it. */
export const ACCESS_LABELS: Record<AccessMode, string> = { ...ACCESS_MODE_LABELS, open: "Open to all" };

/** What each access mode means for a reader (shown as the badge's tooltip). */
export const ACCESS_MODE_DESCRIPTIONS: Record<AccessMode, string> = {
  open: "Everyone can read; anyone with an account can take part.",
  transparent: "Everyone can read; invited members take part.",
  restricted: "Only invited members can read and take part.",
  chatham_house: "Members only; contributions are shown without their authors’ names.",
};

/** A consultation's language named in the interface's language ("French", "Französisch"). */
export function languageLabel(code: string): string {
  return formatLanguageName(code);
}

export const statusLabel = (s: ConsultationStatus) => i18n.t(`vocabulary:status.${s}`);
export const accessLabel = (m: AccessMode) => i18n.t(`vocabulary:access.${m}`);
export const accessDescription = (m: AccessMode) => i18n.t(`vocabulary:accessDescription.${m}`);
export const roleLabel = (r: ConsultationRole) => i18n.t(`vocabulary:role.${r}`);

export function parseStatus(value: string | null): ConsultationStatus | undefined {
  return CONSULTATION_STATUSES.find((s) => s === value);
}
export function parseAccessMode(value: string | null): AccessMode | undefined {
  return ACCESS_MODES.find((m) => m === value);
}
export function parseLanguage(value: string | null): string | undefined {
  return LANGUAGES.find((l) => l === value);
}

export { MODERATION_MODE_LABELS } from "../../../../shared/schemas/consultations.ts";

/** Lifecycle moves an organiser can make from each status, with the words on their buttons (the server checks). */
export const LIFECYCLE_MOVES: Record<ConsultationStatus, { to: ConsultationStatus; label: string; labelKey: string }[]> = {
  draft: [{ to: "open", label: "Open for contributions", labelKey: "consultations:lifecycle.open" }],
  open: [{ to: "closed", label: "Close the consultation", labelKey: "consultations:lifecycle.close" }],
  closed: [
    { to: "open", label: "Reopen", labelKey: "consultations:lifecycle.reopen" },
    { to: "summary_published", label: "Mark the summary as published", labelKey: "consultations:lifecycle.publishSummary" },
  ],
  summary_published: [{ to: "archived", label: "Archive", labelKey: "consultations:lifecycle.archive" }],
  archived: [],
};

export const ROLE_LABELS: Record<ConsultationRole, string> = {
  organiser: "Organiser",
  moderator: "Moderator",
  analyst: "Analyst",
  participant: "Participant",
  observer: "Observer",
};
