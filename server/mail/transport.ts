// Where mail goes: an SMTP server (SMTP_URL) through nodemailer, or, without one, the log. The log line
// names the recipient and the subject only: bodies carry single-use links, which logs must never hold.
import nodemailer from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  /** "smtp" delivers; "log" only records (the outbox then is how mail reaches people). */
  readonly kind: "smtp" | "log";
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailTransport(opts: { smtpUrl?: string; from: string }): MailTransport {
  if (!opts.smtpUrl) {
    return {
      kind: "log",
      async send(mail) {
        console.info(`[mail] (no SMTP_URL: kept in the outbox) to ${mail.to}: ${mail.subject}`);
      },
      close() {},
    };
  }
  // Short timeouts: a stuck server must not hold a sender for minutes; the mail is retried later.
  const transporter = nodemailer.createTransport(opts.smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
  return {
    kind: "smtp",
    async send(mail) {
      await transporter.sendMail({ from: opts.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transporter.close();
    },
  };
}
