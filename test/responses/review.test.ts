// The staff's review of formal responses: every submitted response (published or not) listed for the
// consultation's moderators with the counts the report gives apart; a mark as suspected automated set
// and lifted; a file withheld and published again; partners listed with the rate limit their keys are
// held to. Everyone else gets a 404 (the list does not admit responses exist), with staff as control.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { makePdf, upload } from "./files.ts";

let t: TestServer;
beforeAll(async () => {
  // A partner limit of its own, so the list is seen to report the configured one.
  t = await startTestServer({ rateLimits: { partnerPerKey: { points: 7, duration: 30 } } });
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Review",
  sections: [{ key: "main", title: "Main", questions: [{ key: "comment", label: "Comment", type: "long_text" }, { key: "paper", label: "Paper", type: "file_upload" }] }],
};

async function person(displayName: string) {
  const user = await createUser(t.prisma, { displayName });
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

async function submit(client: ReturnType<TestServer["client"]>, consultationId: string, consent: string, withFile: string | null) {
  const draft = await client.put(`/api/consultations/${consultationId}/responses/mine`, { answers: { comment: "Draft" } });
  const id = draft.body.response.id as string;
  let answers: Record<string, unknown> = { comment: `Answer ${consent}` };
  if (withFile) {
    const up = await upload(client, id, "paper", await makePdf([withFile]), "paper.pdf");
    expect(up.status).toBe(201);
    answers = { ...answers, paper: [up.body.attachment.id] };
  }
  const res = await client.put(`/api/consultations/${consultationId}/responses/mine`, { answers, consent, submit: true });
  expect(res.status).toBe(200);
  return { id, attachmentId: (answers.paper as string[] | undefined)?.[0] ?? null };
}

describe("reviewing responses", () => {
  it("lists every submitted response to staff only, marks and unmarks, withholds and releases, with counts", async () => {
    const organiser = await person("Olga Organiser");
    const moderator = await person("Mona Moderator");
    const named = await person("Nina Named");
    const hidden = await person("Hugo Hidden");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
    await addMember(t.prisma, c.id, moderator.user.id, "moderator");
    expect((await organiser.client.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    const pub = await submit(named.client, c.id, "publish_named", "Qxreviewpaper text");
    const priv = await submit(hidden.client, c.id, "do_not_publish", null);
    // A draft is nobody's to review.
    await (await person("Dora Draft")).client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { comment: "Not yet" } });

    const review = `/api/consultations/${c.id}/responses/review`;
    // Denials, with the moderator as control in the same test.
    expect((await named.client.get(review)).status).toBe(404);
    expect((await t.client().get(review)).status).toBe(401);
    const list = await moderator.client.get(review);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual([pub.id, priv.id].sort());
    expect(list.body.counts).toEqual({ total: 2, suspectedAutomated: 0, withheldFiles: 0, byChannel: { web: 2 } });
    // No answer text in the list: the answers are one click away, on the response itself.
    expect(JSON.stringify(list.body)).not.toContain("Answer publish_named");

    // Mark, with a reason; the filter and counts follow; lifting it clears the reason.
    expect((await moderator.client.put(`/api/responses/${priv.id}/suspected-automated`, { suspected: true })).status).toBe(400);
    expect((await moderator.client.put(`/api/responses/${priv.id}/suspected-automated`, { suspected: true, reason: "Burst from one address." })).status).toBe(200);
    const marked = await moderator.client.get(`${review}?suspected=true`);
    expect(marked.body.items.map((i: { id: string }) => i.id)).toEqual([priv.id]);
    expect(marked.body.items[0]).toMatchObject({ suspectedAutomated: true, suspectedAutomatedReason: "Burst from one address.", consent: "do_not_publish" });
    expect(marked.body.counts.suspectedAutomated).toBe(1);
    expect((await moderator.client.get(`${review}?suspected=false`)).body.items.map((i: { id: string }) => i.id)).toEqual([pub.id]);
    expect((await moderator.client.put(`/api/responses/${priv.id}/suspected-automated`, { suspected: false })).status).toBe(200);
    expect((await moderator.client.get(review)).body.counts.suspectedAutomated).toBe(0);

    // Withhold, then release: the public download follows, the respondent reads the reason meanwhile.
    const file = `/api/responses/${pub.id}/attachments/${pub.attachmentId}`;
    const anonymous = t.client();
    expect((await anonymous.get(file)).status).toBe(200);
    expect((await named.client.delete(`${file}/withhold`)).status).toBe(404);
    expect((await moderator.client.post(`${file}/withhold`, { reason: "Signature visible." })).status).toBe(200);
    expect((await anonymous.get(file)).status).toBe(404);
    const withheld = (await moderator.client.get(review)).body;
    expect(withheld.counts.withheldFiles).toBe(1);
    expect(withheld.items.find((i: { id: string }) => i.id === pub.id).attachments[0]).toMatchObject({ withheld: true, withheldReason: "Signature visible." });
    expect((await named.client.get(`/api/responses/${pub.id}`)).body.response.attachments[0]).toMatchObject({ withheld: true, withheldReason: "Signature visible." });
    const released = await moderator.client.delete(`${file}/withhold`);
    expect(released.status).toBe(200);
    expect(released.body.attachment).toMatchObject({ withheld: false, withheldReason: null });
    expect((await anonymous.get(file)).status).toBe(200);
    expect((await moderator.client.get(review)).body.counts.withheldFiles).toBe(0);
    const audit = await t.prisma.auditEntry.findMany({ where: { consultationId: c.id }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["mark_automated", "unmark_automated", "withhold_attachment", "release_attachment"]));

    // Bad filters are a clear 400.
    const bad = await moderator.client.get(`${review}?channel=fax`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("query.channel");
  }, 60_000);

  it("lists partners with the rate limit each key is held to", async () => {
    const organiser = await person("Otto Organiser");
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
    expect((await organiser.client.post(`/api/consultations/${c.id}/partners`, { name: "Forum" })).status).toBe(201);
    const res = await organiser.client.get(`/api/consultations/${c.id}/partners`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.rateLimit).toEqual({ requests: 7, perSeconds: 30 });
  });
});
