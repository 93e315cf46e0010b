// Positions on a question cite the units of the draft text they concern: checked against the current
// version (unknown units are a 400 naming them), labelled as printed, listed per unit, counted in the
// reading view's margin and standing, exported; a text the author cannot read cannot be cited, and
// the citation of a restricted consultation's position reaches no outsider (the shared leak probe).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";
import { leaks, probeChannels, probeExports } from "../support/visibility.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const PARA_4 = "art_7__para_4";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

type Unit = { eId: string; counts: { positions: number }; totals: { positions: number }; children: Unit[] };
const find = (units: Unit[], eId: string): Unit | undefined => {
  for (const u of units) {
    if (u.eId === eId) return u;
    const f = find(u.children, eId);
    if (f) return f;
  }
};

async function setUp(accessMode: "open" | "restricted" = "open") {
  const organiserUser = await createUser(t.prisma);
  const c = await createConsultation(t.prisma, { createdById: organiserUser.id, accessMode });
  const organiser = t.client();
  await logIn(organiser, organiserUser);
  const textId = (await organiser.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE })).body.text.id as string;
  const org = await createOrganisation(t.prisma, { category: "digital_rights", verified: true });
  const repUser = await createUser(t.prisma);
  await addToOrganisation(t.prisma, repUser.id, org.id, "representative");
  if (accessMode === "restricted") await addMember(t.prisma, c.id, repUser.id, "participant");
  const rep = t.client();
  await logIn(rep, repUser);
  const body = (citedUnits: unknown) => ({ organisationId: org.id, stance: "oppose", summary: "Detection orders go too far.", argument: "Because of encryption.", citedUnits });
  return { c, textId, organiser, rep, body, q: c.questions };
}

describe("positions citing units", () => {
  it("publishes with cited units, labelled as printed; lists and counts them per unit; exports them", async () => {
    const { c, textId, rep, body, q } = await setUp();
    const put = await rep.put(`/api/consultations/${c.id}/questions/${q[0]!.id}/position`, body([{ textId, eId: PARA_4 }, { textId, eId: "art_7" }, { textId, eId: PARA_4 }]));
    expect(put.status).toBe(201);
    expect(put.body.position.citedUnits).toEqual([
      { textId, eId: PARA_4, label: "Article 7(4)" },
      { textId, eId: "art_7", label: "Article 7" },
    ]);
    const citing = put.body.position.id as string;
    // A second position (on the other question) cites nothing: the positive control of the unit filter.
    const other = await rep.put(`/api/consultations/${c.id}/questions/${q[1]!.id}/position`, body([]));
    expect(other.status).toBe(201);
    expect(other.body.position.citedUnits).toEqual([]);

    const anonymous = t.client();
    const forUnit = await anonymous.get(`/api/consultations/${c.id}/positions?textId=${textId}&eId=${PARA_4}`);
    expect(forUnit.status).toBe(200);
    expect(forUnit.body.items.map((p: { id: string }) => p.id)).toEqual([citing]);
    expect((await anonymous.get(`/api/consultations/${c.id}/positions`)).body.items).toHaveLength(2);
    expect((await anonymous.get(`/api/consultations/${c.id}/positions?eId=${PARA_4}`)).status).toBe(400);
    expect((await anonymous.get(`/api/positions/${citing}`)).body.position.citedUnits).toHaveLength(2);

    // The margin counts the unit's own citation; the article's totals include its paragraph's.
    const reading = (await anonymous.get(`/api/texts/${textId}/reading`)).body.text;
    expect(find(reading.units, PARA_4)).toMatchObject({ counts: { positions: 1 }, totals: { positions: 1 } });
    expect(find(reading.units, "art_7")).toMatchObject({ counts: { positions: 1 }, totals: { positions: 2 } });
    expect(find(reading.units, "art_1")).toMatchObject({ counts: { positions: 0 }, totals: { positions: 0 } });

    // A revision replaces the citations.
    const revised = await rep.put(`/api/consultations/${c.id}/questions/${q[0]!.id}/position`, { ...body([{ textId, eId: "art_7__para_4__point_a" }]), version: 1 });
    expect(revised.status).toBe(200);
    expect(revised.body.position.citedUnits).toEqual([{ textId, eId: "art_7__para_4__point_a", label: "Article 7(4)(a)" }]);
    expect((await anonymous.get(`/api/consultations/${c.id}/positions?textId=${textId}&eId=${PARA_4}`)).body.items).toEqual([]);

    // Exports: a JSON field and a CSV column.
    const json = await anonymous.get(`/api/consultations/${c.id}/exports/contributions.json?scope=public`);
    expect(json.status).toBe(200);
    const rows = JSON.stringify(json.body);
    expect(rows).toContain(`"citedUnits":[{"textId":"${textId}","eId":"art_7__para_4__point_a","label":"Article 7(4)(a)"}]`);
    const csv = await anonymous.get(`/api/consultations/${c.id}/exports/contributions.csv?scope=public`);
    expect(csv.status).toBe(200);
    const text = typeof csv.body === "string" ? csv.body : JSON.stringify(csv.body);
    expect(text.split("\n")[0]).toContain("citedUnits");
    expect(text).toContain("Article 7(4)(a)");
  });

  it("refuses unknown units and texts with a 400 saying which, the same for a text of another consultation", async () => {
    const { c, textId, rep, body, q } = await setUp();
    const elsewhere = await setUp();
    const url = `/api/consultations/${c.id}/questions/${q[0]!.id}/position`;
    const bad = await rep.put(url, body([{ textId, eId: PARA_4 }, { textId, eId: "art_99__para_1" }]));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("art_99__para_1");
    expect(bad.body.error.details).toEqual([{ path: "citedUnits.1.eId", message: "is not a unit of the text's current version" }]);
    const foreign = await rep.put(url, body([{ textId: elsewhere.textId, eId: PARA_4 }]));
    const missing = await rep.put(url, body([{ textId: "nosuchtext000", eId: PARA_4 }]));
    expect([foreign.status, missing.status]).toEqual([400, 400]);
    expect(foreign.body.error.details).toEqual(missing.body.error.details);
    expect(foreign.body.error.details).toEqual([{ path: "citedUnits.0.textId", message: "is not a text of this consultation" }]);
    expect((await rep.put(url, body([{ textId, eId: "not an eId" }]))).status).toBe(400);
    // Nothing was written by the refusals; the same body with a known unit is published.
    expect(await t.prisma.position.count({ where: { consultationId: c.id } })).toBe(0);
    expect((await rep.put(url, body([{ textId, eId: PARA_4 }]))).status).toBe(201);
  });

  it("a restricted consultation's citations reach no outsider, on every channel", async () => {
    const { c, textId, rep, body, q, organiser } = await setUp("restricted");
    const put = await rep.put(`/api/consultations/${c.id}/questions/${q[0]!.id}/position`, body([{ textId, eId: PARA_4 }]));
    expect(put.status).toBe(201);
    const probe = { consultationId: c.id, positionId: put.body.position.id as string, textId, token: "Article 7(4)" };
    const outsider = t.client();
    await logIn(outsider, await createUser(t.prisma));
    expect(leaks([...(await probeChannels(outsider, probe)), ...(await probeExports(outsider, c.id))], probe)).toEqual([]);
    expect(leaks(await probeChannels(t.client(), probe), probe)).toEqual([]);
    // Positive control: the organiser sees the citation on the same channels.
    expect(leaks(await probeChannels(organiser, probe), probe).some((l) => l.includes("contains the token"))).toBe(true);
  });
});
