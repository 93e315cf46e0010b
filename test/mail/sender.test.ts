// The outbox as a queue shared by processes: several senders at once deliver every mail exactly once,
// and a mail left "sending" by a sender that died is delivered after its lease ends.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { MailSender } from "../../server/mail/sender.ts";
import { enqueueMail } from "../../server/mail/outbox.ts";
import { MAIL_TEST_ENV, startSmtp, type TestSmtp } from "./smtp.ts";

let smtp: TestSmtp;
let t: TestServer;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestServer({ env: MAIL_TEST_ENV(smtp) });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
});

describe("the durable sender", () => {
  it("delivers each mail once with several senders claiming at the same time", async () => {
    const recipients = Array.from({ length: 45 }, (_, i) => `queue-${i}@example.org`);
    await t.prisma.$transaction(async (tx) => {
      for (const email of recipients) await enqueueMail(tx, { email, language: null }, "register_existing", { name: email });
    });
    // Two more "processes" besides the server's own sender, racing on the same rows.
    const others = [new MailSender(t.prisma, t.config.mail), new MailSender(t.prisma, t.config.mail)];
    await Promise.all(others.map((s) => s.deliverBatch()));
    for (const email of recipients) await smtp.waitFor(email);
    await vi.waitFor(async () => expect(await t.prisma.outboxMail.count({ where: { recipient: { in: recipients }, status: "sent" } })).toBe(recipients.length), { timeout: 15_000, interval: 50 });
    for (const email of recipients) expect(smtp.to(email), email).toHaveLength(1);
    for (const s of others) await s.stop();
  });

  it("sends a mail abandoned mid-delivery once its lease has ended, and not before", async () => {
    const email = "abandoned@example.org";
    const id = await t.prisma.$transaction((tx) => enqueueMail(tx, { email, language: "de" }, "register_existing", { name: "Ada" }));
    // A sender claimed it and died: its lease runs for a while yet.
    await t.prisma.outboxMail.update({ where: { id }, data: { status: "sending", attempts: 1, lockedBy: "dead:1:x", leaseUntil: new Date(Date.now() + 60_000) } });
    // Positive control first: a fresh mail queued now goes out while the abandoned one waits.
    await t.prisma.$transaction((tx) => enqueueMail(tx, { email: "fresh@example.org", language: null }, "register_existing", { name: "Bo" }));
    await smtp.waitFor("fresh@example.org");
    expect(smtp.to(email)).toEqual([]);
    await t.prisma.outboxMail.update({ where: { id }, data: { leaseUntil: new Date(Date.now() - 1) } });
    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe("Jemand wollte sich mit Ihrer Adresse bei Roundtable registrieren");
    await vi.waitFor(async () => expect((await t.prisma.outboxMail.findUniqueOrThrow({ where: { id } })).status).toBe("sent"), { timeout: 10_000, interval: 50 });
    expect(smtp.to(email)).toHaveLength(1);
  });
});
