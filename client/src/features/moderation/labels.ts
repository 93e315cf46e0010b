// Human words for the moderation vocabulary: decisions, audit actions, queue hints, appeal states.
// The functions answer in the interface's language (moderation.json, vocabulary.json); the English
// records below stay for code that still names them.
import { REASON_CODES, REASON_LABELS, type ReasonCode } from "../../../../shared/schemas/moderation.ts";
import i18n from "../../i18n/index.ts";

export { REASON_LABELS };

/** @deprecated English: use reasonOptions(). */
export const REASON_OPTIONS = (Object.keys(REASON_LABELS) as ReasonCode[]).map((code) => ({ value: code, label: REASON_LABELS[code] }));

export function reasonOptions(): { value: string; label: string }[] {
  return REASON_CODES.map((code) => ({ value: code, label: i18n.t(`vocabulary:reason.${code}`) }));
}

/** The translation of `key`, or `fallback` when the catalog has none (a code the client does not know yet). */
function known(key: string, fallback: string): string {
  return i18n.exists(key) ? i18n.t(key) : fallback;
}

export function reasonLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return known(`vocabulary:reason.${code}`, humanize(code));
}

/** A decision as a noun phrase: "Rejected", "Hidden", "Edited by a moderator"… */
export const DECISION_LABELS: Record<string, string> = {
  approve: "Approved",
  reject: "Rejected",
  hide: "Hidden",
  restore: "Restored",
  edit: "Edited by a moderator",
  move: "Moved to another thread",
  lock: "Thread locked",
  unlock: "Thread unlocked",
  pin: "Thread pinned",
  unpin: "Thread unpinned",
  slow_mode: "Slow mode changed",
  mute: "Muted in the consultation",
  suspend: "Account suspended",
  unsuspend: "Account reinstated",
  remove_position: "Position removed",
  dismiss_flags: "Flags dismissed",
};

/** What happened, as the end of a sentence: "A moderator rejected …". */
const DECISION_VERBS: Record<string, string> = {
  approve: "approved",
  reject: "rejected",
  hide: "hid",
  restore: "restored",
  edit: "edited",
  move: "moved",
  lock: "locked",
  unlock: "unlocked",
  pin: "pinned",
  unpin: "unpinned",
  slow_mode: "changed the pace of",
  mute: "muted you in",
  suspend: "suspended",
  unsuspend: "reinstated",
  remove_position: "removed",
};

export function decisionLabel(action: string): string {
  return known(`moderation:decision.${action}`, DECISION_LABELS[action] ?? humanize(action));
}

/** "A moderator rejected your contribution.": one sentence per action and language (word order differs). */
export function decisionSentence(action: string, automated: boolean, about: string | undefined): string {
  const what = about ?? i18n.t("moderation:sentence.yourContribution");
  const key = `moderation:${automated ? "sentenceAuto" : "sentence"}.${action}`;
  if (i18n.exists(key)) return i18n.t(key, { what });
  const verb = DECISION_VERBS[action] ?? humanize(action).toLowerCase();
  return `${automated ? "The system" : "A moderator"} ${verb} ${what}${automated ? " automatically" : ""}.`;
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  ...DECISION_LABELS,
  propose_remove_position: "Removal of a position proposed",
  confirm_remove_position: "Removal of a position confirmed",
  open_quarantined: "Quarantined content opened",
  appeal_lodged: "Appeal lodged",
  appeal_upheld: "Appeal decided: decision upheld",
  appeal_overturned: "Appeal decided: decision overturned",
  add_member: "Member added",
  change_role: "Member's role changed",
  remove_member: "Member removed",
  create_consultation: "Consultation created",
  update_consultation: "Consultation updated",
  status_draft: "Consultation returned to draft",
  status_open: "Consultation opened",
  status_closed: "Consultation closed",
  status_summary_published: "Summary published",
  status_archived: "Consultation archived",
  set_question_outcome: "Question outcome recorded",
};

/** The actions offered in the audit log's filter, in a sensible order. */
export const AUDIT_FILTER_ACTIONS = [
  "approve",
  "reject",
  "hide",
  "restore",
  "edit",
  "move",
  "lock",
  "unlock",
  "pin",
  "unpin",
  "slow_mode",
  "mute",
  "propose_remove_position",
  "confirm_remove_position",
  "open_quarantined",
  "appeal_lodged",
  "appeal_upheld",
  "appeal_overturned",
  "add_member",
  "change_role",
  "remove_member",
  "update_consultation",
  "dismiss_flags",
  "status_summary_published",
  "set_question_outcome",
];

export function auditActionLabel(action: string): string {
  return known(`moderation:audit.${action}`, AUDIT_ACTION_LABELS[action] ?? humanize(action));
}

export function hintLabel(hint: string): string {
  return known(`moderation:hint.${hint}`, HINT_LABELS[hint] ?? hint);
}

export function appealStatusLabel(status: string): string {
  return known(`moderation:appealStatus.${status}`, APPEAL_STATUS_LABELS[status] ?? status);
}

export function contributionStatusLabel(status: string): string {
  return known(`moderation:contributionStatus.${status}`, CONTRIBUTION_STATUS_LABELS[status] ?? status);
}

export const HINT_LABELS: Record<string, string> = {
  new_account: "New account (under a week old)",
  links: "Contains a link",
  many_links: "Contains three or more links",
  unverified_organisation: "Belongs to an unverified organisation",
  many_flags: "Flagged by several people",
};

export const APPEAL_STATUS_LABELS: Record<string, string> = {
  open: "Being reviewed",
  upheld: "Decision upheld",
  overturned: "Decision overturned",
};

export const CONTRIBUTION_STATUS_LABELS: Record<string, string> = {
  pending: "Awaiting review",
  published: "Published",
  hidden: "Hidden",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export function humanize(code: string): string {
  const words = code.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
