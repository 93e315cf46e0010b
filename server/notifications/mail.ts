// Notifications by mail: which kinds may be mailed, under which of the person's settings, and the
// parameters of their mail. Replies and changes to a text one discussed follow `mailReplies` (both are
// news about one's own contributions), decisions and appeal outcomes `mailDecisions` (instant, daily
// digest, or off); other kinds stay in the app. Unverified addresses get no
// notification mail (they are not known to be the person's).
import type { Tx } from "../db/index.ts";
import type { MailDelivery } from "../db/generated/client.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { mailText } from "../mail/messages.ts";
import { aboutOf } from "./about.ts";

export type MailedKind = "reply" | "decision" | "appeal_outcome" | "text_changed";
export const MAILED_KINDS: readonly MailedKind[] = ["reply", "decision", "appeal_outcome", "text_changed"];

export function isMailedKind(kind: string): kind is MailedKind {
  return (MAILED_KINDS as readonly string[]).includes(kind);
}

export function deliveryFor(kind: MailedKind, settings: { mailReplies: MailDelivery; mailDecisions: MailDelivery }): MailDelivery {
  return kind === "reply" || kind === "text_changed" ? settings.mailReplies : settings.mailDecisions;
}

const ACTIONS_NAMED = new Set(["hide", "reject", "approve", "restore"]);

/** The mail parameters of a notification, rendered in `language`. */
export function mailParams(language: string | null, kind: MailedKind, payload: Record<string, unknown>, extra: { consultation: string; thread?: string }) {
  const a = aboutOf(payload);
  const aboutText = a ? mailText(language, `about.${a.key}`, a.params) : mailText(language, "about.other", { text: "" });
  const action = String(payload.action ?? "");
  return {
    consultation: extra.consultation,
    thread: extra.thread ?? (a && "thread" in a.params ? String(a.params.thread) : ""),
    postId: String(payload.postId ?? ""),
    about: aboutText,
    action: ACTIONS_NAMED.has(action) ? mailText(language, `action.${action}`) : mailText(language, "action.other", { action }),
    outcome: mailText(language, payload.outcome === "overturned" ? "outcome.overturned" : "outcome.upheld"),
    ...(kind === "text_changed" ? changedTextParams(language, payload) : {}),
  };
}

/** A changed text: its title, version, and each unit as printed with the link that opens the text there. */
function changedTextParams(language: string | null, payload: Record<string, unknown>) {
  const enc = encodeURIComponent;
  const units = Array.isArray(payload.units) ? (payload.units as { eId?: unknown; label?: unknown }[]) : [];
  const base = `{site}/consultations/${enc(String(payload.consultationId ?? ""))}/texts/${enc(String(payload.documentId ?? ""))}`;
  const lines = units.map((u) => `- ${String(u.label ?? u.eId)}: ${base}?unit=${enc(String(u.eId ?? ""))}`);
  const more = Number(payload.more ?? 0);
  if (more > 0) lines.push(mailText(language, "text_changed.more", { count: more }));
  return {
    document: String(payload.title ?? ""),
    version: Number(payload.version ?? 0),
    units: lines.join("\n"),
    unitsInline: units.map((u) => String(u.label ?? u.eId)).join(", "),
    link: base,
  };
}

/** Inside notify()'s transaction: the instant mail of a notification, when the person wants one. */
export async function mailNotificationIfInstant(tx: Tx, userId: string, kind: string, payload: Record<string, unknown>): Promise<void> {
  if (!isMailedKind(kind)) return;
  const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, language: true, status: true, emailVerifiedAt: true, mailReplies: true, mailDecisions: true } });
  if (!user || user.status !== "active" || !user.emailVerifiedAt || deliveryFor(kind, user) !== "instant") return;
  const consultationId = typeof payload.consultationId === "string" ? payload.consultationId : null;
  const consultation = consultationId ? await tx.consultation.findUnique({ where: { id: consultationId }, select: { title: true } }) : null;
  let thread: string | undefined;
  if (kind === "reply" && typeof payload.threadId === "string") {
    thread = (await tx.thread.findUnique({ where: { id: payload.threadId }, select: { title: true } }))?.title;
  }
  await enqueueMail(tx, user, kind, mailParams(user.language, kind, payload, { consultation: consultation?.title ?? "", thread }));
}
