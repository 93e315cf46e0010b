// The outbox: every mail is a row written in the caller's transaction, so a mail exists if and only if
// the change it tells about committed. The sender (sender.ts) delivers rows after the commit.
import type { PrismaClient, Tx } from "../db/index.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { renderMail, type MailKey } from "./messages.ts";

export interface MailRecipient {
  email: string;
  /** The account's interface language; null/unknown: English. */
  language: string | null;
}

/** Writes one mail to the outbox, in the recipient's language. Returns its id. */
export async function enqueueMail(tx: Tx, to: MailRecipient, key: MailKey, params: Record<string, string | number>): Promise<string> {
  const { subject, text } = renderMail(to.language, key, params);
  const row = await tx.outboxMail.create({ data: { kind: key, recipient: to.email, subject, text }, select: { id: true } });
  return row.id;
}

/**
 * The admins' view, newest first. A mail delivered over SMTP keeps only its recipient and subject (its
 * body may hold a single-use link; the person has it now); without SMTP the body stays, because the
 * outbox is then how an admin passes the mail on.
 */
export async function listOutbox(prisma: PrismaClient, query: { cursor?: string; limit: number }) {
  const before = query.cursor ? decodeCursor(query.cursor, { id: cursorKeys.id }).id : null;
  const rows = await prisma.outboxMail.findMany({
    where: before ? { id: { lt: before } } : {},
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((m) => ({
      id: m.id,
      kind: m.kind,
      recipient: m.recipient,
      subject: m.subject,
      text: m.text,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit ? encodeCursor({ id: page[page.length - 1]!.id }) : null,
  };
}
