// Lifting a moderator's redaction (issue 14): a span of a text answer, or a page of a PDF attachment.
// The lifted text is published again in every channel where it was masked (the list, the CSV export,
// search; the public download for a page), a redaction beside it stays, the respondent's and the staff's
// views no longer show it as active, the moderation log keeps the lift and its reason (never the text),
// and only the consultation's staff may lift, with a reason; a refused lift changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { leaks, probeChannels } from "../support/visibility.ts";
import { makePdf, upload } from "./files.ts";
import { campaignsOnceIndexed } from "./indexing.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Responses",
  sections: [
    {
      key: "main",
      title: "Main",
      questions: [
        { key: "comment", label: "Comment", type: "long_text" },
        { key: "paper", label: "Paper", type: "file_upload", maxFiles: 1 },
      ],
    },
  ],
};

async function person(displayName: string) {
  const user = await createUser(t.prisma, { displayName });
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

/** A consultation with its questionnaire, a moderator, an analyst, a respondent and another participant. */
async function setUp() {
  const organiser = await person("Olga Organiser");
  const moderator = await person("Mona Moderator");
  const analyst = await person("Ana Analyst");
  const respondent = await person("Rita Respondent");
  const other = await person("Otto Other");
  const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
  await addMember(t.prisma, c.id, moderator.user.id, "moderator");
  await addMember(t.prisma, c.id, analyst.user.id, "analyst");
  expect((await organiser.client.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
  return { c, organiser, moderator, analyst, respondent, other };
}

const lift = (client: TestClient, path: string, body: unknown) => client.request("DELETE", path, body);

async function download(client: TestClient, path: string) {
  const cookie = client.cookieHeader();
  const res = await fetch(client.baseUrl + path, { headers: cookie ? { cookie } : {} });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function pageTexts(pdf: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf), { isEvalSupported: false } as Parameters<typeof getDocumentProxy>[1]);
  return (await extractText(doc, { mergePages: false })).text;
}

describe("lifting a span redaction", () => {
  it("publishes the span again everywhere, keeps the other redaction, and only staff may, with a reason", async () => {
    const { c, moderator, analyst, respondent, other } = await setUp();
    const comment = "Call Qxliftphone 0470 or write to Qxkeptmail at home.";
    const submitted = await respondent.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { comment }, consent: "publish_named", submit: true });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const id = submitted.body.response.id as string;
    const span = (word: string, length: number) => ({ questionKey: "comment", start: comment.indexOf(word), end: comment.indexOf(word) + length });
    const phone = await moderator.client.post(`/api/responses/${id}/redactions`, { ...span("Qxliftphone", "Qxliftphone 0470".length), reason: "A phone number." });
    const mail = await moderator.client.post(`/api/responses/${id}/redactions`, { ...span("Qxkeptmail", "Qxkeptmail".length), reason: "An address." });
    expect([phone.status, mail.status]).toEqual([201, 201]);
    const path = `/api/responses/${id}/redactions/${phone.body.redaction.id}`;
    const published = async () => (await t.client().get(`/api/consultations/${c.id}/responses`)).body.items.find((i: { id: string }) => i.id === id).answers.comment;

    // Before the lift both are masked in every channel an anonymous reader has.
    expect(await published()).toBe("Call [redacted] or write to [redacted] at home.");
    for (const token of ["Qxliftphone", "Qxkeptmail"]) expect(leaks(await probeChannels(t.client(), { consultationId: c.id, token }), { consultationId: c.id, token })).toEqual([]);

    // Refusals, each a clear 4xx changing nothing: not staff (the 404 of a missing one), a bad body, an unknown id.
    const reason = { reason: "Their public office number, not personal data." };
    for (const [who, client] of [["analyst", analyst.client], ["respondent", respondent.client], ["participant", other.client], ["anonymous", t.client()]] as const) {
      const res = await lift(client, path, reason);
      expect(res.status, who).toBe(who === "anonymous" ? 401 : 404);
    }
    expect((await lift(analyst.client, path, reason)).body.error.message).toBe("Response not found.");
    for (const body of [{}, { reason: "" }, { reason: "x".repeat(2_001) }, { ...reason, extra: true }, undefined]) {
      const res = await lift(moderator.client, path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
    }
    expect((await lift(moderator.client, `/api/responses/${id}/redactions/nosuchredaction0`, reason)).status).toBe(404);
    expect(await t.prisma.responseRedaction.count({ where: { responseId: id } })).toBe(2);
    expect(await t.prisma.auditEntry.count({ where: { targetId: id, action: "lift_redaction" } })).toBe(0);
    expect(await published()).toBe("Call [redacted] or write to [redacted] at home.");

    // The moderator lifts one (positive control of the refusals); lifting it again is a clear 404.
    const lifted = await lift(moderator.client, path, reason);
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(204);
    const again = await lift(moderator.client, path, reason);
    expect(again.status).toBe(404);
    expect(again.body.error.message).toBe("Redaction not found.");

    // The phone number is published again (list, CSV export); the address stays masked everywhere.
    expect(await published()).toBe("Call Qxliftphone 0470 or write to [redacted] at home.");
    const csv = String((await t.client().get(`/api/consultations/${c.id}/exports/responses.csv`)).body);
    expect(csv).toContain("Call Qxliftphone 0470 or write to [redacted] at home.");
    const found = leaks(await probeChannels(t.client(), { consultationId: c.id, token: "Qxliftphone" }), { consultationId: c.id, token: "Qxliftphone" });
    expect(found).toEqual(expect.arrayContaining([`/api/consultations/${c.id}/responses contains the token`, `/api/consultations/${c.id}/exports/responses.csv contains the token`]));
    expect(leaks(await probeChannels(t.client(), { consultationId: c.id, token: "Qxkeptmail" }), { consultationId: c.id, token: "Qxkeptmail" })).toEqual([]);

    // The respondent and the review list show the remaining redaction only.
    const own = await respondent.client.get(`/api/responses/${id}`);
    expect(own.body.response.redactions.map((r: { reason: string }) => r.reason)).toEqual(["An address."]);
    const review = await moderator.client.get(`/api/consultations/${c.id}/responses/review`);
    expect(review.body.items.find((i: { id: string }) => i.id === id).redactions).toEqual([{ id: mail.body.redaction.id, questionKey: "comment", start: comment.indexOf("Qxkeptmail"), end: comment.indexOf("Qxkeptmail") + 10, reason: "An address.", createdAt: expect.any(String) }]);

    // The moderation log keeps the lift and its reason, never the text.
    const audit = await t.prisma.auditEntry.findMany({ where: { targetId: id, action: "lift_redaction" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ consultationId: c.id, actorId: moderator.user.id, targetType: "response", statement: reason.reason });
    expect(JSON.stringify(audit)).not.toContain("Qxliftphone");
  }, 60_000);

  it("unmasks the campaign's shared text and the summary report, read live from the redactions", async () => {
    const { c, organiser, moderator, respondent, other } = await setUp();
    const common = "We are parents, teachers and carers who want children protected online. Scanning every private message of every person would weaken the encryption that keeps children safe too, and it would flood the authorities with false reports. We ask the Council to adopt targeted detection orders under judicial oversight instead, with redress for those wrongly flagged, and to fund the hotlines and the police units that already find abuse material. ";
    const letter = `${common}Call Qxletterphone 0470 999 for our campaign.`;
    const first = await respondent.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { comment: letter }, consent: "publish_named", submit: true });
    // A second signer without the number: the group is the same, the number is the first respondent's alone.
    const second = `${common}Call us for our campaign.`;
    expect((await other.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { comment: second }, consent: "publish_named", submit: true })).status).toBe(201);
    const id = first.body.response.id as string;
    const start = letter.indexOf("Qxletterphone");
    const redaction = await moderator.client.post(`/api/responses/${id}/redactions`, { questionKey: "comment", start, end: start + "Qxletterphone 0470 999".length, reason: "A phone number." });
    expect(redaction.status).toBe(201);
    const list = await campaignsOnceIndexed(t, c.id);
    expect(list.items).toHaveLength(1);
    const channels = async () => {
      const campaign = await t.client().get(`/api/campaigns/${list.items[0]!.id}`);
      const summary = await organiser.client.get(`/api/consultations/${c.id}/summary`);
      expect([campaign.status, summary.status]).toEqual([200, 200]);
      return { campaign: JSON.stringify(campaign.body), summary: JSON.stringify(summary.body.summary.responses) };
    };
    const masked = await channels();
    expect(masked.campaign).toContain("Call [redacted] for our campaign");
    expect(masked.summary).toContain("Call [redacted] for our campaign");
    expect(masked.campaign + masked.summary).not.toContain("Qxletterphone");

    expect((await lift(moderator.client, `/api/responses/${id}/redactions/${redaction.body.redaction.id}`, { reason: "The campaign's public line." })).status).toBe(204);
    const unmasked = await channels();
    expect(unmasked.campaign).toContain("Call Qxletterphone 0470 999 for our campaign");
    expect(unmasked.summary).toContain("Call Qxletterphone 0470 999 for our campaign");
  }, 60_000);
});

describe("lifting a page redaction", () => {
  it("gives search and the public copy the page back, keeps the other page, and the original once none is left", async () => {
    const { c, moderator, analyst, respondent, other } = await setUp();
    const draft = (await respondent.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: {} })).body.response.id as string;
    const original = await makePdf(["Qxfirstpage of the paper.", "Qxliftedpage is the annex.", "Qxstillredacted bears a signature."]);
    const pdf = (await upload(respondent.client, draft, "paper", original, "paper.pdf")).body.attachment;
    expect((await respondent.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { paper: [pdf.id] }, consent: "publish_named", submit: true })).status).toBe(200);
    const uploadedText = (await t.prisma.responseAttachment.findUniqueOrThrow({ where: { id: pdf.id } })).extractedText;
    const file = `/api/responses/${draft}/attachments/${pdf.id}`;
    for (const page of [2, 3]) expect((await moderator.client.post(`${file}/page-redactions`, { page, reasonCode: "personal_data", reason: `Page ${page} is personal.` })).status).toBe(201);
    const hits = async (word: string) => (await t.client().get(`/api/search?q=${word}&type=response`)).body.total as number;
    const publicPages = async () => {
      const res = await download(t.client(), file);
      expect(res.status).toBe(200);
      return { bytes: res.bytes, texts: await pageTexts(res.bytes) };
    };

    // Before: neither page is searchable nor in the public copy (control: the first page is).
    expect([await hits("Qxfirstpage"), await hits("Qxliftedpage"), await hits("Qxstillredacted")]).toEqual([1, 0, 0]);
    expect((await publicPages()).texts.slice(1)).toEqual(["Page 2 withheld by moderation: personal_data", "Page 3 withheld by moderation: personal_data"]);
    const before = await t.prisma.responseAttachment.findUniqueOrThrow({ where: { id: pdf.id } });

    // Refusals, each a clear 4xx changing nothing.
    const reason = { reason: "The annex is the organisation's own, nothing personal." };
    for (const [who, client] of [["analyst", analyst.client], ["respondent", respondent.client], ["participant", other.client]] as const) {
      const res = await lift(client, `${file}/page-redactions/2`, reason);
      expect(res.status, who).toBe(404);
      expect(res.body.error.message, who).toBe("Attachment not found.");
    }
    for (const body of [{}, { reason: " " }, { ...reason, page: 2 }]) expect((await lift(moderator.client, `${file}/page-redactions/2`, body)).status, JSON.stringify(body)).toBe(400);
    const badPage = await lift(moderator.client, `${file}/page-redactions/two`, reason);
    expect(badPage.status).toBe(400);
    expect(badPage.body.error.details[0].path).toBe("params.page");
    const notRedacted = await lift(moderator.client, `${file}/page-redactions/1`, reason);
    expect(notRedacted.status).toBe(404);
    expect(notRedacted.body.error.message).toBe("Page redaction not found.");
    expect((await lift(moderator.client, `/api/responses/${draft}/attachments/nosuchattachment0/page-redactions/2`, reason)).status).toBe(404);
    const unchanged = await t.prisma.responseAttachment.findUniqueOrThrow({ where: { id: pdf.id }, include: { pageRedactions: true } });
    expect(unchanged.pageRedactions.map((p) => p.page).sort()).toEqual([2, 3]);
    expect(unchanged.extractedText).toBe(before.extractedText);
    expect(Buffer.from(unchanged.redactedContent!).equals(Buffer.from(before.redactedContent!))).toBe(true);
    expect(await t.prisma.auditEntry.count({ where: { targetId: draft, action: "lift_attachment_page_redaction" } })).toBe(0);

    // The moderator lifts page 2 (positive control): it is back in search and in the public copy; page 3 is not.
    const lifted = await lift(moderator.client, `${file}/page-redactions/2`, reason);
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    expect(lifted.body.attachment.redactedPages).toEqual([{ page: 3, reasonCode: "personal_data", reason: "Page 3 is personal." }]);
    expect((await lift(moderator.client, `${file}/page-redactions/2`, reason)).status).toBe(404);
    expect([await hits("Qxfirstpage"), await hits("Qxliftedpage"), await hits("Qxstillredacted")]).toEqual([1, 1, 0]);
    const partly = await publicPages();
    expect(partly.texts).toHaveLength(3);
    expect(partly.texts[1]).toContain("Qxliftedpage");
    expect(partly.texts[2]).toBe("Page 3 withheld by moderation: personal_data");
    expect(partly.texts.join(" ")).not.toContain("Qxstillredacted");
    const listed = await t.client().get(`/api/consultations/${c.id}/responses`);
    expect(listed.body.items[0].attachments[0].redactedPages).toEqual([{ page: 3, reasonCode: "personal_data" }]);
    expect((await respondent.client.get(`/api/responses/${draft}`)).body.response.attachments[0].redactedPages.map((p: { page: number }) => p.page)).toEqual([3]);

    // Lifting the last one: the public download is the original again, the text the one extracted at upload.
    expect((await lift(moderator.client, `${file}/page-redactions/3`, { reason: "Signed in an official capacity." })).status).toBe(200);
    const whole = await publicPages();
    expect(whole.bytes.equals(original)).toBe(true);
    const after = await t.prisma.responseAttachment.findUniqueOrThrow({ where: { id: pdf.id } });
    expect(after.redactedContent).toBeNull();
    expect(after.extractedText).toBe(uploadedText);
    expect(await hits("Qxstillredacted")).toBe(1);
    expect((await t.client().get(`/api/consultations/${c.id}/responses`)).body.items[0].redacted).toBe(false);

    // The moderation log: each lift with its page and reason, never the page's text.
    const audit = await t.prisma.auditEntry.findMany({ where: { targetId: draft, action: "lift_attachment_page_redaction" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.actorId, a.statement])).toEqual([
      [moderator.user.id, `Page 2: ${reason.reason}`],
      [moderator.user.id, "Page 3: Signed in an official capacity."],
    ]);
    expect(JSON.stringify(audit)).not.toContain("Qxliftedpage");
  }, 120_000);
});
