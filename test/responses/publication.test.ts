// Consent and publication: each respondent's choice (named, anonymous, not published) holds in every
// channel a reader has (the published list and its filters, the public CSV export, search, direct reads,
// sockets), organisations are always named with their register number, and a moderator's redaction
// masks the text everywhere, survives an amendment that keeps it, and is explained to the respondent.
import { campaignsOnceIndexed } from "./indexing.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import { leaks, probeChannels } from "../support/visibility.ts";
import { connectSocket, deliveredUpToNow } from "../support/sockets.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const opts = (...keys: string[]) => keys.map((key) => ({ key, label: `Option ${key}` }));
const QUESTIONNAIRE = {
  title: "Responses",
  sections: [
    {
      key: "main",
      title: "Main",
      questions: [
        { key: "role", label: "You are", type: "single_choice", required: true, options: opts("parent", "teacher", "other") },
        { key: "topics", label: "Topics", type: "multiple_choice", options: opts("privacy", "safety") },
        { key: "trust", label: "Trust", type: "scale", min: 1, max: 5 },
        { key: "comment", label: "Comment", type: "long_text" },
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

async function submit(client: TestClient, consultationId: string, body: Record<string, unknown>) {
  const res = await client.put(`/api/consultations/${consultationId}/responses/mine`, { submit: true, ...body });
  if (res.status !== 201 && res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.response as { id: string; submissionNumber: string };
}

describe("publication follows consent", () => {
  it("named, anonymous, not published, drafts and redactions: each shows only what was agreed, in every channel", async () => {
    const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const orgClient = t.client();
    await logIn(orgClient, organiser);
    expect((await orgClient.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    const moderator = await person("Mo Moderator");
    await addMember(t.prisma, c.id, moderator.user.id, "moderator");

    const named = await person("Nadia Named");
    const anon = await person("Bertha Qxhidden");
    const private_ = await person("Priya Private");
    const drafter = await person("Dmitri Drafter");
    const rep = await person("Rory Rep");
    const org = await createOrganisation(t.prisma, { name: "Safe Childhood Alliance", category: "child_rights", verified: true, country: "IE" });
    await t.prisma.organisation.update({ where: { id: org.id }, data: { transparencyRegisterId: "123456789-01" } });
    await addToOrganisation(t.prisma, rep.user.id, org.id, "representative");

    // A socket that reads the consultation and its own user room, watching everything that arrives.
    const reader = await person("Rea Reader");
    const socket = await connectSocket(t.url, reader.client);
    expect(await socket.request("consultation:join", { consultationId: c.id })).toHaveProperty("data");

    const rNamed = await submit(named.client, c.id, { answers: { role: "teacher", topics: ["privacy"], trust: 4, comment: "Qxnamedtext is public" }, consent: "publish_named", country: "FR" });
    const rAnon = await submit(anon.client, c.id, { answers: { role: "parent", topics: ["safety"], trust: 2, comment: "Qxanontext is public" }, consent: "publish_anonymous", country: "DE" });
    const rPrivate = await submit(private_.client, c.id, { answers: { role: "other", comment: "Qxprivatetext must stay private" }, consent: "do_not_publish", country: "FR" });
    const draft = await drafter.client.put(`/api/consultations/${c.id}/responses/mine`, { answers: { role: "other", comment: "Qxdrafttext is not submitted" }, consent: "publish_named" });
    expect(draft.status).toBe(201);
    const comment = "Call me on Qxphone 0470 123 456 any time.";
    const rOrg = await submit(rep.client, c.id, { organisationId: org.id, answers: { role: "parent", topics: ["privacy", "safety"], comment }, consent: "publish_named" });

    // A moderator reads the submitted text and redacts the phone number, with a reason.
    const seen = await moderator.client.get(`/api/responses/${rOrg.id}`);
    expect(seen.status).toBe(200);
    const start = comment.indexOf("Qxphone");
    const redaction = await moderator.client.post(`/api/responses/${rOrg.id}/redactions`, { questionKey: "comment", start, end: start + "Qxphone 0470 123 456".length, reason: "A personal phone number." });
    expect(redaction.status, JSON.stringify(redaction.body)).toBe(201);

    // The published list, as an anonymous reader sees it (its counts once the indexing queue caught up).
    await campaignsOnceIndexed(t, c.id);
    const list = await t.client().get(`/api/consultations/${c.id}/responses`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.counts.byCategory).toEqual({ individual: 2, child_rights: 1 });
    const bySubmission = Object.fromEntries(list.body.items.map((i: { submissionNumber: string }) => [i.submissionNumber, i]));
    expect(bySubmission[rNamed.submissionNumber]).toMatchObject({ respondent: "Nadia Named", organisation: null, anonymous: false, country: "FR", answers: { comment: "Qxnamedtext is public" } });
    expect(bySubmission[rAnon.submissionNumber]).toMatchObject({ respondent: null, organisation: null, anonymous: true, country: "DE", answers: { comment: "Qxanontext is public" } });
    expect(bySubmission[rOrg.submissionNumber]).toMatchObject({ respondent: null, organisation: { name: "Safe Childhood Alliance", registerNumber: "123456789-01" }, category: "child_rights", country: "IE", redacted: true, answers: { comment: "Call me on [redacted] any time." } });
    expect(bySubmission[rPrivate.submissionNumber]).toBeUndefined();

    // The respondent learns what was masked and why.
    const own = await rep.client.get(`/api/responses/${rOrg.id}`);
    expect(own.body.response.redactions).toEqual([{ id: expect.any(String), questionKey: "comment", start, end: start + 20, reason: "A personal phone number.", createdAt: expect.any(String) }]);
    // An amendment that keeps the text keeps it masked.
    await submit(rep.client, c.id, { organisationId: org.id, answers: { role: "parent", comment: `${comment} Again: Qxphone 0470 123 456.` }, consent: "publish_named" });

    // Every channel, for an anonymous visitor, a logged-in reader and another respondent.
    const secrets = ["Qxprivatetext", "Qxdrafttext", "Qxphone", "Bertha", "Qxhidden", "Priya", "Dmitri"];
    for (const [who, client] of [["anonymous", t.client()], ["reader", reader.client], ["another respondent", named.client]] as const) {
      const results = await probeChannels(client, { consultationId: c.id, token: "Qxprivatetext", responseId: rPrivate.id });
      expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(5);
      const all = JSON.stringify(results.map((r) => r.body));
      // Positive control: what was agreed to be published is there, in the list and in the export.
      expect(all, who).toContain("Qxnamedtext");
      expect(all, who).toContain("Qxanontext");
      expect(all, who).toContain("Call me on [redacted] any time. Again: [redacted].");
      for (const secret of secrets) expect(leaks(results, { consultationId: c.id, token: secret, responseId: rPrivate.id }), `${who}: ${secret}`).toEqual([]);
      const draftProbe = await probeChannels(client, { consultationId: c.id, token: "Qxdrafttext", responseId: draft.body.response.id });
      expect(leaks(draftProbe, { consultationId: c.id, token: "Qxdrafttext", responseId: draft.body.response.id }), who).toEqual([]);
    }
    const csv = String((await t.client().get(`/api/consultations/${c.id}/exports/responses.csv`)).body);
    expect(csv.split("\n")[0]).toBe("submission_number,submitted_at,amended_at,version,respondent,organisation,register_number,category,country,redacted,role,topics,trust,comment");
    expect(csv).toContain("Nadia Named");
    expect(csv).toContain("Safe Childhood Alliance,123456789-01,child_rights,IE,true,Option parent,,,Call me on [redacted] any time. Again: [redacted].");
    expect(csv).toMatch(/Option teacher,Option privacy,4 \(1–5\),Qxnamedtext is public/);

    // Sockets: the marker arrives (positive control), and nothing before it carried any response text.
    await deliveredUpToNow(t.prisma, socket, { userId: reader.user.id });
    const delivered = JSON.stringify(socket.received);
    for (const secret of [...secrets, "Qxnamedtext"]) expect(delivered).not.toContain(secret);
    socket.close();
  }, 180_000);
});

describe("filters and redaction rules", () => {
  it("filters by category, country and answer; bad filters are a 400 naming them", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const orgClient = t.client();
    await logIn(orgClient, organiser);
    await orgClient.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE);
    const a = await person("Anna");
    const b = await person("Ben");
    const rep = await person("Rep");
    const org = await createOrganisation(t.prisma, { category: "industry", verified: true, country: "NL" });
    await addToOrganisation(t.prisma, rep.user.id, org.id, "representative");
    const ra = await submit(a.client, c.id, { answers: { role: "teacher", topics: ["privacy"], trust: 4 }, consent: "publish_named", country: "FR" });
    const rb = await submit(b.client, c.id, { answers: { role: "parent", topics: ["privacy", "safety"], trust: 2 }, consent: "publish_anonymous", country: "DE" });
    const ro = await submit(rep.client, c.id, { organisationId: org.id, answers: { role: "other", trust: 2 }, consent: "publish_named" });
    const numbers = async (q: string) => {
      const res = await t.client().get(`/api/consultations/${c.id}/responses?${q}`);
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body.items.map((i: { submissionNumber: string }) => i.submissionNumber).sort();
    };
    expect(await numbers("")).toEqual([ra, rb, ro].map((r) => r.submissionNumber).sort());
    expect(await numbers("category=industry")).toEqual([ro.submissionNumber]);
    expect(await numbers("category=individual&country=de")).toEqual([rb.submissionNumber]);
    expect(await numbers("country=NL")).toEqual([ro.submissionNumber]);
    expect(await numbers("question=role&answer=teacher")).toEqual([ra.submissionNumber]);
    expect(await numbers("question=topics&answer=privacy")).toEqual([ra, rb].map((r) => r.submissionNumber).sort());
    expect(await numbers("question=trust&answer=2")).toEqual([rb, ro].map((r) => r.submissionNumber).sort());
    // Paging: newest first, each once.
    const first = await t.client().get(`/api/consultations/${c.id}/responses?limit=2`);
    const second = await t.client().get(`/api/consultations/${c.id}/responses?limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((i: { submissionNumber: string }) => i.submissionNumber)).toEqual([ro, rb, ra].map((r) => r.submissionNumber));
    expect(second.body.nextCursor).toBeNull();

    for (const [q, path] of [["question=nope&answer=x", "query.question"], ["question=role&answer=astronaut", "query.answer"], ["question=comment&answer=x", "query.question"], ["question=trust&answer=high", "query.answer"], ["question=role", "query.answer"], ["country=France", "query.country"], ["category=aliens", "query.category"]]) {
      const res = await t.client().get(`/api/consultations/${c.id}/responses?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path), q).toContain(path);
    }
  });

  it("only the consultation's staff redact, within the answer, and a refused redaction writes nothing", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const orgClient = t.client();
    await logIn(orgClient, organiser);
    await orgClient.put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE);
    const a = await person("Anna");
    const other = await person("Otto");
    const r = await submit(a.client, c.id, { answers: { role: "teacher", comment: "Short text" }, consent: "publish_named" });
    const body = { questionKey: "comment", start: 0, end: 5, reason: "Test." };
    expect((await other.client.post(`/api/responses/${r.id}/redactions`, body)).status).toBe(404);
    expect((await a.client.post(`/api/responses/${r.id}/redactions`, body)).status).toBe(404);
    expect((await other.client.get(`/api/responses/${r.id}`)).status).toBe(404);
    const tooLong = await orgClient.post(`/api/responses/${r.id}/redactions`, { ...body, end: 99 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([{ path: "end", message: "must be at most 10, the answer's length" }]);
    expect((await orgClient.post(`/api/responses/${r.id}/redactions`, { ...body, questionKey: "role" })).status).toBe(400);
    expect((await orgClient.post(`/api/responses/${r.id}/redactions`, { ...body, start: 5, end: 5 })).status).toBe(400);
    expect(await t.prisma.responseRedaction.count({ where: { responseId: r.id } })).toBe(0);
    // Positive control: the organiser may.
    expect((await orgClient.post(`/api/responses/${r.id}/redactions`, body)).status).toBe(201);
    const listed = await t.client().get(`/api/consultations/${c.id}/responses`);
    expect(listed.body.items[0].answers.comment).toBe("[redacted] text");
    // The moderation log names the redaction and its reason, never the text.
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { targetId: r.id } });
    expect(audit).toMatchObject({ action: "redact", targetType: "response", statement: "Test." });
    expect(JSON.stringify(audit)).not.toContain("Short");
  });
});
