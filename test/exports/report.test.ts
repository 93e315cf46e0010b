// The summary report: figures equal to counts computed here from the database, campaign grouping, the
// organisers' response matrix, immutable published versions with a content hash, and deterministic
// output in every format (the same record and generation time give the same bytes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { PassThrough, type Writable } from "node:stream";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import type { ReportData } from "../../shared/schemas/exports.ts";
import { STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";
import { contentHash } from "../../server/exports/report/canonical.ts";
import { renderReport, renderReportText } from "../../server/exports/report/render.ts";
import { audienceFor } from "../../server/exports/scope.ts";
import { contributionBatches, readEndorsementBatch, readPositionBatch, readPostBatch } from "../../server/exports/rows.ts";
import { CONTRIBUTION_WRITERS } from "../../server/exports/formats/contributions.ts";
import { buildPackage } from "../../server/exports/package.ts";
import { docxText, download, endorse, pdfText, postReply, putPosition, sha256, startThread, xlsxSheets, zipEntries } from "./support.ts";

let t: TestServer;
let dataDir: string;
type U = Awaited<ReturnType<typeof createUser>>;
const u: Record<string, U> = {};
const c: Record<string, TestClient> = {};
let consultation: Awaited<ReturnType<typeof createConsultation>>;
const campaignIds: string[] = [];
let q1: string;
let q2: string;

const LETTER =
  "We the undersigned parents and teachers ask the European Parliament to reject any rule that would force messaging services to scan the private conversations of every citizen, " +
  "because end to end encryption keeps children and adults safe online and blanket surveillance has never been shown to stop abuse.";

async function as(name: string, category: "individual" | "academia" = "individual") {
  u[name] = await createUser(t.prisma, { displayName: name, category });
  c[name] = t.client();
  await logIn(c[name]!, u[name]!);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rt-report-"));
  t = await startTestServer({ env: { DATA_DIR: dataDir } });
  for (const name of ["organiser", "moderator", "repA", "repB", "repC", "repD", "ind1", "ind2", "ind3", "camp1", "camp2", "camp3"]) await as(name);
  await as("acad1", "academia");
  c.anon = t.client();
  consultation = await createConsultation(t.prisma, { createdById: u.organiser!.id, questions: ["Should detection orders exist?", "Should encryption be exempt?"] });
  [q1, q2] = consultation.questions.map((q) => q.id) as [string, string];
  await addMember(t.prisma, consultation.id, u.moderator!.id, "moderator");
  const orgs = {
    A: await createOrganisation(t.prisma, { name: "Child Safety Alliance", category: "child_rights", country: "BE", verified: true }),
    B: await createOrganisation(t.prisma, { name: "Privacy First", category: "digital_rights", country: "DE", verified: true }),
    C: await createOrganisation(t.prisma, { name: "Platforms Association", category: "industry", country: "IE", verified: true }),
    D: await createOrganisation(t.prisma, { name: "University of Leuven", category: "academia", country: "BE", verified: true }),
  };
  for (const k of ["A", "B", "C", "D"] as const) await addToOrganisation(t.prisma, u[`rep${k}`]!.id, orgs[k].id, "representative");

  const pos = {
    A1: await putPosition(c.repA!, consultation.id, q1, orgs.A.id, "support", "Detection orders protect children.", { declarationOfInterests: "Funded by a child-protection trust." }),
    B1: await putPosition(c.repB!, consultation.id, q1, orgs.B.id, "oppose", "Detection orders break encryption."),
    C1: await putPosition(c.repC!, consultation.id, q1, orgs.C.id, "support_with_amendments", "Only with judicial oversight."),
    D1: await putPosition(c.repD!, consultation.id, q1, orgs.D.id, "neutral", "The evidence is mixed."),
    A2: await putPosition(c.repA!, consultation.id, q2, orgs.A.id, "oppose", "No exemption for encrypted services."),
    B2: await putPosition(c.repB!, consultation.id, q2, orgs.B.id, "support", "Encryption must be exempt."),
  };
  const hiddenPosition = await putPosition(c.repD!, consultation.id, q2, orgs.D.id, "support", "Hidden position.");
  await t.prisma.position.update({ where: { id: hiddenPosition }, data: { status: "hidden" } });

  const t1 = await startThread(c.ind1!, consultation.id, "Detection orders are proportionate if targeted.", { questionId: q1, title: "Targeted orders" });
  const r1 = await postReply(c.ind2!, t1.threadId, "Targeting by risk assessment makes sense to me.", { parentId: t1.postId, replyType: "supports" });
  const r2 = await postReply(c.ind3!, t1.threadId, "Risk assessments cannot tell abuse from family photos.", { parentId: t1.postId, replyType: "contests" });
  const r3 = await postReply(c.acad1!, t1.threadId, "Studies show targeted measures reduce harm.", { parentId: t1.postId, replyType: "supports" });
  const r4 = await postReply(c.repB!, t1.threadId, "On behalf of Privacy First: scanning is disproportionate.", { parentId: t1.postId, replyType: "contests", onBehalfOfOrganisationId: orgs.B.id });
  const hiddenReply = await postReply(c.ind2!, t1.threadId, "A reply the moderator hides.", { parentId: t1.postId, replyType: "supports" });
  expect((await c.moderator!.post(`/api/posts/${hiddenReply}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Off topic." })).status).toBe(200);

  // A campaign: twelve copies of an open letter with small differences, among distinct replies.
  const t2 = await startThread(c.ind1!, consultation.id, "Should encrypted services be exempt from detection orders?", { questionId: q2, title: "Encryption" });
  for (let i = 0; i < 12; i++) {
    const author = c[`camp${(i % 3) + 1}`]!;
    const text = `${i % 2 ? LETTER.toUpperCase() : LETTER}${i % 4 === 0 ? "!!" : ""} Signed, supporter ${i + 1}.`;
    campaignIds.push(await postReply(author, t2.threadId, text, { parentId: t2.postId, replyType: "contests" }));
  }
  for (const [who, text] of [
    ["ind2", "Exempting encryption would create a safe haven for abusers, as police reports from three member states show."],
    ["ind3", "Client-side scanning is technically a backdoor; security researchers have said so repeatedly."],
    ["acad1", "Our survey of 2,000 parents found strong support for both privacy and child protection."],
    ["repC", "Platforms already remove known material quickly using hash matching on unencrypted surfaces."],
    ["camp1", "I signed the letter, but I also think voluntary detection should remain lawful."],
  ] as const) await postReply(c[who]!, t2.threadId, text, { parentId: t2.postId, replyType: "supports" });

  // Endorsements from several categories.
  for (const who of ["ind1", "ind2", "ind3", "acad1", "repB"]) await endorse(c[who]!, "positions", pos.A1);
  for (const who of ["ind1", "acad1"]) await endorse(c[who]!, "positions", pos.B1);
  for (const who of ["ind1", "repA", "ind3"]) await endorse(c[who]!, "posts", r3);
  await endorse(c.ind1!, "posts", r2);
  await endorse(c.acad1!, "posts", r4);
  await endorse(c.ind1!, "posts", r1);
  for (const who of ["ind1", "ind2", "acad1"]) await endorse(c[who]!, "posts", campaignIds[5]!);
  await endorse(c.ind3!, "posts", campaignIds[0]!);
  await endorse(c.ind1!, "positions", pos.A2);
}, 120_000);

afterAll(async () => {
  await t.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function preview(): Promise<ReportData> {
  const res = await c.organiser!.get(`/api/consultations/${consultation.id}/summary`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.contentHash).toBe(contentHash(res.body.summary));
  return res.body.summary;
}

/** The public record, computed here from the rows, independently of the export code. */
async function expectedFigures() {
  const posts = await t.prisma.post.findMany({ where: { consultationId: consultation.id }, include: { thread: { include: { posts: { where: { isOpening: true } } } } } });
  const publicPosts = posts.filter((p) => p.status === "published" && !p.quarantined && p.thread.posts[0]!.status === "published" && !p.thread.posts[0]!.quarantined);
  const positions = (await t.prisma.position.findMany({ where: { consultationId: consultation.id }, include: { organisation: true } })).filter((p) => p.status === "published" && !p.quarantined);
  const people = new Set<string>();
  const peopleBy: Record<string, Set<string>> = {};
  const add = (id: string, cat: string) => {
    people.add(id);
    (peopleBy[cat] ??= new Set()).add(id);
  };
  publicPosts.forEach((p) => add(p.authorId, p.authorCategory));
  positions.forEach((p) => add(p.authorId, p.category));
  const orgIds = new Set([...positions.map((p) => p.organisationId), ...publicPosts.map((p) => p.onBehalfOfOrganisationId).filter((x): x is string => !!x)]);
  const orgs = await t.prisma.organisation.findMany({ where: { id: { in: [...orgIds] } } });
  const publicIds = new Set([...publicPosts.map((p) => p.id), ...positions.map((p) => p.id)]);
  const endorsements = (await t.prisma.endorsement.findMany()).filter((e) => publicIds.has((e.postId ?? e.positionId)!));
  const countBy = <T,>(list: T[], key: (x: T) => string) => {
    const out: Record<string, number> = Object.fromEntries(STAKEHOLDER_CATEGORIES.map((k) => [k, 0]));
    for (const x of list) out[key(x)] = (out[key(x)] ?? 0) + 1;
    return out;
  };
  const stance = await t.prisma.position.groupBy({ by: ["questionId", "category", "stance"], where: { consultationId: consultation.id, status: "published", quarantined: false }, _count: { _all: true } });
  return {
    contributors: { total: people.size, byCategory: Object.fromEntries(STAKEHOLDER_CATEGORIES.map((k) => [k, peopleBy[k]?.size ?? 0])) },
    organisations: { total: orgs.length, byCategory: countBy(orgs, (o) => o.category), byCountry: Object.fromEntries([...new Set(orgs.map((o) => o.country))].sort().map((k) => [k, orgs.filter((o) => o.country === k).length])) },
    positions: { total: positions.length, byCategory: countBy(positions, (p) => p.category) },
    posts: { total: publicPosts.length, byCategory: countBy(publicPosts, (p) => p.authorCategory) },
    endorsements: { total: endorsements.length, byCategory: countBy(endorsements, (e) => e.category) },
    stance,
    positionsByQuestion: (q: string) => positions.filter((p) => p.questionId === q).map((p) => p.id).sort(),
    postsByQuestion: (q: string) => publicPosts.filter((p) => p.thread.questionId === q).length,
  };
}

describe("report figures", () => {
  it("equal the counts computed from the database", async () => {
    const data = await preview();
    const want = await expectedFigures();
    const p = data.participation;
    expect(p.contributors).toEqual(want.contributors);
    expect(p.organisations).toEqual(want.organisations);
    expect({ total: p.positions.total, byCategory: p.positions.byCategory }).toEqual(want.positions);
    expect(p.posts).toEqual(want.posts);
    expect(p.endorsements).toEqual(want.endorsements);
    expect(p.weekly.reduce((n, w) => n + w.posts, 0)).toBe(want.posts.total);
    expect(p.weekly.reduce((n, w) => n + w.positions, 0)).toBe(want.positions.total);
    // The hidden reply and the hidden position are not counted: the figures would differ otherwise.
    expect(want.posts.total).toBe(2 + 4 + 12 + 5);
    expect(want.positions.total).toBe(6);

    for (const q of data.questions) {
      const cells = want.stance.filter((s) => s.questionId === q.id);
      for (const row of q.stanceByCategory) {
        for (const [stance, n] of Object.entries(row.counts)) {
          expect(n, `${q.ordinal} ${row.category} ${stance}`).toBe(cells.find((s) => s.category === row.category && s.stance === stance)?._count._all ?? 0);
        }
      }
      expect(q.stanceByCategory.reduce((n, r) => n + r.total, 0)).toBe(cells.reduce((n, s) => n + s._count._all, 0));
      expect(q.positions.map((l) => l.id).sort()).toEqual(want.positionsByQuestion(q.id));
      expect(q.posts).toBe(want.postsByQuestion(q.id));
      expect(q.threads).toBe(1);
    }
    const transparency = await c.anon!.get(`/api/consultations/${consultation.id}/transparency`);
    const { consultationId: _c, ...moderation } = transparency.body;
    expect(data.moderation).toEqual(moderation);
    expect(data.moderation.decisions.total).toBeGreaterThan(0);
  });

  it("lists each organisation's position with its declaration of interests, and the most endorsed arguments for and against", async () => {
    const data = await preview();
    const [first] = data.questions;
    const alliance = first!.positions.find((l) => l.organisation === "Child Safety Alliance")!;
    expect(alliance).toMatchObject({ stance: "support", category: "child_rights", country: "BE", declarationOfInterests: "Funded by a child-protection trust.", endorsements: 5 });
    expect(alliance.endorsementsByCategory).toMatchObject({ individual: 3, academia: 1, digital_rights: 1 });
    expect(alliance.path).toBe(`/positions/${alliance.id}`);
    // For: supporting positions and "supports" replies, most endorsed first.
    expect(first!.argumentsFor.map((a) => a.endorsements)).toEqual([...first!.argumentsFor.map((a) => a.endorsements)].sort((x, y) => y - x));
    expect(first!.argumentsFor[0]).toMatchObject({ kind: "position", id: alliance.id, endorsements: 5 });
    expect(first!.argumentsFor.some((a) => a.replyType === "supports" && a.excerpt.startsWith("Studies show"))).toBe(true);
    expect(first!.argumentsFor.every((a) => a.stance !== "oppose" && a.stance !== "neutral" && a.replyType !== "contests")).toBe(true);
    expect(first!.argumentsAgainst.map((a) => a.kind).sort()).toEqual(["position", "post", "post"]);
    expect(first!.argumentsAgainst.find((a) => a.organisation === "Privacy First" && a.kind === "post")).toBeTruthy();
    // Against on question 2: the campaign appears once, as its most endorsed member, with the rest counted.
    const against = data.questions[1]!.argumentsAgainst;
    const fromCampaign = against.filter((a) => campaignIds.includes(a.id));
    expect(fromCampaign).toHaveLength(1);
    expect(fromCampaign[0]).toMatchObject({ id: campaignIds[5], endorsements: 3, nearIdentical: 11 });
  });

  it("groups the campaign's twelve near-identical posts into one entry, and nothing else", async () => {
    const data = await preview();
    expect(data.campaigns).toHaveLength(1);
    const [group] = data.campaigns;
    expect(group!.count).toBe(12);
    expect(group!.members.map((m) => m.id).sort()).toEqual([...campaignIds].sort());
    expect(group!.representative.id).toBe(campaignIds[0]);
    expect(group!.byCategory).toEqual({ individual: 12 });
    expect(group!.excerpt).toContain("We the undersigned parents");
    // Deterministic: the same record gives the same groups, and the same data.
    const again = await preview();
    expect(again.campaigns).toEqual(data.campaigns);
    expect({ ...again, generatedAt: "" }).toEqual({ ...data, generatedAt: "" });
  });
});

describe("the response matrix", () => {
  it("is set by organisers, read by anyone who may read the consultation, and printed in the report", async () => {
    const path = `/api/consultations/${consultation.id}/questions/${q1}/outcome`;
    const body = { outcome: "partly_accepted", reasons: "Detection orders stay, limited to judicial authorisation." };
    expect((await c.anon!.put(path, body)).status).toBe(401);
    expect((await c.ind1!.put(path, body)).status).toBe(403);
    expect((await c.moderator!.put(path, body)).status).toBe(403);
    expect((await c.organiser!.put(path, { ...body, outcome: "maybe" })).status).toBe(400);
    expect((await c.organiser!.put(`/api/consultations/${consultation.id}/questions/nosuchquestion/outcome`, body)).status).toBe(404);
    const saved = await c.organiser!.put(path, body);
    expect(saved.status).toBe(200);
    expect(saved.body.outcome).toMatchObject({ questionId: q1, outcome: "partly_accepted", reasons: body.reasons });
    const list = await c.anon!.get(`/api/consultations/${consultation.id}/outcomes`);
    expect(list.body.items.map((i: { outcome: string | null }) => i.outcome)).toEqual(["partly_accepted", null]);
    const data = await preview();
    expect(data.questions[0]!.outcome).toMatchObject({ outcome: "partly_accepted", reasons: body.reasons });
    expect(renderReportText(data, "md")).toContain("Partly accepted");
    expect(await t.prisma.auditEntry.count({ where: { consultationId: consultation.id, action: "set_question_outcome" } })).toBe(1);
  });

  it("previews only for organisers and admins", async () => {
    expect((await c.anon!.get(`/api/consultations/${consultation.id}/summary`)).status).toBe(401);
    expect((await c.ind1!.get(`/api/consultations/${consultation.id}/summary`)).status).toBe(403);
    expect((await c.moderator!.get(`/api/consultations/${consultation.id}/summary`)).status).toBe(403);
  });
});

describe("published versions", () => {
  it("are immutable snapshots with a content hash, rendered the same in every format every time", async () => {
    expect((await c.ind1!.post(`/api/consultations/${consultation.id}/summary/versions`)).status).toBe(403);
    const first = await c.organiser!.post(`/api/consultations/${consultation.id}/summary/versions`);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ version: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const row = await t.prisma.summaryVersion.findUniqueOrThrow({ where: { consultationId_version: { consultationId: consultation.id, version: 1 } } });
    const data = row.data as unknown as ReportData;
    expect(contentHash(data)).toBe(row.contentHash);
    expect(row.createdAt.toISOString()).toBe(data.generatedAt);
    expect(first.body.createdAt).toBe(data.generatedAt);

    // The database refuses to change or remove a version.
    await expect(t.prisma.summaryVersion.update({ where: { id: row.id }, data: { html: "rewritten" } })).rejects.toThrow();
    await expect(t.prisma.summaryVersion.delete({ where: { id: row.id } })).rejects.toThrow();
    await expect(t.prisma.summaryVersion.deleteMany({})).rejects.toThrow();

    const list = await c.anon!.get(`/api/consultations/${consultation.id}/summary/versions`);
    expect(list.body.items).toHaveLength(1);
    const base = `/api/consultations/${consultation.id}/summary/versions/1`;
    const files = Object.fromEntries(await Promise.all((["html", "md", "pdf", "docx"] as const).map(async (f) => [f, await download(c.anon!, `${base}.${f}`)] as const)));
    for (const [f, file] of Object.entries(files)) {
      expect(file.status, f).toBe(200);
      expect(file.headers.get("x-content-sha256")).toBe(row.contentHash);
    }
    expect(files.pdf!.headers.get("content-type")).toBe("application/pdf");
    expect((await download(c.anon!, `${base}.exe`)).status).toBe(400);
    expect((await download(c.anon!, `/api/consultations/${consultation.id}/summary/versions/9.html`)).status).toBe(404);

    // Deterministic: rendering the stored data again gives the stored and downloaded bytes.
    expect(renderReportText(data, "html")).toBe(row.html);
    expect(renderReportText(data, "md")).toBe(row.markdown);
    expect(files.html!.text).toBe(row.html);
    for (const f of ["pdf", "docx"] as const) {
      const again = await renderReport(data, f);
      expect(sha256(again), f).toBe(sha256(files[f]!.bytes));
      expect(sha256(await renderReport(data, f)), f).toBe(sha256(again));
    }

    // What each format says.
    const html = files.html!.text;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|<iframe|\ssrc=/i);
    expect(html).toContain("<style>");
    expect(html).toContain("<svg");
    expect(html).toContain(`href="${data.siteUrl}/positions/${data.questions[0]!.positions[0]!.id}"`);
    const pdf = pdfText(files.pdf!.bytes);
    const docx = await docxText(files.docx!.bytes);
    for (const text of [pdf, docx, files.md!.text]) {
      for (const heading of ["Methodology", "Participation", "Question 1: Should detection orders exist?", "Stance by stakeholder category", "Most endorsed arguments for", "Campaigns and near-identical contributions", "Moderation", "Response matrix"]) {
        expect(text, heading).toContain(heading);
      }
      expect(text).toContain(`${data.participation.contributors.total} contributors, ${data.participation.organisations.total} organisations, ${data.participation.positions.total} positions`);
      expect(text).toContain("Group 1: 12 near-identical contributions");
      expect(text).toContain(`post:${campaignIds[0]}`);
      expect(text).toContain("Child Safety Alliance");
    }

    // A second publication is version 2; version 1 is unchanged, byte for byte.
    await postReply(c.ind2!, (await t.prisma.thread.findFirstOrThrow({ where: { consultationId: consultation.id, questionId: q1 } })).id, "A late reply: qxlatereply.", {});
    const second = await c.organiser!.post(`/api/consultations/${consultation.id}/summary/versions`);
    expect(second.body.version).toBe(2);
    expect(second.body.contentHash).not.toBe(first.body.contentHash);
    const v1 = await Promise.all((["html", "md", "pdf", "docx"] as const).map((f) => download(c.anon!, `${base}.${f}`)));
    expect(v1.map((f) => sha256(f.bytes))).toEqual((["html", "md", "pdf", "docx"] as const).map((f) => sha256(files[f]!.bytes)));
    expect((await c.anon!.get(`/api/consultations/${consultation.id}/summary/versions`)).body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });
});

describe("deterministic data exports", () => {
  async function bytesOf(write: (out: Writable) => Promise<void>): Promise<Buffer> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (b: Buffer) => chunks.push(b));
    await write(out);
    return Buffer.concat(chunks);
  }
  const meta = (scope: "public" | "staff") => ({
    generatedAt: "2026-05-01T12:00:00.000Z",
    scope,
    consultation: { id: consultation.id, slug: consultation.slug, title: consultation.title, accessMode: "open", authorsWithheld: false },
  });

  it("gives the same CSV, JSON and XLSX bytes for the same record and generation time", async () => {
    const audience = audienceFor(consultation, "public");
    for (const format of ["csv", "json", "xlsx"] as const) {
      const a = await bytesOf((out) => CONTRIBUTION_WRITERS[format](contributionBatches(t.prisma, audience), out, meta("public")));
      await new Promise((r) => setTimeout(r, 1100)); // a second later: nothing may depend on the clock
      const b = await bytesOf((out) => CONTRIBUTION_WRITERS[format](contributionBatches(t.prisma, audience), out, meta("public")));
      expect(sha256(a), format).toBe(sha256(b));
    }
  });

  it("gives the same package ZIP bytes for the same record and generation time", async () => {
    const data = await preview();
    const audience = audienceFor(consultation, "public");
    const build = async (name: string) => {
      const outPath = path.join(dataDir, `${name}.zip`);
      await buildPackage(
        { type: "package", scope: "public", data, meta: meta("public"), totalRows: 0, workDir: path.join(dataDir, `work-${name}`), outPath, moderationLogPath: null },
        async (kind, after) => (kind === "post" ? readPostBatch(t.prisma, audience, Number(after)) : kind === "position" ? readPositionBatch(t.prisma, audience, String(after)) : readEndorsementBatch(t.prisma, audience, String(after))),
        () => {},
      );
      return fs.readFileSync(outPath);
    };
    const a = await build("a");
    const b = await build("b");
    expect(sha256(a)).toBe(sha256(b));
    const entries = await zipEntries(a);
    expect([...entries.keys()]).toEqual([
      "contributions.csv", "contributions.json", "contributions.xlsx", "contributions.schema.json",
      "summary/report-data.json", "summary/report.html", "summary/report.md", "summary/report.pdf", "summary/report.docx",
      "manifest.json", "checksums.txt",
    ]);
    expect(sha256(entries.get("summary/report-data.json")!)).toBe(contentHash(data));
    const sheets = await xlsxSheets(entries.get("contributions.xlsx")!);
    const want = await expectedFigures();
    expect([...sheets.keys()]).toEqual(["posts", "positions", "endorsements", "units", "amendments"]);
    expect(sheets.get("posts")!.length).toBe(want.posts.total + 1);
    expect(sheets.get("positions")!.length).toBe(want.positions.total + 1);
    expect(sheets.get("endorsements")!.length).toBe(want.endorsements.total + 1);
    expect(sheets.get("posts")![0]!.slice(0, 3)).toEqual(["id", "seq", "createdAt"]);
  });

  it("publishes a JSON Schema that describes every field of the JSON export", async () => {
    const schema = await c.anon!.get("/api/exports/contributions.schema.json");
    expect(schema.status).toBe(200);
    expect(schema.body.$schema).toContain("2020-12");
    const defs = schema.body.$defs;
    const json = await c.organiser!.get(`/api/consultations/${consultation.id}/exports/contributions.json?scope=staff`);
    expect(json.status).toBe(200);
    for (const [key, def] of [["posts", "ExportPost"], ["positions", "ExportPosition"], ["endorsements", "ExportEndorsement"]] as const) {
      const properties = Object.keys(defs[def].properties);
      expect(json.body[key].length).toBeGreaterThan(0);
      for (const row of json.body[key]) {
        for (const field of Object.keys(row)) expect(properties, `${def}.${field}`).toContain(field);
        for (const field of defs[def].required) expect(row, `${def}.${field}`).toHaveProperty(field);
      }
    }
  });
});

describe("publishing and the lifecycle", () => {
  it("moves a closed consultation to summary published, with an audit row", async () => {
    const closed = await createConsultation(t.prisma, { createdById: u.organiser!.id, status: "closed" });
    const before = await t.prisma.auditEntry.count({ where: { consultationId: closed.id } });
    expect((await c.organiser!.post(`/api/consultations/${closed.id}/summary/versions`)).status).toBe(201);
    expect((await t.prisma.consultation.findUniqueOrThrow({ where: { id: closed.id } })).status).toBe("summary_published");
    expect(await t.prisma.auditEntry.count({ where: { consultationId: closed.id } })).toBe(before + 2);
  });

  it("stops distributing a published version that quotes content later reported as illegal", async () => {
    const versions = await c.anon!.get(`/api/consultations/${consultation.id}/summary/versions`);
    const newest = versions.body.items[0].version;
    expect((await c.anon!.get(`/api/consultations/${consultation.id}/summary/versions/${newest}.md`)).status).toBe(200);
    await t.prisma.post.update({ where: { id: campaignIds[0]! }, data: { quarantined: true, status: "hidden" } });
    const gone = await c.anon!.get(`/api/consultations/${consultation.id}/summary/versions/${newest}.md`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe("gone");
  });
});
