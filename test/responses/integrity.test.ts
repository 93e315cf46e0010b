// Responses in doubt are counted apart, never removed: reports that a response was submitted in someone's
// name without consent (they count once the reporter confirms the link mailed to them) and moderators'
// "suspected automated" marks. Both show on the published response, in its counts and in the summary report.
import { campaignsOnceIndexed } from "./indexing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = { title: "Q", sections: [{ key: "main", title: "Main", questions: [{ key: "comment", label: "Comment", type: "long_text" }] }] };

async function person(displayName: string) {
  const user = await createUser(t.prisma, { displayName });
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

interface Mail {
  recipient: string;
  subject: string;
  text: string;
}
const tokenOf = (mail: Mail) => decodeURIComponent(/token=([^\s]+)/.exec(mail.text)![1]!);
/** The mails of this kind in the outbox (server/mail delivers them; test/mail covers delivery over SMTP). */
const outboxOf = () => t.prisma.outboxMail.findMany({ where: { kind: "impersonation_report" }, orderBy: { createdAt: "asc" } });

describe("impersonation reports and automated marks", () => {
  it("a confirmed report and a moderator's mark are counted apart, the responses stay listed and reported", async () => {
    const organiser = await person("Olga Organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
    expect((await organiser.client.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    const moderator = await person("Mo Moderator");
    await addMember(t.prisma, c.id, moderator.user.id, "moderator");
    const submit = async (who: { client: ReturnType<TestServer["client"]> }, comment: string, consent: string) => {
      const res = await who.client.put(`/api/consultations/${c.id}/responses/mine`, { submit: true, consent, answers: { comment } });
      expect(res.status).toBe(201);
      return res.body.response as { id: string; submissionNumber: string };
    };
    const fake = await submit(await person("Jane Real"), "Written by someone else", "publish_named");
    const bot = await submit(await person("Bot 1234"), "Generated text", "publish_anonymous");
    const hidden = await submit(await person("Hidden Person"), "Not published", "do_not_publish");

    // Anyone who reads the published response may report it; the reply says nothing about what happens next.
    const anonymous = t.client();
    expect((await anonymous.post(`/api/responses/${fake.id}/impersonation-reports`, { email: "not an email", statement: "Not me." })).status).toBe(400);
    const sent = await anonymous.post(`/api/responses/${fake.id}/impersonation-reports`, { email: "Jane.Real@example.org", statement: "I never wrote this." });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ received: true });
    let outbox = await outboxOf();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ recipient: "jane.real@example.org", subject: `Confirm your report about response ${fake.submissionNumber}` });
    // Unpublished: not found, and no mail (the one above is the positive control).
    expect((await anonymous.post(`/api/responses/${hidden.id}/impersonation-reports`, { email: "x@example.org", statement: "Not me." })).status).toBe(404);
    // The same address again while the first waits: the same answer, no second mail.
    expect((await anonymous.post(`/api/responses/${fake.id}/impersonation-reports`, { email: "jane.real@example.org", statement: "Again." })).status).toBe(202);
    expect(await outboxOf()).toHaveLength(1);

    // The counts are kept by the indexing queue: read once it has caught up with the last change.
    const counts = async () => {
      await campaignsOnceIndexed(t, c.id);
      return (await t.client().get(`/api/consultations/${c.id}/responses`)).body;
    };
    // Not counted before it is confirmed.
    expect((await counts()).counts).toMatchObject({ reportedImpersonation: 0, suspectedAutomated: 0 });
    expect((await anonymous.post(`/api/impersonation-reports/verify`, { token: "x".repeat(43) })).status).toBe(404);
    const token = tokenOf(outbox[0]!);
    const verified = await anonymous.post(`/api/impersonation-reports/verify`, { token });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ verified: true, responseId: fake.id });
    // A spent link does not count twice.
    expect((await anonymous.post(`/api/impersonation-reports/verify`, { token })).status).toBe(404);

    // An expired link is refused with 410 and counts nothing.
    await anonymous.post(`/api/responses/${bot.id}/impersonation-reports`, { email: "late@example.org", statement: "Not me either." });
    outbox = await outboxOf();
    expect(outbox).toHaveLength(2);
    await t.prisma.responseImpersonationReport.updateMany({ where: { responseId: bot.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await anonymous.post(`/api/impersonation-reports/verify`, { token: tokenOf(outbox[1]!) })).status).toBe(410);

    // Moderators mark with a reason; others cannot; the mark is audited.
    expect((await anonymous.put(`/api/responses/${bot.id}/suspected-automated`, { suspected: true, reason: "x" })).status).toBe(401);
    const respondentClient = (await person("Random")).client;
    expect((await respondentClient.put(`/api/responses/${bot.id}/suspected-automated`, { suspected: true, reason: "x" })).status).toBe(404);
    expect((await moderator.client.put(`/api/responses/${bot.id}/suspected-automated`, { suspected: true })).status).toBe(400);
    const marked = await moderator.client.put(`/api/responses/${bot.id}/suspected-automated`, { suspected: true, reason: "Posted 300 times a minute from one address." });
    expect(marked.status).toBe(200);
    expect(await t.prisma.auditEntry.count({ where: { targetId: bot.id, action: "mark_automated" } })).toBe(1);

    // Still listed, flagged, and counted apart.
    const list = await counts();
    expect(list.total).toBe(2);
    expect(list.counts).toMatchObject({ reportedImpersonation: 1, suspectedAutomated: 1 });
    const byId = Object.fromEntries(list.items.map((i: { id: string }) => [i.id, i]));
    expect(byId[fake.id]).toMatchObject({ reportedImpersonation: true, suspectedAutomated: false });
    expect(byId[bot.id]).toMatchObject({ reportedImpersonation: false, suspectedAutomated: true });
    // Who reported, and what they said, is for staff only.
    expect(JSON.stringify(list)).not.toContain("jane.real");
    expect((await anonymous.get(`/api/responses/${fake.id}/impersonation-reports`)).status).toBe(401);
    const staffView = await moderator.client.get(`/api/responses/${fake.id}/impersonation-reports`);
    expect(staffView.body.items).toEqual([{ id: expect.any(String), email: "jane.real@example.org", statement: "I never wrote this.", verifiedAt: expect.any(String) }]);

    // The summary report counts them apart.
    const summary = await organiser.client.get(`/api/consultations/${c.id}/summary`);
    expect(summary.body.summary.responses).toMatchObject({ total: 3, published: 2, suspectedAutomated: 1, reportedImpersonation: 1 });
    expect((await organiser.client.post(`/api/consultations/${c.id}/summary/versions`)).status).toBe(201);
    const html = String((await t.client().get(`/api/consultations/${c.id}/summary/versions/1.html`)).body);
    expect(html).toContain("Counted apart, none removed: 1 response marked by moderators as suspected automated; 1 response reported");

    // The mark can be lifted; the response was never gone.
    expect((await moderator.client.put(`/api/responses/${bot.id}/suspected-automated`, { suspected: false })).status).toBe(200);
    expect((await counts()).counts.suspectedAutomated).toBe(0);
  });
});
