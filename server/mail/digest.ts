// The digest: one mail per account and interval (MAIL_DIGEST_HOURS, daily by default) listing the unread
// notifications of the kinds the person set to "digest". Durable without a scheduler of its own: the
// account row remembers until when its digest has covered (digest_covered_until), every sender's poll
// looks for accounts due, and each is taken with FOR UPDATE SKIP LOCKED and moved on in the transaction
// that writes its mail, so two processes never send the same digest and a crash sends it later, not never.
import type { PrismaClient } from "../db/index.ts";
import { deliveryFor, isMailedKind, mailParams } from "../notifications/mail.ts";
import { replyContexts } from "../notifications/present.ts";
import { enqueueMail } from "./outbox.ts";
import { mailText } from "./messages.ts";

const ACCOUNTS_PER_ROUND = 50;
const LINES_MAX = 50;

export async function sendDueDigests(prisma: PrismaClient, opts: { intervalMs: number; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const dueBefore = new Date(now.getTime() - opts.intervalMs);
  let sent = 0;
  for (;;) {
    const done = await prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string; since: Date }[]>`
        SELECT "id", COALESCE("digest_covered_until", "created_at") AS "since" FROM "users"
         WHERE ("mail_replies" = 'digest' OR "mail_decisions" = 'digest')
           AND COALESCE("digest_covered_until", "created_at") <= ${dueBefore}
         ORDER BY "id" LIMIT ${ACCOUNTS_PER_ROUND} FOR UPDATE SKIP LOCKED`;
      for (const { id, since } of due) {
        const user = await tx.user.findUniqueOrThrow({ where: { id }, select: { email: true, language: true, status: true, emailVerifiedAt: true, mailReplies: true, mailDecisions: true } });
        const rows = await tx.notification.findMany({ where: { userId: id, readAt: null, createdAt: { gt: since, lte: now } }, orderBy: { createdAt: "asc" } });
        const wanted = rows.filter((n) => isMailedKind(n.kind) && deliveryFor(n.kind, user) === "digest");
        // Replies since hidden, withdrawn or quarantined are not mentioned (the bell drops them too).
        const contexts = await replyContexts(tx, wanted.filter((n) => n.kind === "reply").map((n) => String((n.payload as { postId?: unknown }).postId ?? "")));
        const lines: string[] = [];
        for (const n of wanted) {
          const payload = n.payload as Record<string, unknown>;
          if (n.kind === "reply" && !contexts.has(String(payload.postId ?? ""))) continue;
          const ctx = contexts.get(String(payload.postId ?? ""));
          const params = mailParams(user.language, n.kind as "reply", payload, { consultation: ctx?.consultationTitle ?? "", thread: ctx?.threadTitle ?? undefined });
          lines.push(mailText(user.language, `digest.line.${n.kind}`, params));
        }
        if (lines.length > 0 && user.status === "active" && user.emailVerifiedAt) {
          const shown = lines.slice(0, LINES_MAX);
          await enqueueMail(tx, user, lines.length === 1 ? "digest_one" : "digest", { count: lines.length, lines: shown.join("\n") });
          sent++;
        }
        await tx.user.update({ where: { id }, data: { digestCoveredUntil: now } });
      }
      return due.length < ACCOUNTS_PER_ROUND;
    });
    if (done) return sent;
  }
}
