// In-app notifications, stored so the bell shows them after a reload. Payloads are built by the caller
// from what the recipient may see (never the body of hidden or illegal content).
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordEvent, type EventTx } from "../events/record.ts";
import { GLOBAL } from "../events/types.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { replyContexts } from "./present.ts";
import { readableConsultationsWhere } from "../consultations/access.ts";
import { mailNotificationIfInstant } from "./mail.ts";

export type NotificationKind = "reply" | "decision" | "appeal_outcome" | "consultation_opened" | "consultation_closed" | "organisation_verification" | "organisation_invitation" | "representation_request" | "representation_decision" | "text_changed";

export async function notify(tx: EventTx, userId: string, kind: NotificationKind, payload: Record<string, unknown>) {
  const notification = await tx.notification.create({ data: { userId, kind, payload: payload as object } });
  const consultationId = typeof payload.consultationId === "string" ? payload.consultationId : GLOBAL;
  recordEvent(tx, { consultationId, type: "notification:created", payload: { notificationId: notification.id } });
  // The mail, if the person wants this kind at once, commits with the notification or not at all.
  await mailNotificationIfInstant(tx, userId, kind, payload);
  return notification;
}

export async function listNotifications(prisma: PrismaClient, actor: Actor, query: { cursor?: string; limit: number }) {
  const before = query.cursor ? decodeCursor(query.cursor, { id: cursorKeys.id }).id : null;
  const rows = await prisma.notification.findMany({
    where: { userId: actor.id, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  // A reply notification is shown only while the recipient may still read the reply: not once it is hidden,
  // withdrawn or quarantined, nor once its thread no longer exists for them (opening post concealed), nor
  // once its consultation is closed to them (membership ended, back to draft). Its excerpt and thread title
  // are read now, so anything else would leak them.
  const replyIds = rows.filter((n) => n.kind === "reply").map((n) => (n.payload as { postId?: string }).postId).filter((x): x is string => !!x);
  const stillPublic = new Set(
    (
      await prisma.post.findMany({
        where: {
          id: { in: replyIds },
          status: "published",
          quarantined: false,
          thread: { posts: { some: { isOpening: true, status: "published", quarantined: false } } },
          consultation: readableConsultationsWhere(actor),
        },
        select: { id: true },
      })
    ).map((p) => p.id),
  );
  // A changed text names the text's units: shown only while its consultation is readable to the recipient.
  const textConsultations = [...new Set(rows.filter((n) => n.kind === "text_changed").map((n) => String((n.payload as { consultationId?: string }).consultationId ?? "")))];
  const stillReadable = new Set(
    textConsultations.length ? (await prisma.consultation.findMany({ where: { id: { in: textConsultations }, ...readableConsultationsWhere(actor) }, select: { id: true } })).map((c) => c.id) : [],
  );
  const shown = (n: (typeof rows)[number]) => {
    const payload = n.payload as { postId?: string; consultationId?: string };
    if (n.kind === "reply") return stillPublic.has(payload.postId ?? "");
    if (n.kind === "text_changed") return stillReadable.has(payload.consultationId ?? "");
    return true;
  };
  const page = rows.slice(0, query.limit).filter(shown);
  const unread = await prisma.notification.count({ where: { userId: actor.id, readAt: null } });
  const contexts = await replyContexts(prisma, page.filter((n) => n.kind === "reply").map((n) => (n.payload as { postId?: string }).postId ?? ""));
  return {
    items: page.map((n) => ({
      id: n.id, kind: n.kind, payload: n.payload, read: n.readAt !== null, createdAt: n.createdAt.toISOString(),
      /** Who replied, in which thread, and what they said (replies only; null otherwise). */
      context: n.kind === "reply" ? (contexts.get((n.payload as { postId?: string }).postId ?? "") ?? null) : null,
    })),
    nextCursor: rows.length > query.limit ? encodeCursor({ id: rows[query.limit - 1]!.id }) : null,
    unread,
  };
}

export async function markNotificationsRead(prisma: PrismaClient, actor: Actor, ids?: string[]) {
  await prisma.notification.updateMany({
    where: { userId: actor.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
}
