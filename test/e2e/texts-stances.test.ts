// Stances in the browser: the margin's stance bar names each category's for / mixed / against in words
// (not by colour alone), and "Where each article stands" expands an article to its paragraphs with
// their citing positions and stances by category; axe clean with the table open.
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser } from "../support/factories.ts";
import { e2eHarness, type User } from "./support/harness.ts";

vi.setConfig({ testTimeout: 180_000 });
const e2e = e2eHarness();
const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const PARA_4 = "art_7__para_4";
const POINT_A = "art_7__para_4__point_a";

let t: TestServer;
let browser: Browser;
let reader: User;
let slug = "";
let textId = "";

beforeAll(async () => {
  ({ t, browser } = await e2e.start());
  void browser;
  const organiser = await createUser(t.prisma, { category: "public_authority" });
  reader = await createUser(t.prisma, { category: "individual" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id, title: "Online harm regulation" });
  slug = c.slug;
  const api = await e2e.apiAs(organiser);
  textId = (await api.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE })).body.text.id;
  // Industry supports point (a) in a position; privacy contests it in a typed reply.
  const rep = await createUser(t.prisma, { category: "industry" });
  const org = await createOrganisation(t.prisma, { category: "industry", verified: true });
  await addToOrganisation(t.prisma, rep.id, org.id, "representative");
  const position = await (await e2e.apiAs(rep)).put(`/api/consultations/${c.id}/questions/${c.questions[0]!.id}/position`, {
    organisationId: org.id, stance: "support", summary: "Point (a) is right.", argument: "Because.", citedUnits: [{ textId, eId: POINT_A }],
  });
  expect(position.status).toBe(201);
  const privacy = await createUser(t.prisma, { category: "digital_rights" });
  await addMember(t.prisma, c.id, privacy.id, "participant");
  const privacyApi = await e2e.apiAs(privacy);
  const thread = await privacyApi.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Risk", body: "Which risk?" });
  expect(thread.status).toBe(201);
  expect((await privacyApi.post(`/api/threads/${thread.body.thread.id}/posts`, { body: "Far too wide.", parentId: thread.body.post.id, replyType: "contests" })).status).toBe(201);
});
afterAll(() => e2e.stop());

async function expectAxeClean(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(bad, label).toEqual([]);
}

describe("stances in the reading view", () => {
  it("the margin names stances by category in words, and the standing table expands an article to its paragraphs", async () => {
    await e2e.withPage({ as: reader }, async (page) => {
      await page.goto(`/consultations/${slug}/texts/${textId}`);
      await page.getByRole("heading", { level: 1, name: "The proposal" }).waitFor();
      const bar = page.locator(`[data-eid="${POINT_A}"] > .unit__row`).getByRole("list", { name: "Stances by stakeholder category" });
      await bar.waitFor();
      const lines = await bar.getByRole("listitem").allTextContents();
      // The words for screen readers, then the short name and + ~ − for the eye.
      expect(lines).toEqual([
        "Privacy or digital-rights group: 0 for, 0 mixed, 1 againstDigital rights+0 ~0 −1",
        "Online service provider or industry body: 1 for, 0 mixed, 0 againstIndustry+1 ~0 −0",
      ]);
      // Positive control of the filter: a unit without stances has no bar.
      expect(await page.locator(`[data-eid="art_1__para_1"] > .unit__row [data-testid="stance-bar"]`).count()).toBe(0);

      const standing = page.locator("section.standing");
      await expect(standing.getByTestId("stance-rule").textContent()).resolves.toContain("How stances are counted");
      await expect(standing.getByTestId("most-contested").textContent()).resolves.toContain("spread 2");
      await standing.locator("summary").click();
      expect(await standing.getByTestId("standing-paragraph").count()).toBe(0);
      const toggle = standing.getByRole("button", { name: "Show the paragraphs of Article 7 Issuance of detection orders" });
      await toggle.click();
      await standing.getByRole("button", { name: "Hide the paragraphs of Article 7 Issuance of detection orders", expanded: true }).waitFor();
      const para = standing.locator(`[data-testid="standing-paragraph"][data-eid="${PARA_4}"]`);
      await para.waitFor();
      const cells = await para.locator("td").allTextContents();
      // Comments, amendments, endorsements, positions, positions by category, stances, engagement.
      expect(cells).toEqual([
        "2", "0", "0", "1",
        "Online service provider or industry body 1",
        "Privacy or digital-rights group: 0 for, 0 mixed, 1 against; Online service provider or industry body: 1 for, 0 mixed, 0 against",
        "Privacy or digital-rights group 2",
      ]);
      await expectAxeClean(page, "reading view with the standing table expanded");
    });
  });
});
