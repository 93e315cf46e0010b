// The durable sender: the outbox table is the queue, shared by every process. A sender claims due rows
// with FOR UPDATE SKIP LOCKED (two processes never take the same mail, neither waits), marks them
// "sending" with a lease, delivers them, then records sent or schedules a retry with backoff; a row whose
// sender died mid-delivery goes back to the queue when its lease ends (so a mail may, rarely, arrive
// twice; it is never lost). The same loop sends the digests that are due (digest.ts).
import os from "node:os";
import crypto from "node:crypto";
import type { PrismaClient } from "../db/index.ts";
import type { Config } from "../config.ts";
import { createMailTransport, type MailTransport } from "./transport.ts";
import { completeLinks } from "./messages.ts";
import { sendDueDigests } from "./digest.ts";

const BATCH = 20;
const LEASE_MS = 2 * 60_000;
const FIRST_RETRY_MS = 30_000;

/** 30 s, 2 min, 8 min, 32 min… after the nth failed delivery, capped at six hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 4 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export class MailSender {
  readonly transport: MailTransport;
  private readonly runnerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly config: Config["mail"],
  ) {
    this.transport = createMailTransport({ smtpUrl: config.smtpUrl, from: config.from });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  private async tick() {
    if (this.stopped || this.running) return;
    this.running = (async () => {
      try {
        await sendDueDigests(this.prisma, { intervalMs: this.config.digestIntervalMs });
        while (!this.stopped && (await this.deliverBatch()) === BATCH);
      } catch (err) {
        // The database was away (a restart): the next poll tries again.
        if (!this.stopped) console.error("[mail] delivery round failed:", (err as Error).message);
      }
    })();
    await this.running;
    this.running = undefined;
    if (!this.stopped) this.schedule(this.config.pollIntervalMs);
  }

  /** Claims up to BATCH due mails and delivers them; returns how many it claimed. */
  async deliverBatch(): Promise<number> {
    const now = new Date();
    // A mail left "sending" by a sender that died goes back to the queue.
    await this.prisma.outboxMail.updateMany({ where: { status: "sending", leaseUntil: { lt: now } }, data: { status: "queued", lockedBy: null, leaseUntil: null } });
    if (!(await this.prisma.outboxMail.findFirst({ where: { status: "queued", nextAttemptAt: { lte: now } }, select: { id: true } }))) return 0;
    const claimed = await this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "outbox_mail" WHERE "status" = 'queued' AND "next_attempt_at" <= ${now}
        ORDER BY "next_attempt_at", "id" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return [];
      return tx.outboxMail.updateManyAndReturn({
        where: { id: { in: rows.map((r) => r.id) } },
        data: { status: "sending", attempts: { increment: 1 }, lockedBy: this.runnerId, leaseUntil: new Date(Date.now() + LEASE_MS) },
      });
    });
    for (const mail of claimed) {
      const held = { id: mail.id, status: "sending" as const, lockedBy: this.runnerId };
      try {
        await this.transport.send({ to: mail.recipient, subject: mail.subject, text: completeLinks(mail.text, this.config.publicUrl) });
        await this.prisma.outboxMail.updateMany({
          where: held,
          // Delivered over SMTP: the body (which may hold a single-use link) is not kept.
          data: { status: "sent", sentAt: new Date(), lastError: null, lockedBy: null, leaseUntil: null, ...(this.transport.kind === "smtp" ? { text: "" } : {}) },
        });
      } catch (err) {
        const failed = mail.attempts >= this.config.maxAttempts;
        const reason = String((err as Error).message ?? err).slice(0, 500);
        console.warn(`[mail] delivery to ${mail.recipient} failed (attempt ${mail.attempts}${failed ? ", giving up" : ""}): ${reason}`);
        await this.prisma.outboxMail.updateMany({
          where: held,
          data: failed
            ? { status: "failed", lastError: reason, lockedBy: null, leaseUntil: null }
            : { status: "queued", lastError: reason, nextAttemptAt: new Date(Date.now() + retryDelayMs(mail.attempts)), lockedBy: null, leaseUntil: null },
        });
      }
    }
    return claimed.length;
  }
}
