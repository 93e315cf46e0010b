// The demo seed's draft text: the structure of COM(2022) 209 with illustrative wording, comments and
// competing amendments on Articles 7 and 10 from the demo organisations, readable through the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { seedDemo } from "../../server/seed/demo.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await seedDemo(t.prisma);
});
afterAll(async () => {
  await t.stop();
});

describe("the demo draft text", () => {
  it("is labelled illustrative, follows the proposal's articles, and is argued over in Articles 7 and 10", async () => {
    const list = await t.client().get("/api/consultations/csa-regulation/texts");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].title).toMatch(/illustrative demo text modelled on COM\(2022\) 209, not the official wording/);
    const view = await t.client().get(`/api/texts/${list.body.items[0].id}/reading`);
    const articles = JSON.stringify(view.body.text.units);
    for (const heading of ["Issuance of detection orders", "Technologies and safeguards", "Establishment and scope of action of the EU Centre"]) expect(articles).toContain(heading);
    expect(view.body.text.mostContested.items.map((i: { eId: string }) => i.eId)).toContain("art_7__para_4__point_a");
    const amendments = await t.client().get(`/api/texts/${list.body.items[0].id}/amendments`);
    const onArticle = (n: number) => amendments.body.items.filter((a: { eId: string }) => a.eId.startsWith(`art_${n}__`));
    expect(onArticle(7)).toHaveLength(2);
    expect(onArticle(10).length).toBeGreaterThanOrEqual(2);
    expect(amendments.body.units.find((u: { eId: string }) => u.eId === "art_7__para_4__point_a").competing).toBe(true);
    const threads = await t.client().get(`/api/texts/${list.body.items[0].id}/threads`);
    expect(threads.body.items.length).toBe(4);
  });
});
