// A real SMTP server for tests (smtp-server), on a random port; every message is parsed with mailparser.
// Tests await the mail they expect (by recipient and a predicate), never a fixed delay.
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
}

export interface TestSmtp {
  url: string;
  mails: ReceivedMail[];
  /** The first mail (already arrived or arriving within timeoutMs) to `to` that matches. */
  waitFor(to: string, match?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  to(address: string): ReceivedMail[];
  /** Makes the next `n` deliveries fail with a temporary error (retry tests). */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (failures > 0) {
        failures--;
        const err = new Error("Try again later") as Error & { responseCode: number };
        err.responseCode = 451;
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const to = [parsed.to].flat().flatMap((a) => (a ? a.value.map((v) => (v.address ?? "").toLowerCase()) : []));
          mails.push({ to, from: parsed.from?.text ?? "", subject: parsed.subject ?? "", text: parsed.text ?? "" });
          for (const w of waiters) w();
          callback();
        },
        (err) => callback(err as Error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const find = (to: string, match?: (m: ReceivedMail) => boolean) => mails.find((m) => m.to.includes(to.toLowerCase()) && (!match || match(m)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (address) => mails.filter((m) => m.to.includes(address.toLowerCase())),
    failNext(n) {
      failures = n;
    },
    waitFor(to, match, timeoutMs = 15_000) {
      const found = find(to, match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = find(to, match);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms (got: ${mails.map((m) => `${m.to.join(",")}: ${m.subject}`).join(" | ") || "nothing"})`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first link to `path` in a mail's text. */
export function linkToken(text: string, path: string): string {
  const m = new RegExp(`${path.replace(/[/?]/g, "\\$&")}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[1]!;
}

export const MAIL_TEST_ENV = (smtp: TestSmtp): Record<string, string> => ({
  SMTP_URL: smtp.url,
  MAIL_FROM: "Roundtable Test <roundtable@example.org>",
  PUBLIC_URL: "https://forum.example.org",
  MAIL_POLL_INTERVAL_MS: "50",
});
