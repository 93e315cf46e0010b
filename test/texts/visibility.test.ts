// The shared leak probe (test/support/visibility.ts) over texts and amendments: a hidden amendment and
// a members-only consultation's units appear in no channel of a reader who may not see them, while the
// same probe finds them for a reader who may (the positive control, in the same test).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { leaks, probeChannels } from "../support/visibility.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function signedIn(consultationId: string | null, role?: "participant" | "moderator") {
  const user = await createUser(t.prisma);
  if (consultationId && role) await addMember(t.prisma, consultationId, user.id, role);
  const client = t.client();
  await logIn(client, user);
  return { user, client };
}

describe("texts and amendments through every channel", () => {
  it("a hidden amendment reaches neither the public nor other participants; its author and staff still see it", async () => {
    const organiser = await signedIn(null);
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id });
    const text = await organiser.client.post(`/api/consultations/${c.id}/texts`, { title: "Proposal", format: "markdown", content: "### Article 7 — Detection orders\n\n1. A detection order may be issued." });
    const textId = text.body.text.id;
    const author = await signedIn(c.id, "participant");
    const token = "zebracrossing" + Date.now();
    const proposed = await author.client.post(`/api/texts/${textId}/amendments`, { eId: "art_7__para_1", kind: "replace", proposedText: `Never ${token}.`, justification: `Because ${token}.` });
    const amendmentId = proposed.body.amendment.id;
    const probe = { consultationId: c.id, textId, amendmentId, token };

    // Published: the probe finds it for anyone (the probe works).
    expect(leaks(await probeChannels(t.client(), probe), probe)).not.toEqual([]);
    const moderator = await signedIn(c.id, "moderator");
    expect((await moderator.client.post(`/api/amendments/${amendmentId}/moderation`, { action: "hide", reasonCode: "spam", statement: "Spam." })).status).toBe(200);

    const other = await signedIn(c.id, "participant");
    expect(leaks(await probeChannels(t.client(), probe), probe)).toEqual([]);
    expect(leaks(await probeChannels(other.client, probe), probe)).toEqual([]);
    // Staff still see it, in the list and directly.
    const staffSees = leaks(await probeChannels(moderator.client, probe), probe);
    expect(staffSees).toContain(`/api/amendments/${amendmentId} answered 200`);
    expect(staffSees).toContain(`/api/texts/${textId}/amendments contains the token`);
  });

  it("a members-only consultation's text reaches no outsider", async () => {
    const organiser = await signedIn(null);
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id, accessMode: "restricted" });
    const token = "quokkafield" + Date.now();
    const text = await organiser.client.post(`/api/consultations/${c.id}/texts`, { title: "Proposal", format: "markdown", content: `### Article 1 — Scope\n\n1. It applies to ${token}.` });
    const probe = { consultationId: c.id, textId: text.body.text.id, token };
    const outsider = await signedIn(null);
    expect(leaks(await probeChannels(outsider.client, probe), probe)).toEqual([]);
    expect(leaks(await probeChannels(t.client(), probe), probe)).toEqual([]);
    const memberClient = await signedIn(c.id, "participant");
    expect(leaks(await probeChannels(memberClient.client, probe), probe)).toContain(`/api/texts/${text.body.text.id} contains the token`);
  });
});
