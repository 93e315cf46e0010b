// The shared leak probe (test/support/visibility.ts) over texts and amendments: a hidden amendment and
// a members-only consultation's units appear in no channel of a reader who may not see them, while the
// same probe finds them for a reader who may (the positive control, in the same test).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { leaks, probeChannels, probeExports } from "../support/visibility.ts";

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

  it("comments on a unit that are held or hidden reach no channel of other readers (reading counts, files, diff included); staff see and count them", async () => {
    const organiser = await signedIn(null);
    const c = await createConsultation(t.prisma, { createdById: organiser.user.id, moderationMode: "pre" });
    const source = "### Article 7 — Detection orders\n\n1. A detection order may be issued.\n\n2. It lasts 12 months.";
    const text = await organiser.client.post(`/api/consultations/${c.id}/texts`, { title: "Proposal", format: "markdown", content: source });
    const textId = text.body.text.id as string;
    const eId = "art_7__para_1";
    // Staff never wait: the organiser's anchored thread is public at once.
    const thread = await organiser.client.post(`/api/texts/${textId}/threads`, { eId, title: "Issuing orders", body: "Who may ask for one?" });
    expect(thread.status).toBe(201);
    const threadId = thread.body.thread.id as string;
    const moderator = await signedIn(c.id, "moderator");
    const held = "heldwombat" + Date.now();
    const hidden = "hiddenwombat" + Date.now();
    const heldAuthor = await signedIn(c.id, "participant");
    const heldReply = await heldAuthor.client.post(`/api/threads/${threadId}/posts`, { body: `Only a court, ${held}.` });
    expect(heldReply.body.post.status).toBe("pending");
    const hiddenAuthor = await signedIn(c.id, "participant");
    const hiddenReply = await hiddenAuthor.client.post(`/api/threads/${threadId}/posts`, { body: `Anyone, ${hidden}.` });
    const hiddenId = hiddenReply.body.post.id as string;
    expect((await moderator.client.post(`/api/posts/${hiddenId}/moderation`, { action: "approve" })).status).toBe(200);
    // Published for a moment: the probe finds it (the probe works on these channels).
    const probeHidden = { consultationId: c.id, textId, threadId, textVersions: 2, postId: hiddenId, token: hidden };
    const v2 = await organiser.client.post(`/api/texts/${textId}/versions`, { format: "markdown", content: source.replace("12 months", "9 months"), basedOn: 1 });
    expect(v2.status).toBe(201);
    expect(leaks(await probeChannels(t.client(), probeHidden), probeHidden)).not.toEqual([]);
    expect((await moderator.client.post(`/api/posts/${hiddenId}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Off topic." })).status).toBe(200);

    const other = await signedIn(c.id, "participant");
    const probeHeld = { consultationId: c.id, textId, threadId, textVersions: 2, postId: heldReply.body.post.id as string, token: held };
    for (const reader of [t.client(), other.client]) {
      // A hidden post stays in the thread as a placeholder (its id, no text): the token is what must not show.
      expect(leaks(await probeChannels(reader, probeHidden), probeHidden).filter((l) => l.includes("token"))).toEqual([]);
      expect(leaks([...(await probeChannels(reader, probeHeld)), ...(await probeExports(reader, c.id))], probeHeld)).toEqual([]);
    }
    // The reading view counts what its reader may see: the opening post for the public, all three for staff.
    type Unit = { eId: string; counts: { comments: number }; children: Unit[] };
    const find = (units: Unit[]): Unit | undefined => units.map((u) => (u.eId === eId ? u : find(u.children))).find(Boolean);
    expect(find((await t.client().get(`/api/texts/${textId}/reading`)).body.text.units)!.counts.comments).toBe(1);
    expect(find((await moderator.client.get(`/api/texts/${textId}/reading`)).body.text.units)!.counts.comments).toBe(3);
    // Positive control: staff read both in the thread.
    const staffSees = leaks(await probeChannels(moderator.client, probeHeld), probeHeld);
    expect(staffSees.some((l) => l.includes("contains the token"))).toBe(true);
  });
});
