// A new version tells the people who wrote about the units it changed: thread starters, repliers and
// amendment authors, once each, never the organiser who published, only while they may read the
// consultation; in the bell (units as printed, each linking to the reading view) and by mail (real SMTP).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { MAIL_TEST_ENV, startSmtp, type TestSmtp } from "../mail/smtp.ts";
import { sendDueDigests } from "../../server/mail/digest.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";
const V2 = FIXTURE.replace("there is evidence of a significant risk", "there is evidence of a specific risk");

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

async function member(consultationId: string, replies: "instant" | "digest" | "off" = "off") {
  const user = await createUser(t.prisma);
  await addMember(t.prisma, consultationId, user.id, "participant");
  const client = t.client();
  await logIn(client, user);
  expect((await client.put("/api/me/mail-settings", { replies, decisions: "off" })).status).toBe(200);
  return { user, client };
}

describe("text_changed notifications", () => {
  it("reach starters, repliers and amendment authors of changed units once each, not the publisher, not those who left", async () => {
    const organiserUser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiserUser.id, accessMode: "restricted", title: "CSA Regulation" });
    const organiser = t.client();
    await logIn(organiser, organiserUser);
    const created = await organiser.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
    expect(created.status).toBe(201);
    const textId = created.body.text.id as string;

    const starter = await member(c.id);
    const replier = await member(c.id, "instant");
    const leaver = await member(c.id, "instant");
    const elsewhere = await member(c.id);
    const digester = await member(c.id, "digest");
    const changed = await starter.client.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Which risk?", body: "Significant is vague." });
    const unchanged = await starter.client.post(`/api/texts/${textId}/threads`, { eId: "art_1__para_1", title: "Scope", body: "On scope." });
    expect([changed.status, unchanged.status]).toEqual([201, 201]);
    const reply = (who: { client: typeof organiser }, th: typeof changed, body: string) =>
      who.client.post(`/api/threads/${th.body.thread.id}/posts`, { body, parentId: th.body.post.id }).then((r) => expect(r.status).toBe(201));
    // The replier replies twice and proposes an amendment to the same unit: still one notification.
    await reply(replier, changed, "Agreed, it is vague.");
    await reply(replier, changed, "And here is why.");
    expect((await replier.client.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", proposedText: "evidence of a specific risk", justification: "Precision." })).status).toBe(201);
    await reply(leaver, changed, "I will leave soon.");
    await reply(digester, changed, "Tell me tomorrow.");
    await reply(elsewhere, unchanged, "Only about scope.");
    await reply({ client: organiser }, changed, "The organiser answers.");
    await t.prisma.consultationMember.delete({ where: { consultationId_userId: { consultationId: c.id, userId: leaver.user.id } } });

    expect((await organiser.post(`/api/texts/${textId}/versions`, { format: "markdown", content: V2, basedOn: 1 })).status).toBe(201);

    const told = await t.prisma.notification.findMany({ where: { kind: "text_changed", payload: { path: ["documentId"], equals: textId } } });
    const recipients = told.map((n) => n.userId).sort();
    // The positive controls (starter, replier, digester) are there; the leaver, the organiser and the reply elsewhere are not.
    expect(recipients).toEqual([starter.user.id, replier.user.id, digester.user.id].sort());
    expect(recipients).not.toContain(leaver.user.id);
    expect(recipients).not.toContain(organiserUser.id);

    // The bell: the text, its version, the unit as printed.
    const bell = await replier.client.get("/api/notifications");
    expect(bell.body.items[0]).toMatchObject({ kind: "text_changed", payload: { consultationId: c.id, documentId: textId, title: "The proposal", version: 2, units: [{ eId: POINT_A, label: "Article 7(4)(a)" }], more: 0 } });

    // The mail, at once (the replier's replies setting), with the unit's link; none for the leaver.
    const mail = await smtp.waitFor(replier.user.email, (m) => m.subject.includes("The proposal"));
    expect(mail.subject).toBe('"The proposal" changed where you took part');
    expect(mail.text).toContain("version 2");
    expect(mail.text).toContain("CSA Regulation");
    expect(mail.text).toContain(`- Article 7(4)(a): https://forum.example.org/consultations/${c.id}/texts/${textId}?unit=${POINT_A}`);
    expect(await t.prisma.outboxMail.count({ where: { recipient: leaver.user.email } })).toBe(0);
    expect(await t.prisma.outboxMail.count({ where: { recipient: starter.user.email } })).toBe(0); // replies: off

    // In the digest for who wants one.
    await sendDueDigests(t.prisma, { intervalMs: 24 * 3600_000, now: new Date(Date.now() + 25 * 3600_000) });
    const digest = await smtp.waitFor(digester.user.email, (m) => m.subject.includes("new notification"));
    expect(digest.text).toContain(`"The proposal" changed (version 2): Article 7(4)(a): https://forum.example.org/consultations/${c.id}/texts/${textId}`);
  });

  it("leaves the bell entry out once the consultation is closed to the recipient", async () => {
    const organiserUser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiserUser.id, accessMode: "restricted" });
    const organiser = t.client();
    await logIn(organiser, organiserUser);
    const textId = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "Annex", format: "markdown", content: FIXTURE })).body.text.id as string;
    const stays = await member(c.id);
    const goes = await member(c.id);
    for (const who of [stays, goes]) expect((await who.client.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Risk", body: "On the risk." })).status).toBe(201);
    expect((await organiser.post(`/api/texts/${textId}/versions`, { format: "markdown", content: V2, basedOn: 1 })).status).toBe(201);
    await t.prisma.consultationMember.delete({ where: { consultationId_userId: { consultationId: c.id, userId: goes.user.id } } });
    const kinds = async (who: typeof stays) => ((await who.client.get("/api/notifications")).body.items as { kind: string }[]).map((n) => n.kind);
    expect(await kinds(stays)).toContain("text_changed");
    expect(await kinds(goes)).not.toContain("text_changed");
    expect(await t.prisma.notification.count({ where: { userId: goes.user.id, kind: "text_changed" } })).toBe(1);
  });
});
