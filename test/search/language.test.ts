// Issue 10 item 7: full-text search in each consultation's own language. French contributions are
// stemmed as French ("chiffrement" finds "chiffrés"), German as German ("Verschlüsselung" finds
// "Verschlüsselungen"), English as English; the same words in an English consultation are not stemmed
// that way (the control). A change of a consultation's language re-indexes what belongs to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";

let t: TestServer;
let client: TestClient;
let organiser: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  t = await startTestServer();
  organiser = await createUser(t.prisma, { displayName: "Search organiser" });
  client = t.client();
  await logIn(client, organiser);
});
afterAll(async () => {
  await t.stop();
});

async function consultationIn(language: string, title: string) {
  const c = await createConsultation(t.prisma, { createdById: organiser.id, title });
  await t.prisma.consultation.update({ where: { id: c.id }, data: { language } });
  return c.id;
}
async function threadIn(consultationId: string, title: string, body: string) {
  const res = await client.post(`/api/consultations/${consultationId}/threads`, { title, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { threadId: res.body.thread.id as string, postId: res.body.post.id as string };
}
const hits = async (q: string, consultationId: string) => {
  const res = await client.get(`/api/search?q=${encodeURIComponent(q)}&consultationId=${consultationId}&limit=50`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as { type: string; id: string; snippet: { text: string; highlight: boolean }[] }[];
};

describe("search in the consultation's language", () => {
  it("stems French in a French consultation and German in a German one, and not in an English one", async () => {
    const fr = await consultationIn("fr", "Ordonnances de détection");
    const de = await consultationIn("de", "Aufdeckungsanordnungen");
    const en = await consultationIn("en", "Detection orders");
    const frenchBody = "Les messages chiffrés de bout en bout ne peuvent pas être analysés.";
    const germanBody = "Die Verschlüsselungen der Nachrichten dürfen nicht geschwächt werden.";
    const frPost = await threadIn(fr, "Le chiffrement", frenchBody);
    const dePost = await threadIn(de, "Verschlüsselung", germanBody);
    const enFrench = await threadIn(en, "Quoted in French", frenchBody);
    const enGerman = await threadIn(en, "Quoted in German", germanBody);

    // French: "chiffrement" and "analyse" reach "chiffrés" and "analysés" through the French stemmer.
    expect((await hits("chiffrement analyse", fr)).map((h) => h.id)).toContain(frPost.postId);
    const snippet = (await hits("chiffrement", fr)).find((h) => h.id === frPost.postId)!.snippet;
    expect(snippet.filter((s) => s.highlight).map((s) => s.text)).toContain("chiffrés");
    // German: "Verschlüsselung" and "Nachricht" reach the plural forms.
    expect((await hits("Verschlüsselung Nachricht", de)).map((h) => h.id)).toContain(dePost.postId);
    // The same texts in the English consultation: English stemming does not join these forms.
    expect((await hits("chiffrement analyse", en)).map((h) => h.id)).not.toContain(enFrench.postId);
    expect((await hits("Verschlüsselung Nachricht", en)).map((h) => h.id)).not.toContain(enGerman.postId);
    // ...while English words are stemmed there (the control that the English index answers at all).
    const enPost = await threadIn(en, "Scanning", "Encrypted services would be scanned before encryption.");
    expect((await hits("encrypt scanning", en)).map((h) => h.id)).toContain(enPost.postId);
    // German stop words are not searched for in German ("der" alone finds nothing), but words are.
    expect(await hits("der", de)).toEqual([]);

    // Search across consultations joins the groups, each in its own language.
    const all = await client.get(`/api/search?q=${encodeURIComponent("chiffrement")}&limit=50`);
    expect(all.body.items.map((h: { id: string }) => h.id)).toContain(frPost.postId);
  });

  it("re-indexes a consultation's threads and posts when its language changes", async () => {
    const id = await consultationIn("en", "Langue changée");
    const post = await threadIn(id, "Analyse", "Les messages chiffrés restent privés.");
    expect((await hits("chiffrement", id)).map((h) => h.id)).not.toContain(post.postId);
    await t.prisma.consultation.update({ where: { id }, data: { language: "fr" } });
    expect((await hits("chiffrement", id)).map((h) => h.id)).toContain(post.postId);
    // A thread started afterwards is indexed in French from the start; the thread title too.
    const later = await threadIn(id, "Les ordonnances analysées", "Un deuxième message.");
    const found = await hits("analyse", id);
    expect(found.map((h) => h.id)).toEqual(expect.arrayContaining([later.threadId, post.threadId]));
  });
});
