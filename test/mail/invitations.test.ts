// Invitations by mail: to a restricted consultation and to an organisation, for an address with or
// without an account. Membership only when the invitee accepts; the mail read from a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addToOrganisation, createConsultation, createOrganisation, createUser, DEFAULT_PASSWORD, logIn, uniqueEmail } from "../support/factories.ts";
import { linkToken, MAIL_TEST_ENV, startSmtp, type TestSmtp } from "./smtp.ts";

let smtp: TestSmtp;
let t: TestServer;
let consultation: { id: string; slug: string };
let organiserClient: ReturnType<TestServer["client"]>;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestServer({ env: MAIL_TEST_ENV(smtp) });
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  consultation = await createConsultation(t.prisma, { createdById: organiser.id, accessMode: "restricted", title: "Closed-door hearing" });
  organiserClient = t.client();
  await logIn(organiserClient, organiser);
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
});

const invite = (email: string, role = "participant") => organiserClient.post(`/api/consultations/${consultation.id}/invitations`, { email, role });
const isMember = async (userId: string) => (await t.prisma.consultationMember.findUnique({ where: { consultationId_userId: { consultationId: consultation.id, userId } } }))?.role ?? null;

describe("consultation invitations by mail", () => {
  it("lets someone without an account register from the link, then join by accepting", async () => {
    const email = uniqueEmail("invitee");
    const sent = await invite(email, "participant");
    expect([sent.status, sent.body.invitation]).toEqual([202, { email, role: "participant", status: "sent" }]);
    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe('You are invited to the consultation "Closed-door hearing"');
    expect(mail.text).toContain("Olga Organiser");
    const token = linkToken(mail.text, "/invitations");

    const c = t.client();
    const preview = await c.get(`/api/invitations/preview?token=${token}`);
    expect(preview.body.invitation).toMatchObject({ kind: "consultation", role: "participant", hasAccount: false, consultation: { title: "Closed-door hearing" } });
    // Not a member, and the restricted consultation stays hidden, until the invitee accepts.
    expect((await c.post("/api/auth/register", { email, password: DEFAULT_PASSWORD, displayName: "Ines" })).status).toBe(201);
    const me = (await c.get("/api/me")).body.user;
    expect(me.emailVerified).toBe(false);
    expect(await isMember(me.id)).toBeNull();
    expect((await c.get(`/api/consultations/${consultation.id}`)).status).toBe(404);

    const accepted = await c.post("/api/invitations/accept", { token });
    expect(accepted.status).toBe(200);
    expect(await isMember(me.id)).toBe("participant");
    // The link reached this address: the account is verified by it, and reads the consultation now.
    expect((await c.get("/api/me")).body.user.emailVerified).toBe(true);
    expect((await c.get(`/api/consultations/${consultation.id}`)).status).toBe(200);
    // Single use.
    expect((await c.post("/api/invitations/accept", { token })).status).toBe(404);
  });

  it("makes no membership for a declined invitation, nor for another account holding the link", async () => {
    const invitee = await createUser(t.prisma);
    const other = await createUser(t.prisma);
    await invite(invitee.email, "observer");
    const token = linkToken((await smtp.waitFor(invitee.email)).text, "/invitations");
    const oc = t.client();
    await logIn(oc, other);
    const wrong = await oc.post("/api/invitations/accept", { token });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, "forbidden"]);
    expect(await isMember(other.id)).toBeNull();

    const ic = t.client();
    await logIn(ic, invitee);
    expect((await ic.post("/api/invitations/decline", { token })).status).toBe(200);
    expect(await isMember(invitee.id)).toBeNull();
    expect((await ic.post("/api/invitations/accept", { token })).status).toBe(404);

    // Positive control: a fresh invitation accepted by the same person makes them a member.
    await invite(invitee.email, "observer");
    const fresh = linkToken((await smtp.waitFor(invitee.email, (m) => !m.text.includes(token))).text, "/invitations");
    expect((await ic.post("/api/invitations/accept", { token: fresh })).status).toBe(200);
    expect(await isMember(invitee.id)).toBe("observer");
  });

  it("is for organisers only, and an unknown link is a 404", async () => {
    const participant = await createUser(t.prisma);
    const pc = t.client();
    await logIn(pc, participant);
    expect((await pc.post(`/api/consultations/${consultation.id}/invitations`, { email: uniqueEmail(), role: "participant" })).status).toBe(404);
    expect((await t.client().get(`/api/invitations/preview?token=${"x".repeat(43)}`)).status).toBe(404);
    const listed = await organiserClient.get(`/api/consultations/${consultation.id}/invitations`);
    expect(listed.status).toBe(200);
  });
});

describe("organisation invitations by mail", () => {
  it("mails an address without an account a link to register and join; the membership waits for the acceptance", async () => {
    const org = await createOrganisation(t.prisma, { verified: true, name: "Kinship Parents Test" });
    const rep = await createUser(t.prisma, { displayName: "Rosa Rep" });
    await addToOrganisation(t.prisma, rep.id, org.id, "representative");
    const rc = t.client();
    await logIn(rc, rep);
    const email = uniqueEmail("joiner");
    expect((await rc.post(`/api/organisations/${org.id}/members`, { email, role: "member" })).status).toBe(202);
    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe("You are invited to join Kinship Parents Test on Roundtable");
    const token = linkToken(mail.text, "/invitations");

    const c = t.client();
    expect((await c.post("/api/auth/register", { email, password: DEFAULT_PASSWORD, displayName: "Jo" })).status).toBe(201);
    const me = (await c.get("/api/me")).body.user;
    expect(me.organisations).toEqual([]);
    expect((await c.post("/api/invitations/accept", { token })).status).toBe(200);
    expect((await c.get("/api/me")).body.user.organisations).toEqual([expect.objectContaining({ id: org.id, role: "member" })]);

    // An existing account gets the mail too (and the in-app invitation, answered by the link as well).
    const known = await createUser(t.prisma);
    expect((await rc.post(`/api/organisations/${org.id}/members`, { email: known.email, role: "member" })).status).toBe(202);
    const knownToken = linkToken((await smtp.waitFor(known.email)).text, "/invitations");
    const kc = t.client();
    await logIn(kc, known);
    expect((await kc.get("/api/me/organisation-invitations")).body.items).toHaveLength(1);
    expect((await kc.post("/api/invitations/accept", { token: knownToken })).status).toBe(200);
    expect((await kc.get("/api/me/organisation-invitations")).body.items).toHaveLength(0);
    expect((await kc.get("/api/me")).body.user.organisations).toEqual([expect.objectContaining({ id: org.id })]);
  });
});
