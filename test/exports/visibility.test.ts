// Nothing a reader may not see leaves through an export: pending, hidden, rejected, withdrawn and
// quarantined posts and positions (each with a unique token), replies in a thread whose opening post is
// hidden, Chatham House names and organisations, e-mail addresses. Every format is generated and read
// back as text: CSV, JSON, XLSX, the report in Markdown, HTML, PDF and DOCX, and the ZIP package.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { leaks, probeExports, type ChannelResult } from "../support/visibility.ts";
import { download, textOf, waitForJob } from "./support.ts";

let t: TestServer;
let dataDir: string;
type U = Awaited<ReturnType<typeof createUser>>;
const u: Record<string, U> = {};
const c: Record<string, TestClient> = {};
let consultation: Awaited<ReturnType<typeof createConsultation>>;
let chatham: Awaited<ReturnType<typeof createConsultation>>;

/** What must never appear, by name; and what must appear (so an empty export cannot pass). */
const hidden: Record<string, string> = {};
const quarantined: Record<string, string> = {};
const visible: Record<string, string> = {};
const CHATHAM_NAME = "Zelda Qxsecretname";
const CHATHAM_ORG = "Qxsecret Foundation";

let n = 0;
const token = (kind: string) => `qx${kind}${(n++).toString(36)}z`;

async function thread(client: TestClient, consultationId: string, body: string, title = "A thread", questionId?: string) {
  const res = await client.post(`/api/consultations/${consultationId}/threads`, { title, body, questionId });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { threadId: res.body.thread.id as string, postId: res.body.post.id as string };
}
async function reply(client: TestClient, threadId: string, body: string, extra: Record<string, unknown> = {}) {
  const res = await client.post(`/api/threads/${threadId}/posts`, { body, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.post.id as string;
}
async function position(client: TestClient, consultationId: string, questionId: string, organisationId: string, summary: string, stance = "oppose", extra: Record<string, unknown> = {}) {
  const res = await client.put(`/api/consultations/${consultationId}/questions/${questionId}/position`, { organisationId, stance, summary, argument: `Argument: ${summary}`, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.position.id as string;
}
const reason = { reasonCode: "off_topic", statement: "Not about this question." };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-exports-"));
  t = await startTestServer({ env: { DATA_DIR: dataDir } });
  for (const name of ["organiser", "moderator", "alice", "bob", "carol", "dave", "secret"]) {
    u[name] = await createUser(t.prisma, { displayName: name === "secret" ? CHATHAM_NAME : name, category: name === "bob" ? "academia" : "individual" });
    c[name] = t.client();
    await logIn(c[name]!, u[name]!);
  }
  c.anon = t.client();
  consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id, questions: ["Q1?", "Q2?", "Q3?", "Q4?", "Q5?", "Q6?"] });
  await addMember(t.prisma, consultation.id, u.moderator!.id, "moderator");
  const org = await createOrganisation(t.prisma, { name: "Open Rights Lab", category: "digital_rights", verified: true });
  await addToOrganisation(t.prisma, u.alice!.id, org.id, "representative");
  const [q1, q2, q3, q4, q5, q6] = consultation.questions.map((q) => q.id);

  // Public content, with tokens that must show up (positive controls).
  visible.opening = token("open");
  const main = await thread(c.alice!, consultation.id, `Opening ${visible.opening}`, "Main thread", q1);
  visible.reply = token("reply");
  await reply(c.bob!, main.threadId, `Reply ${visible.reply} supports this.`, { parentId: main.postId, replyType: "supports" });
  visible.position = token("pos");
  await position(c.alice!, consultation.id, q1!, org.id, `Position ${visible.position}`, "support", { declarationOfInterests: "We are funded by members." });

  // Posts in every state the public may not see.
  hidden.pendingPost = token("pend");
  const pending = await reply(c.bob!, main.threadId, `Reply ${hidden.pendingPost}`);
  await t.prisma.post.update({ where: { id: pending }, data: { status: "pending" } });
  hidden.hiddenPost = token("hide");
  const hid = await reply(c.bob!, main.threadId, `Reply ${hidden.hiddenPost}`);
  expect((await c.moderator!.post(`/api/posts/${hid}/moderation`, { action: "hide", ...reason })).status).toBe(200);
  hidden.rejectedPost = token("rej");
  const rej = await reply(c.bob!, main.threadId, `Reply ${hidden.rejectedPost}`);
  await t.prisma.post.update({ where: { id: rej }, data: { status: "rejected" } });
  hidden.withdrawnPost = token("wd");
  const wd = await reply(c.bob!, main.threadId, `Reply ${hidden.withdrawnPost}`, { parentId: main.postId, replyType: "contests" });
  expect((await c.bob!.delete(`/api/posts/${wd}`)).status).toBe(204);
  quarantined.post = token("illegal");
  const ill = await reply(c.bob!, main.threadId, `Reply ${quarantined.post}`, { parentId: main.postId, replyType: "supports" });
  expect((await c.carol!.post(`/api/posts/${ill}/flags`, { reason: "illegal_content" })).status).toBe(201);
  // A thread whose opening post is hidden: its title and its (published) replies do not exist for the public.
  hidden.hiddenThreadTitle = token("ttl");
  hidden.hiddenThreadReply = token("orphan");
  const gone = await thread(c.bob!, consultation.id, "Opening of a hidden thread", `Title ${hidden.hiddenThreadTitle}`, q2);
  await reply(c.carol!, gone.threadId, `Reply ${hidden.hiddenThreadReply}`);
  expect((await c.moderator!.post(`/api/posts/${gone.postId}/moderation`, { action: "hide", ...reason })).status).toBe(200);
  // A thread whose opening post was reported as illegal: even staff exports withhold its title.
  quarantined.threadTitle = token("illttl");
  const illThread = await thread(c.bob!, consultation.id, `Opening ${token("x")}`, `Title ${quarantined.threadTitle}`);
  expect((await c.carol!.post(`/api/posts/${illThread.postId}/flags`, { reason: "illegal_content" })).status).toBe(201);

  // Positions in every state the public may not see (one organisation, one question each).
  for (const [key, questionId, status] of [["pendingPosition", q2, "pending"], ["hiddenPosition", q3, "hidden"], ["rejectedPosition", q4, "rejected"], ["withdrawnPosition", q5, "withdrawn"]] as const) {
    hidden[key] = token("p");
    const id = await position(c.alice!, consultation.id, questionId!, org.id, `Position ${hidden[key]}`, "oppose", { declarationOfInterests: `Declared ${hidden[key]}` });
    await t.prisma.position.update({ where: { id }, data: { status } });
  }
  quarantined.position = token("illpos");
  const illPos = await position(c.alice!, consultation.id, q6!, org.id, `Position ${quarantined.position}`, "oppose", { declarationOfInterests: `Declared ${quarantined.position}` });
  expect((await c.carol!.post(`/api/positions/${illPos}/flags`, { reason: "illegal_content" })).status).toBe(201);

  // Chatham House: a member's name and organisation must never leave, only the category.
  chatham = await createConsultation(t.prisma, { createdById: u.organiser!.id, accessMode: "chatham_house" });
  await addMember(t.prisma, chatham.id, u.secret!.id, "participant");
  await addMember(t.prisma, chatham.id, u.dave!.id, "participant");
  const secretOrg = await createOrganisation(t.prisma, { name: CHATHAM_ORG, category: "industry", verified: true });
  await addToOrganisation(t.prisma, u.secret!.id, secretOrg.id, "representative");
  visible.chathamPost = token("ch");
  const chThread = await thread(c.secret!, chatham.id, `Chatham opening ${visible.chathamPost}`, "Chatham thread", chatham.questions[0]!.id);
  await reply(c.secret!, chThread.threadId, `On behalf of the foundation ${token("chr")}`, { onBehalfOfOrganisationId: secretOrg.id, parentId: chThread.postId, replyType: "supports" });
  visible.chathamPosition = token("chp");
  await position(c.secret!, chatham.id, chatham.questions[0]!.id, secretOrg.id, `Chatham position ${visible.chathamPosition}`, "support");

  for (const cons of [consultation, chatham]) {
    expect((await c.organiser!.post(`/api/consultations/${cons.id}/summary/versions`)).status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await t.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function emails() {
  return Object.values(u).map((x) => x.email);
}

/** Text of the published report in PDF and DOCX, and of a package made by a job. */
async function binaryChannels(client: TestClient, consultationId: string, packageScope: "public" | "staff"): Promise<ChannelResult[]> {
  const out: ChannelResult[] = [];
  for (const format of ["pdf", "docx"] as const) {
    const path = `/api/consultations/${consultationId}/summary/versions/1.${format}`;
    const res = await download(client, path);
    out.push({ channel: path, status: res.status, body: res.status === 200 ? await textOf(path, res.bytes) : res.text });
  }
  const job = await c.organiser!.post(`/api/consultations/${consultationId}/exports/jobs`, { kind: "package", scope: packageScope });
  expect(job.status, JSON.stringify(job.body)).toBe(202);
  const finished = await waitForJob(c.organiser!, job.body.job.id);
  expect(finished.status).toBe("done");
  const zip = await download(c.organiser!, `/api/exports/jobs/${job.body.job.id}/download`);
  expect(zip.status).toBe(200);
  out.push({ channel: `package (${packageScope})`, status: 200, body: await textOf("package.zip", zip.bytes) });
  return out;
}

function expectAbsent(results: ChannelResult[], tokens: Record<string, string>, who: string) {
  for (const [name, tok] of Object.entries(tokens)) {
    expect(leaks(results, { consultationId: "", token: tok }), `${who}: ${name} (${tok})`).toEqual([]);
  }
}
const allText = (results: ChannelResult[]) => results.map((r) => (typeof r.body === "string" ? r.body : JSON.stringify(r.body))).join("\n");

describe("public exports", () => {
  it("contain the published record and nothing else, in every format, for anonymous readers and members alike", async () => {
    for (const who of ["anon", "dave"]) {
      const results = await probeExports(c[who]!, consultation.id, "public");
      expect(results.every((r) => r.status === 200), JSON.stringify(results.map((r) => [r.channel, r.status]))).toBe(true);
      expectAbsent(results, { ...hidden, ...quarantined }, who);
      const text = allText(results);
      for (const [name, tok] of Object.entries(visible).filter(([k]) => !k.startsWith("chatham"))) expect(text, name).toContain(tok);
      for (const email of emails()) expect(text).not.toContain(email);
    }
    const binaries = await binaryChannels(c.anon!, consultation.id, "public");
    expectAbsent(binaries, { ...hidden, ...quarantined }, "pdf/docx/package");
    const text = allText(binaries);
    expect(text).toContain(visible.position);
    expect(text).toContain("We are funded by members."); // declarations of interest travel with their positions
    for (const email of emails()) expect(text).not.toContain(email);
  });

  it("answer 401 or 403 for the staff scope to anyone but organisers and admins", async () => {
    const path = `/api/consultations/${consultation.id}/exports/contributions.csv?scope=staff`;
    expect((await c.anon!.get(path)).status).toBe(401);
    expect((await c.dave!.get(path)).status).toBe(403);
    expect((await c.moderator!.get(path)).status).toBe(403);
    expect((await c.organiser!.get(path)).status).toBe(200);
    expect((await c.anon!.get(`/api/consultations/${chatham.id}/exports/contributions.csv`)).status).toBe(404);
  });
});

describe("staff exports", () => {
  it("include every status with moderation reasons, but never the text of quarantined items nor an e-mail", async () => {
    const results = [...(await probeExports(c.organiser!, consultation.id, "staff")), ...(await binaryChannels(c.organiser!, consultation.id, "staff"))];
    expect(results.every((r) => r.status === 200)).toBe(true);
    expectAbsent(results, quarantined, "staff");
    const text = allText(results);
    for (const tok of Object.values(hidden)) expect(text).toContain(tok);
    expect(text).toContain("[withheld: reported as illegal content]");
    expect(text).toContain("Not about this question."); // the moderator's statement of reasons
    expect(text).toContain("moderation-log.csv");
    for (const email of emails()) expect(text).not.toContain(email);
    const json = results.find((r) => r.channel.includes("contributions.json"))!.body as { posts: { body: string; quarantined: boolean; status: string }[] };
    const q = json.posts.filter((p) => p.quarantined);
    expect(q.length).toBe(2);
    expect(q.every((p) => p.body === "[withheld: reported as illegal content]" && p.status === "hidden")).toBe(true);
  });
});

describe("Chatham House", () => {
  it("publishes categories only: no names, no organisations, no countries", async () => {
    const results = [...(await probeExports(c.dave!, chatham.id, "public")), ...(await binaryChannels(c.dave!, chatham.id, "public"))];
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (const secret of [CHATHAM_NAME, CHATHAM_ORG, "Qxsecret", u.secret!.id]) {
      expect(leaks(results, { consultationId: "", token: secret }), secret).toEqual([]);
    }
    const text = allText(results);
    expect(text).toContain(visible.chathamPost);
    expect(text).toContain(visible.chathamPosition);
    expect(text).toContain("industry");
    const json = results.find((r) => r.channel.includes("contributions.json"))!.body as { consultation: { authorsWithheld: boolean }; positions: Record<string, unknown>[] };
    expect(json.consultation.authorsWithheld).toBe(true);
    expect(json.positions[0]).toMatchObject({ category: "industry", organisation: null, organisationId: null, author: null, authorId: null, country: null });
    // Staff still see who wrote what (the policy's seeAuthors), which shows the probe would catch a leak.
    const staff = await probeExports(c.organiser!, chatham.id, "staff");
    expect(allText(staff)).toContain(CHATHAM_NAME);
    expect(allText(staff)).toContain(CHATHAM_ORG);
  });

  it("refuses to let a participant publish a report", async () => {
    expect((await c.dave!.post(`/api/consultations/${chatham.id}/summary/versions`)).status).toBe(403);
    expect((await c.dave!.get(`/api/consultations/${chatham.id}/summary`)).status).toBe(403);
  });
});
