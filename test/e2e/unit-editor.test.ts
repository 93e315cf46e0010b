// The unit editor in the browser, by keyboard: the organiser edits a paragraph of the current text,
// adds a point to another, previews, publishes version 2 and sees both changes in the comparison; and
// a thread's page names the unit it is about as printed, "Article 7(4)(a)", not by its eId.
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser } from "../support/factories.ts";
import { e2eHarness, type User } from "./support/harness.ts";

vi.setConfig({ testTimeout: 180_000 });
const e2e = e2eHarness();
const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");

let t: TestServer;
let organiser: User;
let participant: User;
let slug = "";
let textId = "";

beforeAll(async () => {
  ({ t } = await e2e.start());
  organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  participant = await createUser(t.prisma, { displayName: "Pat Participant" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id, title: "Online harm regulation" });
  slug = c.slug;
  await addMember(t.prisma, c.id, participant.id, "participant");
  const created = await (await e2e.apiAs(organiser)).post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
  expect(created.status).toBe(201);
  textId = created.body.text.id;
});
afterAll(() => e2e.stop());

async function expectAxeClean(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(bad, label).toEqual([]);
}

describe("the unit editor", () => {
  it("edits a paragraph and adds a point by keyboard, publishes, and the comparison shows both", async () => {
    await e2e.withPage({ as: organiser }, async (page) => {
      await page.goto(`/consultations/${slug}/texts/${textId}`);
      await page.getByRole("heading", { level: 1, name: "The proposal" }).waitFor();
      await page.getByRole("button", { name: "Edit or publish a new version" }).click();
      await page.getByRole("button", { name: "Edit the units" }).press("Enter");
      const editor = page.getByTestId("unit-editor");
      await editor.waitFor();
      await expectAxeClean(page, "the unit editor");

      const paragraph1 = editor.locator('[data-eid="art_7__para_1"] > fieldset').getByLabel("Text");
      await paragraph1.focus();
      await page.keyboard.press("End");
      await page.keyboard.press("Backspace");
      await page.keyboard.type(" within a month.");

      // "Add a point" moves focus to the new point's number: type it, then Tab to its text.
      await editor.getByRole("button", { name: "Add a point to Article 7(4)" }).focus();
      await page.keyboard.press("Enter");
      await page.keyboard.type("(c)");
      await page.keyboard.press("Tab");
      await page.keyboard.type("the order is limited in time.");
      await editor.getByRole("group", { name: /Article 7\(4\)\(c\)/ }).waitFor();

      const form = page.getByTestId("import-form");
      await form.getByLabel("What changed in this version").fill("Edited in the browser");
      await form.getByRole("button", { name: "Preview the units" }).click();
      const preview = form.getByTestId("import-preview");
      await preview.waitFor();
      await expect(preview.textContent()).resolves.toContain("art_7__para_4__point_c");
      await form.getByRole("button", { name: "Publish the new version" }).click();
      await page.getByText("You are reading version 2, the current one.").waitFor();

      await page.getByRole("button", { name: "Compare" }).click();
      const diff = page.getByTestId("text-diff");
      await diff.waitFor();
      await expect(diff.textContent()).resolves.toMatch(/1 changed[\s\S]*1 added|1 added[\s\S]*1 changed/);
      await expect(diff.locator("ins").first().textContent()).resolves.toContain("within a month");
      await expect(diff.textContent()).resolves.toContain("the order is limited in time.");
    });
    const units = await t.prisma.textUnit.findMany({ where: { documentId: textId, version: { number: 2 }, eId: { in: ["art_7__para_1", "art_7__para_4__point_c"] } }, orderBy: { ordinal: "asc" } });
    expect(units.map((u) => [u.eId, u.num, u.text])).toEqual([
      ["art_7__para_1", "1.", "The Coordinating Authority may request the competent authority to issue a detection order within a month."],
      ["art_7__para_4__point_c", "(c)", "the order is limited in time."],
    ]);
  });
});

describe("a thread about a unit", () => {
  it("names the unit on its page as printed: Article 7(4)(a)", async () => {
    const api = await e2e.apiAs(participant);
    const started = await api.post(`/api/texts/${textId}/threads`, { eId: "art_7__para_4__point_a", title: "Which risk?", body: "'Significant' is undefined." });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.anchor).toMatchObject({ eId: "art_7__para_4__point_a", label: "Article 7(4)(a)" });
    await e2e.withPage({ as: participant }, async (page) => {
      await page.goto(`/threads/${started.body.thread.id}`);
      await page.getByRole("heading", { level: 1, name: "Which risk?" }).waitFor();
      const anchor = page.getByTestId("thread-anchor");
      await anchor.getByRole("link", { name: "Article 7(4)(a) of the draft text" }).waitFor();
      await expect(anchor.textContent()).resolves.not.toContain("art_7__para_4__point_a");
    });
  });
});
