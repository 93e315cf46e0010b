// Human words for the consultation vocabulary (from shared/, as the server uses them) and parsing of
// the filter values found in the query string.
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

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
export function languageLabel(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

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
export const LIFECYCLE_MOVES: Record<ConsultationStatus, { to: ConsultationStatus; label: string }[]> = {
  draft: [{ to: "open", label: "Open for contributions" }],
  open: [{ to: "closed", label: "Close the consultation" }],
  closed: [
    { to: "open", label: "Reopen" },
    { to: "summary_published", label: "Mark the summary as published" },
  ],
  summary_published: [{ to: "archived", label: "Archive" }],
  archived: [],
};

export const ROLE_LABELS: Record<ConsultationRole, string> = {
  organiser: "Organiser",
  moderator: "Moderator",
  participant: "Participant",
  observer: "Observer",
};
