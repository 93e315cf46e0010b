// The public responses CSV is produced by the database (server/responses/published-csv.ts), the published
// list by presentPublished and formatAnswer in TypeScript: the same rules written twice. This holds the
// export to the bytes the list's presenter gives, line for line, on every question type and on the values
// that tell them apart: formula-like text behind every kind of leading white space, quotes, commas and line
// breaks, empty text, option keys no longer in the questionnaire, odd numbers, redactions (overlapping,
// absent, on a choice), shown, withheld and page-redacted files, organisations named on the form or
// registered, and Chatham House, which withholds every name.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import { ANONYMOUS } from "../../server/consultations/policy.ts";
import { presentPublished, PUBLISHED_INCLUDE, publishedResponsesWhere } from "../../server/responses/publication.ts";
import { RESPONSES_CSV_FIXED } from "../../server/responses/export.ts";
import { formatAnswer } from "../../shared/questionnaire/format.ts";
import { allQuestions } from "../../shared/questionnaire/validate.ts";
import { csvSafe } from "../../server/exports/formats/csv-safe.ts";
import { csvField } from "../../server/exports/formats/csv-line.ts";
import type { TQuestion, TQuestionnaire } from "../../shared/schemas/responses.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const QUESTIONNAIRE = {
  title: "Every type",
  sections: [
    {
      key: "main",
      title: "Main",
      questions: [
        { key: "one", label: "One", type: "single_choice", options: [{ key: "eq", label: "=Danger" }, { key: "plain", label: "Plain, \"quoted\"" }] },
        { key: "many", label: "Many", type: "multiple_choice", options: [{ key: "minus", label: "-minus" }, { key: "plain", label: "Plain" }] },
        { key: "rank", label: "Rank", type: "ranking", options: [{ key: "a", label: "@first" }, { key: "b", label: "Second" }] },
        { key: "grid", label: "Grid", type: "matrix", rows: [{ key: "r1", label: "+Row one" }, { key: "r2", label: "Row two" }], columns: [{ key: "c1", label: "Yes" }, { key: "c2", label: "No, never" }] },
        { key: "scale", label: "Scale", type: "scale", min: -2, max: 2 },
        { key: "num", label: "Number", type: "number" },
        { key: "short", label: "Short", type: "short_text" },
        { key: "long", label: "Long", type: "long_text" },
        { key: "file", label: "File", type: "file_upload", maxFiles: 3 },
      ],
    },
  ],
} as const;

const TEXTS = [
  "=cmd|' /C calc'!A0",
  "  \t-1",
  "\u00a0+x",
  "\u3000\uFF1Dfull width",
  "\u2028@line separator",
  "\ufeff-bom",
  "a,b\"c\nline two",
  "\r\nstarts with CRLF",
  "trailing\n",
  "",
  " ",
  "' apostrophe",
  "!bang",
  "plain text",
  "-dash",
  "émigré, naïve",
  "\\backslash\\ and 'quotes'",
];
const NUMBERS = [1e21, 1.5e-7, -0.5, 123456789.125, 0, 1e-6, -3e25, 42, 9.99e-7, 1e20];

/** The list's presenter and formatAnswer, written out as the export promises. */
function expectedCsv(questions: TQuestion[], rows: ReturnType<typeof presentPublished>[]) {
  const line = (cells: string[]) => `${cells.map((c) => csvField(csvSafe(c))).join(",")}\n`;
  let out = line([...RESPONSES_CSV_FIXED, ...questions.map((q) => q.key)]);
  for (const p of rows) {
    const fileNames = new Map(p.attachments.map((a) => [a.id, `${a.fileName} <${a.url}>`]));
    out += line([
      p.submissionNumber ?? "", p.submittedAt ?? "", p.amendedAt ?? "", String(p.version), p.respondent ?? "", p.organisation?.name ?? "", p.organisation?.registerNumber ?? "",
      p.category, p.country ?? "", p.redacted ? "true" : "false",
      ...questions.map((q) => formatAnswer(q, p.answers[q.key], { fileNames }).join(" | ")),
    ]);
  }
  return out;
}

async function seed(accessMode: "open" | "chatham_house") {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id, accessMode });
  await t.prisma.questionnaire.create({ data: { consultationId: c.id, definition: QUESTIONNAIRE as never } });
  const org = await t.prisma.organisation.update({
    where: { id: (await createOrganisation(t.prisma, { name: `=Registered Org, Ltd ${accessMode}` })).id },
    data: { transparencyRegisterId: "-123456789-01" },
  });
  const people = await Promise.all(["Nadia \"Named\"", "-Minus Person", "Plain Person"].map((displayName) => createUser(t.prisma, { displayName })));
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const text = TEXTS[i % TEXTS.length]!;
    const answers: Record<string, unknown> = {
      one: ["eq", "plain", "gone"][i % 3],
      many: [["minus", "plain"], ["plain", "minus"], [], ["zzz", "minus"]][i % 4],
      rank: i % 2 ? ["b", "a"] : ["a", "b"],
      grid: [{ r1: "c1", r2: "c2" }, { r2: "c1" }, {}][i % 3],
      scale: (i % 5) - 2,
      num: NUMBERS[i % NUMBERS.length],
      short: text.replaceAll("\n", " "),
      long: `${text} Qxphone 0470 and Qxphone again`,
    };
    if (i % 7 === 3) delete answers.long;
    if (i % 11 === 5) answers.long = 17; // a number where text is asked (an edited questionnaire): written as the list writes it
    const id = `rcsv_${crypto.randomBytes(6).toString("hex")}`;
    ids.push(id);
    const person = people[i % people.length]!;
    await t.prisma.response.create({
      data: {
        id, consultationId: c.id, capacityKey: `k${i}`, category: (["individual", "industry", "civil_society"] as const)[i % 3]!,
        country: i % 6 === 0 ? null : (["BE", "=XX", "FR"] as const)[i % 3],
        status: i % 9 === 8 ? "draft" : "submitted",
        consent: (["publish_named", "publish_anonymous", "do_not_publish", "publish_named"] as const)[i % 4],
        answers: answers as never, submissionNumber: i % 9 === 8 ? null : `RT-T${c.id.slice(-4)}${String(i).padStart(4, "0")}`, version: 1 + (i % 3),
        submittedAt: new Date(Date.UTC(2026, 10, 1, 12, 0, i, 7)), amendedAt: i % 4 === 1 ? new Date(Date.UTC(2026, 10, 2, 8, 30, i, 123)) : null,
        ...(i % 10 < 5 ? { respondentId: person.id } : { channel: "paper" as const, externalName: i % 10 === 9 ? null : `@External ${i}` }),
        ...(i % 8 === 3 ? { onBehalfOfOrganisationId: org.id } : {}),
        ...(i % 8 === 5 ? { externalOrganisation: "Form Org \"Quoted\"", externalRegisterNumber: "+123-45" } : {}),
        ...(i % 8 === 7 ? { externalOrganisation: "", externalRegisterNumber: "999" } : {}),
      },
    });
  }
  const moderator = organiser.id;
  // Redactions: two overlapping on one answer, one whose text is not there, an empty one, one on a choice.
  const redact = (responseId: string, questionKey: string, redactedText: string) =>
    t.prisma.responseRedaction.create({ data: { responseId, questionKey, start: 0, end: Math.max(1, redactedText.length), redactedText, reason: "Personal data.", moderatorId: moderator } });
  await redact(ids[0]!, "long", "Qxphone 0470");
  await redact(ids[0]!, "long", "Qxphone");
  await redact(ids[4]!, "long", "not in the text");
  await redact(ids[8]!, "long", "");
  await redact(ids[12]!, "one", "eq");
  await redact(ids[13]!, "short", "text");
  // Files: shown, withheld, page-redacted, and an id that is no file of this response.
  const attach = async (responseId: string, questionKey: string, fileName: string, opts: { withheld?: boolean; pages?: number[] } = {}) => {
    const id = `att_${crypto.randomBytes(6).toString("hex")}`;
    await t.prisma.$executeRaw`INSERT INTO response_attachments (id, response_id, question_key, uploader_id, file_name, media_type, size, sha256, content, extracted_text, page_count, withheld_at, withheld_reason)
      VALUES (${id}, ${responseId}, ${questionKey}, ${moderator}, ${fileName}, 'application/pdf', 4, 'x', decode('JVBERg==', 'base64'), '', 3, ${opts.withheld ? new Date() : null}, ${opts.withheld ? "Personal data." : null})`;
    for (const page of opts.pages ?? []) await t.prisma.responseAttachmentPageRedaction.create({ data: { attachmentId: id, page, reasonCode: "personal_data", reason: "A signature.", moderatorId: moderator } });
    return id;
  };
  const shown = await attach(ids[1]!, "file", "=position, paper.pdf");
  const withheld = await attach(ids[1]!, "file", "withheld.pdf", { withheld: true });
  const paged = await attach(ids[5]!, "file", "paged.pdf", { pages: [2] });
  const unlisted = await attach(ids[9]!, "file", "not listed.pdf");
  await t.prisma.response.update({ where: { id: ids[1]! }, data: { answers: { ...(await answersOf(ids[1]!)), file: [withheld, shown, "nosuchfile"] } } });
  await t.prisma.response.update({ where: { id: ids[5]! }, data: { answers: { ...(await answersOf(ids[5]!)), file: [paged] } } });
  void unlisted;
  return { c, organiser };
}

const answersOf = async (id: string) => (await t.prisma.response.findUniqueOrThrow({ where: { id } })).answers as Record<string, unknown>;

async function presented(consultationId: string) {
  const consultation = await t.prisma.consultation.findUniqueOrThrow({ where: { id: consultationId } });
  const rows = await t.prisma.response.findMany({ where: publishedResponsesWhere(consultationId), include: PUBLISHED_INCLUDE, orderBy: { seq: "asc" } });
  return rows.map((r) => presentPublished(r, ANONYMOUS, consultation));
}

describe("public responses CSV", () => {
  it("writes every cell as the published list presents it, on every question type and adversarial value", async () => {
    const { c } = await seed("open");
    const res = await t.client().get(`/api/consultations/${c.id}/exports/responses.csv`);
    expect(res.status).toBe(200);
    const rows = await presented(c.id);
    // 40 seeded: drafts (i % 9 == 8) and do-not-publish (i % 4 == 2) are never in it.
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.length).toBeLessThan(40);
    const expected = expectedCsv(allQuestions(QUESTIONNAIRE as unknown as TQuestionnaire), rows);
    expect(String(res.body)).toBe(expected);
    // The comparison is worth something only if the values that tell writers apart are in it.
    for (const sample of ["'=Danger", "'-minus | Plain", "Plain | -minus", "zzz | -minus", "'=cmd|' /C calc'!A0", "1e+21", "1.5e-7", "-3e+25", "0.000001", "9.99e-7", "'-2 (-2–2)", "[redacted] and [redacted] again", "\"Plain, \"\"quoted\"\"\"", "'=position, paper.pdf <", "File nosuchfile", "'=Registered Org, Ltd", "Form Org \"\"Quoted\"\"\",'+123-45", "'-123456789-01", "'@External", ",true,", "\"a,b\"\"c | line two"])
      expect(expected, sample).toContain(sample);
    expect(expected).not.toContain("withheld.pdf");
  });

  it("withholds every name under Chatham House, as the list does for a reader who is not staff", async () => {
    const { c, organiser } = await seed("chatham_house");
    const client = t.client();
    await logIn(client, organiser);
    const res = await client.get(`/api/consultations/${c.id}/exports/responses.csv`);
    expect(res.status).toBe(200);
    const expected = expectedCsv(allQuestions(QUESTIONNAIRE as unknown as TQuestionnaire), await presented(c.id));
    expect(String(res.body)).toBe(expected);
    // Positive control: the open consultation's export names them (the test above); this one names nobody.
    expect(expected).not.toContain("Nadia");
    expect(expected).not.toContain("External");
    expect(expected).not.toContain("Registered Org");
    expect(expected).toContain("[redacted]");
  });

  it("answers downloads asked for at once, the ones beyond the two streaming in turn", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.client().get(`/api/consultations/${c.id}/exports/responses.csv`)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => String(a.body))).size).toBe(1);
  });

  it("limits downloads per address, with the one error shape", async () => {
    const limited = await startTestServer({ rateLimits: { exportPerIp: { points: 2, duration: 600 } } });
    try {
      const organiser = await createUser(limited.prisma);
      const c = await createConsultation(limited.prisma, { createdById: organiser.id });
      const path = `/api/consultations/${c.id}/exports/responses.csv`;
      // Positive control: the first two are answered.
      for (let i = 0; i < 2; i++) expect((await limited.client().get(path)).status).toBe(200);
      const refused = await limited.client().get(path);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});
