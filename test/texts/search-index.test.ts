// Text search uses an index: text units and amendments keep a stored vector in their consultation's
// language with a GIN index (migration *_texts_search), as posts do. The plan of the very query the search
// runs (textSearchParts) is checked with EXPLAIN on a seeded table; the control is the expression the
// search used before (a vector computed per row), for which no index can be used.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../server/db/generated/client.ts";
import { textSearchParts } from "../../server/texts/search.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

/** The plan of `sql` with sequential scans priced out, so an index is used whenever one can be. */
async function planOf(sql: Prisma.Sql): Promise<string> {
  return t.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("text search indexes", () => {
  it("the unit and amendment parts of the search scan their GIN indexes; a per-row vector could not", async () => {
    const organiserUser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiserUser.id });
    const organiser = t.client();
    await logIn(organiser, organiserUser);
    const created = await organiser.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
    expect(created.status).toBe(201);
    const textId = created.body.text.id as string;
    const version = await t.prisma.textVersion.findFirstOrThrow({ where: { documentId: textId } });
    // Seeded tables: two thousand more units of the same version, two thousand amendments to them.
    await t.prisma.textUnit.createMany({
      data: Array.from({ length: 2000 }, (_, i) => ({ versionId: version.id, documentId: textId, consultationId: c.id, eId: `art_${1000 + i}`, parentEId: null, kind: "article" as const, ordinal: 10_000 + i, depth: 0, num: `Article ${1000 + i}`, heading: null, text: `Filler provision number ${i} about procedure.` })),
    });
    const author = await createUser(t.prisma);
    await t.prisma.amendment.createMany({
      data: Array.from({ length: 2000 }, (_, i) => ({ consultationId: c.id, documentId: textId, eId: `art_${1000 + i}`, versionNumber: 1, kind: "replace" as const, quote: "procedure", proposedText: `another procedure ${i}`, justificationSource: "Simpler.", justificationHtml: "<p>Simpler.</p>", authorId: author.id, category: "academia" as const, status: "published" as const })),
    });
    await t.prisma.$executeRawUnsafe("ANALYZE text_units");
    await t.prisma.$executeRawUnsafe("ANALYZE amendments");

    const cfg = Prisma.sql`${"english"}::regconfig`;
    const parts = textSearchParts({ want: () => true, ids: [c.id], q: Prisma.sql`websearch_to_tsquery(${cfg}, ${"significant risk"})`, cfg, from: new Date(0), to: new Date(Date.now() + 86_400_000), headline: "MaxFragments=1" });
    expect(parts).toHaveLength(2);
    expect(await planOf(parts[0]!)).toMatch(/Bitmap Index Scan on text_units_search_idx/);
    expect(await planOf(parts[1]!)).toMatch(/Bitmap Index Scan on amendments_search_idx/);

    // Control: the per-row vector the search computed before; the same planner settings find no index.
    const perRow = await planOf(Prisma.sql`SELECT u.id FROM text_units u WHERE to_tsvector(${cfg}, coalesce(u.num, '') || ' ' || coalesce(u.heading, '') || ' ' || u.text) @@ websearch_to_tsquery(${cfg}, ${"significant risk"})`);
    expect(perRow).not.toMatch(/search_idx/);
    expect(perRow).toMatch(/Seq Scan on text_units/);
  });

  it("a text's vectors follow its consultation's language, also when the language changes", async () => {
    const organiserUser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiserUser.id });
    await t.prisma.consultation.update({ where: { id: c.id }, data: { language: "fr" } });
    const organiser = t.client();
    await logIn(organiser, organiserUser);
    const created = await organiser.post(`/api/consultations/${c.id}/texts`, { title: "Le règlement", format: "markdown", content: FIXTURE });
    expect(created.status).toBe(201);
    const configs = async () => (await t.prisma.$queryRaw<{ cfg: string }[]>`SELECT DISTINCT search_config::text AS cfg FROM text_units WHERE consultation_id = ${c.id}`).map((r) => r.cfg);
    expect(await configs()).toEqual(["french"]);
    await t.prisma.consultation.update({ where: { id: c.id }, data: { language: "de" } });
    expect(await configs()).toEqual(["german"]);
    // The stored vector is recomputed in the new configuration: German stemming of the same words.
    const [row] = await t.prisma.$queryRaw<{ same: boolean }[]>`SELECT bool_and(search = to_tsvector('german'::regconfig, coalesce(num, '') || ' ' || coalesce(heading, '') || ' ' || text)) AS same FROM text_units WHERE consultation_id = ${c.id}`;
    expect(row!.same).toBe(true);
  });
});
