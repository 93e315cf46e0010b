// The contributions CSV written by the database (server/exports/csv-copy.ts) is byte for byte the one the
// batch writer makes from readPostBatch / readEndorsementBatch, on a record built to tell them apart:
// every post state, quarantined posts and a thread whose title is withheld, latest moderation decisions,
// organisations, Chatham House, comments on a draft text, endorsements of posts and positions, and
// bodies with character references, odd tags, white space and formula-like text. The statements run on
// both databases (read as rows where there is no COPY); on PostgreSQL the route's download is the COPY.
// The posts' plain text (roundtable_html_to_text, kept by the database) is htmlToText's on adversarial HTML.
import fs from "node:fs";
import path from "node:path";
import { PassThrough, type Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { TEST_DB } from "../support/db.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { ANONYMOUS } from "../../server/consultations/policy.ts";
import { audienceFor, type ExportAudience } from "../../server/exports/scope.ts";
import { batchesOfKind, contributionBatches } from "../../server/exports/rows.ts";
import { endorsementsCsvSelect, postsCsvSelect } from "../../server/exports/csv-copy.ts";
import { contributionsCsvLines, contributionsCsvTable, writeContributionsCsv } from "../../server/exports/formats/contributions.ts";
import { csvField } from "../../server/exports/formats/csv-line.ts";
import { exportHasTexts } from "../../server/texts/export-rows.ts";
import { htmlToText } from "../../server/exports/text.ts";
import { download, endorse, postReply, putPosition, startThread } from "./support.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");

/** HTML the renderer would never write, but stored HTML might hold (imports, older renderers). */
const ODD_HTML = [
  "<p>Plain</p>",
  "<p>a<br>b<br/>c<BR />d< br >e<br\t/>f</p>",
  "<ul><li>one</li><LI>two</LI></ul><H2>Title</H2><blockquote><p>quoted</p></blockquote><pre><code>x  \n\ty</code></pre><table><tr><td>c</td></tr></table>",
  "&amp;lt; &#x41;&#65;&#0;&#xD800;&#xd83d;&#xde00; &#1114111; &#1114112; &#x110000; &#99999999999; &#x0000000041; &#0000065;",
  "&nbsp;&NBSP;&Amp;&QUOT;&constructor;&__proto__;&toString;&unknown; &#; &#x; &; &&amp;; &#38;amp; &#x1F600;",
  "<p>  lead</p>\n\n\n\n<p>trail \t </p>  ",
  "\u00a0\u2028text\ufeff \u3000",
  "<p>=HYPERLINK(\"http://x\")</p>",
  "<p>\t+1 and @someone, \"quoted\"\r\nnext</p>",
  "<p>Ünïcödé — 😀 &lt;tag&gt; İSTANBUL ǅ</p>",
  "a < b > c <p>x</p\n> <!-- comment --> <img src=x alt='>'>",
  "&#X41;<\u00a0br><\u3000br>x</P>y</TR>z&#x1000000;&#x10FFFF;",
  "\u1680\u2000\u200a\u000b text \u000b\u2029",
  // The sanitiser's own references only (decoded without the general pass), and the cases that must not take that short cut.
  "&amp;lt; &lt;amp; &am&lt;p; &quot;&gt;",
  "&amp;lt; &ltx; &LT; &lt;amp;",
  // Many references: linear, not one re-scan of the rest per reference.
  `${"&lt;".repeat(5_000)}${"&#60;".repeat(5_000)}`,
  "",
];

let t: TestServer;
const c: Record<string, TestClient> = {};
type U = Awaited<ReturnType<typeof createUser>>;
const u: Record<string, U> = {};
let main: Awaited<ReturnType<typeof createConsultation>>;
let chatham: Awaited<ReturnType<typeof createConsultation>>;
const reason = { reasonCode: "off_topic", statement: "=Not about this question, \"really\"." };

beforeAll(async () => {
  t = await startTestServer();
  for (const [name, displayName, category] of [["organiser", "Organiser", "individual"], ["moderator", "Mod", "individual"], ["alice", "@alice, \"the\" rep", "digital_rights"], ["bob", "-bob", "academia"], ["carol", "Carol", "child_rights"]] as const) {
    u[name] = await createUser(t.prisma, { displayName, category });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  c.anon = t.client();
  main = await createConsultation(t.prisma, { createdById: u.organiser!.id, questions: ["Q1?", "Q2?"] });
  await addMember(t.prisma, main.id, u.moderator!.id, "moderator");
  const org = await createOrganisation(t.prisma, { name: "+Open, Rights \"Lab\"", category: "digital_rights", verified: true });
  await addToOrganisation(t.prisma, u.alice!.id, org.id, "representative");
  const [q1, q2] = main.questions.map((q) => q.id);

  const opening = await startThread(c.alice!, main.id, "Opening with **bold**, a [link](https://example.org) and `code`.", { title: "=Main, \"thread\"", questionId: q1 });
  const replies: string[] = [];
  for (const body of ["Plain reply.", "=SUM(A1:A2) and a comma, \"quote\"", "Line one\n\nLine two\n\n\n\nLine three", "- list item\n- another\n\n> quoted text", "5 < 6 & 7 > 3 \"q\" 'a'"]) {
    replies.push(await postReply(c.bob!, opening.threadId, body, { parentId: opening.postId, replyType: "supports" }));
  }
  replies.push(await postReply(c.alice!, opening.threadId, "On behalf of the lab.", { onBehalfOfOrganisationId: org.id }));
  // Stored HTML the renderer would not write, as an import might leave it.
  for (const bodyHtml of ODD_HTML) {
    await t.prisma.post.create({ data: { threadId: opening.threadId, consultationId: main.id, authorId: u.carol!.id, authorCategory: "child_rights", bodySource: "odd", bodyHtml, status: "published", depth: 1, parentId: opening.postId } });
  }
  // Every state, and the moderation history of one post (the latest decision is the one exported).
  const pending = await postReply(c.bob!, opening.threadId, "Pending reply.");
  await t.prisma.post.update({ where: { id: pending }, data: { status: "pending" } });
  const hidden = await postReply(c.bob!, opening.threadId, "Hidden, then restored, then hidden again.");
  for (const action of ["hide", "restore", "hide"]) expect((await c.moderator!.post(`/api/posts/${hidden}/moderation`, { action, ...reason })).status).toBe(200);
  const illegal = await postReply(c.bob!, opening.threadId, "Reported as illegal.");
  expect((await c.carol!.post(`/api/posts/${illegal}/flags`, { reason: "illegal_content" })).status).toBe(201);
  const edited = await postReply(c.carol!, opening.threadId, "Before the edit.");
  expect((await c.carol!.patch(`/api/posts/${edited}`, { body: "After the edit, &amp; more.", version: 1 })).status).toBe(200);
  // A thread whose opening post is hidden (gone for the public), one whose opening post is reported as illegal (title withheld from staff).
  const gone = await startThread(c.bob!, main.id, "Opening of a hidden thread.", { title: "Gone", questionId: q2 });
  await postReply(c.carol!, gone.threadId, "Orphaned reply.");
  expect((await c.moderator!.post(`/api/posts/${gone.postId}/moderation`, { action: "hide", ...reason })).status).toBe(200);
  const illThread = await startThread(c.bob!, main.id, "Illegal opening.", { title: "Illegal title" });
  expect((await c.carol!.post(`/api/posts/${illThread.postId}/flags`, { reason: "illegal_content" })).status).toBe(201);
  // Comments on a draft text: posts carry the unit their thread is about.
  const textId = (await c.organiser!.post(`/api/consultations/${main.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE })).body.text.id as string;
  const onText = await c.alice!.post(`/api/texts/${textId}/threads`, { eId: "art_7__para_4__point_a", title: "Which risk?", body: "Undefined." });
  expect(onText.status).toBe(201);
  // Endorsements of posts in several categories, of a hidden post, and of positions.
  const position = await putPosition(c.alice!, main.id, q1!, org.id, "oppose", "+We oppose, \"strongly\".");
  for (const who of ["bob", "carol", "organiser"]) {
    await endorse(c[who]!, "posts", opening.postId);
    await endorse(c[who]!, "positions", position);
  }
  await endorse(c.carol!, "posts", replies[1]!);
  await endorse(c.alice!, "posts", replies[2]!);
  await t.prisma.endorsement.create({ data: { userId: u.alice!.id, postId: hidden, category: "digital_rights" } });

  // Chatham House: names withheld from the public.
  chatham = await createConsultation(t.prisma, { createdById: u.organiser!.id, accessMode: "chatham_house" });
  await addMember(t.prisma, chatham.id, u.alice!.id, "participant");
  await addMember(t.prisma, chatham.id, u.bob!.id, "participant");
  const ch = await startThread(c.alice!, chatham.id, "Chatham opening.", { title: "Chatham", questionId: chatham.questions[0]!.id });
  await postReply(c.alice!, ch.threadId, "On behalf, under the rule.", { onBehalfOfOrganisationId: org.id });
  await endorse(c.bob!, "posts", ch.postId);
}, 120_000);
afterAll(async () => {
  await t.stop();
});

async function bytesOf(write: (out: Writable) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (b: Buffer) => chunks.push(b));
  await write(out);
  return Buffer.concat(chunks).toString("utf8");
}

/** The batch writer's CSV: what the CSV was before the database wrote it, and still is on PGlite. */
const batchCsv = (a: ExportAudience) =>
  bytesOf((out) => writeContributionsCsv(contributionBatches(t.prisma, a), out, { generatedAt: "2026-12-03T00:00:00.000Z", scope: a.scope, consultation: { id: a.consultation.id, slug: a.consultation.slug, title: a.consultation.title, accessMode: a.consultation.accessMode, authorsWithheld: !a.showAuthors } }));

/** copyContributionsCsv's statements read as rows and written with csvField (COPY's quoting), on either database. */
async function statementsCsv(a: ExportAudience): Promise<string> {
  const table = contributionsCsvTable(a.scope);
  const lines = async (statement: { text: string }) => {
    const rows = await t.prisma.$queryRawUnsafe<Record<string, string | null>[]>(statement.text);
    return rows.map((r) => `${Object.values(r).map((v) => (v === null ? "" : csvField(v))).join(",")}\n`).join("");
  };
  const batches = async (kind: "position" | "unit" | "amendment") => {
    let text = "";
    for await (const batch of batchesOfKind(t.prisma, a, kind)) text += contributionsCsvLines(table, batch, a.scope);
    return text;
  };
  return table.header() + (await lines(postsCsvSelect(a, await exportHasTexts(t.prisma, a)))) + (await batches("position")) + (await lines(endorsementsCsvSelect(a))) + (await batches("unit")) + (await batches("amendment"));
}

const staffViewer = () => ({ userId: u.organiser!.id, isAdmin: false, role: "organiser" as const });

describe("the contributions CSV written by the database", () => {
  it("is the batch writer's, byte for byte, in every scope, and is what the route sends", async () => {
    const cases = [
      { name: "public", consultation: main, scope: "public" as const, client: c.anon! },
      { name: "staff", consultation: main, scope: "staff" as const, client: c.organiser! },
      { name: "Chatham House, public", consultation: chatham, scope: "public" as const, client: c.bob! },
      { name: "Chatham House, staff", consultation: chatham, scope: "staff" as const, client: c.organiser! },
    ];
    for (const k of cases) {
      const fresh = await t.prisma.consultation.findUniqueOrThrow({ where: { id: k.consultation.id } });
      const audience = audienceFor(fresh, k.scope, k.scope === "staff" ? staffViewer() : ANONYMOUS);
      const expected = await batchCsv(audience);
      expect(await statementsCsv(audience), k.name).toBe(expected);
      const res = await download(k.client, `/api/consultations/${k.consultation.id}/exports/contributions.csv${k.scope === "staff" ? "?scope=staff" : ""}`);
      expect(res.status, k.name).toBe(200);
      expect(res.text, `${k.name} (${TEST_DB === "postgres" ? "COPY" : "batches"})`).toBe(expected);
    }
  });

  it("has the rows and cells the scopes call for (so equal outputs cannot both be wrong the same way unnoticed)", async () => {
    const publicCsv = (await download(c.anon!, `/api/consultations/${main.id}/exports/contributions.csv`)).text;
    const staffCsv = (await download(c.organiser!, `/api/consultations/${main.id}/exports/contributions.csv?scope=staff`)).text;
    expect(publicCsv).toContain(`"'=SUM(A1:A2) and a comma, ""quote"""`);
    expect(publicCsv).toContain(`"'=Main, ""thread"""`);
    expect(publicCsv).toContain("After the edit, &amp; more.");
    expect(publicCsv).toContain(",art_7__para_4__point_a,");
    expect(publicCsv).not.toMatch(/Pending reply|Hidden, then restored|Reported as illegal|Orphaned reply|Illegal title/);
    expect(publicCsv.match(/^endorsement,/gm)).toHaveLength(8);
    expect(staffCsv).toMatch(/Pending reply/);
    expect(staffCsv).toContain("[withheld: reported as illegal content]");
    expect(staffCsv).not.toContain("Illegal title");
    expect(staffCsv).not.toContain("Reported as illegal.");
    expect(staffCsv.match(/^endorsement,/gm)).toHaveLength(9);
    const chathamCsv = (await download(c.bob!, `/api/consultations/${chatham.id}/exports/contributions.csv`)).text;
    expect(chathamCsv).toContain("Chatham opening.");
    expect(chathamCsv).not.toContain("@alice");
    expect(chathamCsv).not.toContain(u.alice!.id);
    expect(chathamCsv).not.toContain("Open, Rights");
  });
});

describe("posts' plain text kept by the database", () => {
  it("is htmlToText's on HTML the renderer would not write", async () => {
    for (const html of ODD_HTML) {
      const [row] = await t.prisma.$queryRawUnsafe<{ text: string }[]>(`SELECT roundtable_html_to_text($1) AS text`, html);
      expect(row!.text, JSON.stringify(html)).toBe(htmlToText(html));
    }
    // The conversion does something (an identity function would fail above only where HTML has tags).
    expect(htmlToText(ODD_HTML[3]!)).toContain("&lt; AA&#0;\uFFFD\uFFFD\uFFFD \u{10FFFF} &#1114112;");
    const stored = await t.prisma.$queryRawUnsafe<{ body_html: string; body_text: string }[]>(`SELECT body_html, body_text FROM posts WHERE consultation_id = $1`, main.id);
    expect(stored.length).toBeGreaterThan(20);
    for (const p of stored) expect(p.body_text, p.body_html).toBe(htmlToText(p.body_html));
  });
});
