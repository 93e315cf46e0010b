// The draft text in the browser: the reading view is axe clean (closed and with a provision opened); a
// participant selects a span of words BY KEYBOARD and proposes an amendment, another selects words BY
// TOUCH (a touch-screen phone context, taps only) and proposes a competing one, shown side by side as
// tracked changes; the organiser adds a document with a preview, publishes a new version, compares the
// versions and records an outcome, and a thread's page links back to the unit it is about.
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser } from "../support/factories.ts";
import { e2eHarness, type User } from "./support/harness.ts";
import { logInContext } from "./support/login.ts";

vi.setConfig({ testTimeout: 180_000 });
const e2e = e2eHarness();
const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });
const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";

let t: TestServer;
let browser: Browser;
let organiser: User;
let keyboardUser: User;
let touchUser: User;
let slug = "";
let consultationId = "";
let textId = "";

beforeAll(async () => {
  ({ t, browser } = await e2e.start());
  organiser = await createUser(t.prisma, { displayName: "Olga Organiser", category: "public_authority" });
  keyboardUser = await createUser(t.prisma, { displayName: "Kim Keyboard", category: "digital_rights" });
  touchUser = await createUser(t.prisma, { displayName: "Tara Touch", category: "child_rights" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id, title: "Online harm regulation" });
  slug = c.slug;
  consultationId = c.id;
  for (const u of [keyboardUser, touchUser]) await addMember(t.prisma, c.id, u.id, "participant");
  const api = await e2e.apiAs(organiser);
  const created = await api.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
  expect(created.status).toBe(201);
  textId = created.body.text.id;
});
afterAll(() => e2e.stop());

async function expectAxeClean(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(bad, label).toEqual([]);
}

const readingPath = (unit?: string) => `/consultations/${slug}/texts/${textId}${unit ? `?unit=${unit}` : ""}`;
const unitOpen = (page: Page, eId: string) => page.locator(`[data-eid="${eId}"] > .unit__row [data-testid="unit-open"]`);

describe("the reading view", () => {
  it("shows the units with their margins and is axe clean, closed and with a provision opened", async () => {
    await e2e.withPage({ as: keyboardUser }, async (page) => {
      await page.goto(readingPath());
      await page.getByRole("heading", { level: 1, name: "The proposal" }).waitFor();
      await expect(page.locator("[data-eid]").count()).resolves.toBeGreaterThan(10);
      await expect(page.locator(`[data-eid="${POINT_A}"] .unit__text`).first().textContent()).resolves.toContain("evidence of a significant risk");
      await expectAxeClean(page, "reading view");
      await unitOpen(page, POINT_A).click();
      await page.getByRole("heading", { name: "Article 7(4)(a): discussion and amendments" }).waitFor();
      await page.getByRole("button", { name: "Select words" }).click();
      await page.getByRole("listbox", { name: "Words of Article 7(4)(a)" }).waitFor();
      await expectAxeClean(page, "reading view with a provision opened and its words listed");
    });
  });
});

describe("selecting words and proposing amendments", () => {
  it("by keyboard: arrows and Shift+arrows select 'significant risk', and the amendment replaces exactly those words", async () => {
    await e2e.withPage({ as: keyboardUser }, async (page) => {
      await page.goto(readingPath());
      await page.getByRole("heading", { level: 1, name: "The proposal" }).waitFor();
      // Open the provision from its margin button with the keyboard.
      await unitOpen(page, POINT_A).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Article 7(4)(a): discussion and amendments" }).waitFor();
      await poll(() => new URL(page.url()).searchParams.get("unit")).toBe(POINT_A);
      await page.getByRole("button", { name: "Select words" }).focus();
      await page.keyboard.press("Enter");
      const words = page.getByRole("listbox", { name: "Words of Article 7(4)(a)" });
      await words.focus();
      // The caret starts on word 0 ("there"); five steps right is "significant", Shift+Right adds "risk".
      for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Shift+ArrowRight");
      await poll(() => page.getByTestId("selection").textContent()).toContain("2 words selected:");
      await expect(page.getByTestId("selection").textContent()).resolves.toContain("significant risk");
      await expect(words.getByRole("option", { selected: true }).allTextContents()).resolves.toEqual(["significant", "risk"]);

      await page.getByRole("button", { name: "Propose an amendment to the selected words" }).click();
      await expect(page.getByTestId("amendment-target").textContent()).resolves.toContain("significant risk");
      await page.getByLabel("The new wording").fill("specific and substantial risk");
      await page.getByLabel("Justification").fill("A detection order needs **specific** evidence.");
      await page.getByRole("button", { name: "Add a source" }).click();
      await page.getByLabel("Citation of source 1").fill("EDPB-EDPS Joint Opinion 4/2022");
      await page.getByLabel("Link to source 1").fill("https://example.org/opinion");
      await page.getByLabel("Declaration of interests").fill("We campaign for private communications.");
      await page.getByRole("button", { name: "Propose the amendment" }).click();
      await page.getByRole("status").filter({ hasText: "Your amendment has been published." }).waitFor();

      const card = page.getByTestId("amendment").first();
      // Tracked changes: struck and underlined, and said to screen readers, not colour alone.
      await expect(card.locator("del").textContent()).resolves.toBe("[deletion] significant risk [end of deletion]");
      await expect(card.locator("ins").textContent()).resolves.toBe("[insertion] specific and substantial risk [end of insertion]");
      await expect(card.locator("del").evaluate((el) => getComputedStyle(el).textDecorationLine)).resolves.toBe("line-through");
      await expect(card.locator("ins").evaluate((el) => getComputedStyle(el).textDecorationLine)).resolves.toBe("underline");
      await expect(card.getByRole("link", { name: "EDPB-EDPS Joint Opinion 4/2022" }).getAttribute("href")).resolves.toBe("https://example.org/opinion");
    });
    const row = await t.prisma.amendment.findFirstOrThrow({ where: { documentId: textId, authorId: keyboardUser.id } });
    expect(row).toMatchObject({ eId: POINT_A, kind: "replace", spanStart: 5, spanEnd: 7, quote: "significant risk", proposedText: "specific and substantial risk", category: "digital_rights", declarationOfInterests: "We campaign for private communications." });
    expect(row.evidence).toEqual([{ kind: "study", citation: "EDPB-EDPS Joint Opinion 4/2022", url: "https://example.org/opinion" }]);
  });

  it("by mouse: dragging across words in the text opens the provision with them selected", async () => {
    await e2e.withPage({ as: keyboardUser }, async (page) => {
      await page.goto(readingPath());
      await page.getByRole("heading", { level: 1, name: "The proposal" }).waitFor();
      const word = (i: number) => page.locator(`[data-eid="${POINT_A}"] > .unit__row .unit__text [data-w="${i}"]`);
      // Mouse coordinates are the viewport's: the words are brought into it first.
      await word(2).scrollIntoViewIfNeeded();
      const from = (await word(2).boundingBox())!;
      const to = (await word(4).boundingBox())!;
      await page.mouse.move(from.x + 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x + to.width - 2, to.y + to.height / 2, { steps: 5 });
      await page.mouse.up();
      await page.getByRole("heading", { name: "Article 7(4)(a): discussion and amendments" }).waitFor();
      await poll(() => page.getByTestId("selection").textContent()).toContain("3 words selected:");
      await expect(page.getByTestId("selection").textContent()).resolves.toContain("evidence of a");
    });
  });

  it("by touch: on a phone, a tap on the first word and one on the last select the span, and the competing amendment stands beside the first", async () => {
    const context = await browser.newContext({ baseURL: t.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-GB" });
    const errors: string[] = [];
    try {
      await logInContext(context, touchUser);
      const page = await context.newPage();
      page.on("pageerror", (err) => errors.push(err.message));
      await page.goto(readingPath());
      await page.getByRole("heading", { level: 1, name: "The proposal" }).waitFor();
      await unitOpen(page, POINT_A).tap();
      await page.getByRole("button", { name: "Select words" }).tap();
      const words = page.getByRole("listbox", { name: "Words of Article 7(4)(a)" });
      await words.getByRole("option", { name: "evidence", exact: true }).tap();
      await page.getByText("Now tap the last word of the selection.").waitFor();
      await words.getByRole("option", { name: "risk", exact: true }).tap();
      await expect(words.getByRole("option", { selected: true }).allTextContents()).resolves.toEqual(["evidence", "of", "a", "significant", "risk"]);
      await expect(page.getByTestId("selection").textContent()).resolves.toContain("evidence of a significant risk");

      await page.getByRole("button", { name: "Propose an amendment to the selected words" }).tap();
      await page.getByLabel("The new wording").fill("a significant risk, as shown by the risk assessment,");
      await page.getByLabel("Justification").fill("Ties the threshold to evidence that exists.");
      await page.getByRole("button", { name: "Propose the amendment" }).tap();
      await page.getByRole("status").filter({ hasText: "Your amendment has been published." }).waitFor();
      // Two amendments to one unit: competing, side by side (one column on a phone, two where there is room).
      await poll(() => page.getByTestId("amendment").count()).toBe(2);
      await page.getByText("Competing amendments to this provision are shown side by side.").waitFor();
      await expect(page.getByTestId("amendments").getAttribute("class")).resolves.toContain("amendment-list--side-by-side");
      await page.setViewportSize({ width: 1280, height: 900 });
      const boxes = await page.getByTestId("amendment").evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
      expect(boxes[0]).toBe(boxes[1]);
    } finally {
      await context.close();
    }
    expect(errors).toEqual([]);
    const row = await t.prisma.amendment.findFirstOrThrow({ where: { documentId: textId, authorId: touchUser.id } });
    expect(row).toMatchObject({ eId: POINT_A, spanStart: 2, spanEnd: 7, quote: "evidence of a significant risk", category: "child_rights" });
  });
});

describe("the organiser", () => {
  it("adds a document after previewing its units, publishes a new version, compares versions and records an outcome", async () => {
    await e2e.withPage({ as: organiser }, async (page) => {
      await page.goto(`/consultations/${slug}`);
      await page.getByRole("heading", { level: 2, name: "Draft texts" }).waitFor();
      await page.getByRole("link", { name: "The proposal" }).waitFor();
      await page.getByRole("button", { name: "Add a document" }).click();
      const form = page.getByTestId("import-form");
      await form.getByLabel("Name of the document").fill("Annex I");
      await form.getByLabel("Text").fill("# CHAPTER I — Annex\n\n### Article 1 — Scope\n\n1. The annex applies.\n2. It ends here.\n");
      await expect(form.getByRole("button", { name: "Save the document" }).isDisabled()).resolves.toBe(true);
      await form.getByRole("button", { name: "Preview the units" }).click();
      await form.getByRole("heading", { name: "4 units recognised" }).waitFor();
      await expect(form.getByTestId("import-preview").textContent()).resolves.toContain("art_1__para_2");
      await form.getByRole("button", { name: "Save the document" }).click();
      await page.getByRole("heading", { level: 1, name: "Annex I" }).waitFor();
      expect(await t.prisma.textDocument.count({ where: { consultationId } })).toBe(2);

      // A new version of the proposal: edited from its own Akoma Ntoso export.
      await page.goto(readingPath());
      await page.getByRole("heading", { level: 1, name: "The proposal" }).waitFor();
      await page.getByRole("button", { name: "Edit or publish a new version" }).click();
      const publish = page.getByTestId("import-form");
      await publish.getByRole("button", { name: "Start from the current text (Akoma Ntoso XML)" }).click();
      const textarea = publish.getByLabel("Text");
      await poll(() => textarea.inputValue()).toContain("significant risk");
      await textarea.fill((await textarea.inputValue()).replace("significant risk", "specific risk"));
      await publish.getByLabel("What changed in this version").fill("Council compromise");
      await publish.getByRole("button", { name: "Preview the units" }).click();
      await publish.getByTestId("import-preview").waitFor();
      await publish.getByRole("button", { name: "Publish the new version" }).click();
      await page.getByText("You are reading version 2, the current one.").waitFor();

      await page.getByRole("button", { name: "Compare" }).click();
      const diff = page.getByTestId("text-diff");
      await diff.waitFor();
      await expect(diff.textContent()).resolves.toContain("1 changed");
      await expect(diff.locator("del").first().textContent()).resolves.toContain("significant");
      await expect(diff.locator("ins").first().textContent()).resolves.toContain("specific");

      // The amendments made on version 1 show how the text changed since.
      await unitOpen(page, POINT_A).click();
      await poll(() => page.getByTestId("amendment").count()).toBe(2);
      await expect(page.getByTestId("amendment").first().textContent()).resolves.toContain("The text has changed since version 1 (now version 2)");
      const first = page.getByTestId("amendment").first();
      await first.getByRole("button", { name: "Record the outcome" }).click();
      await first.getByLabel("Outcome", { exact: true }).selectOption("partly_accepted");
      await first.getByLabel("Reasons").fill("The Council text now says 'specific risk'.");
      await first.getByRole("button", { name: "Save the outcome" }).click();
      await first.getByTestId("amendment-outcome").filter({ hasText: "Partly accepted" }).waitFor();
      await expectAxeClean(page, "reading view of version 2 with outcomes");
    });
    const answered = await t.prisma.amendment.findFirstOrThrow({ where: { documentId: textId, authorId: keyboardUser.id } });
    expect(answered).toMatchObject({ outcome: "partly_accepted", outcomeReasons: "The Council text now says 'specific risk'." });
    // The other amendment was not answered: the outcome went to the one the organiser chose.
    expect((await t.prisma.amendment.findFirstOrThrow({ where: { documentId: textId, authorId: touchUser.id } })).outcome).toBeNull();
  });

  it("a thread started on words links back to its unit, and the link opens the text there", async () => {
    await e2e.withPage({ as: keyboardUser }, async (page) => {
      await page.goto(readingPath(POINT_A));
      await page.getByRole("heading", { name: "Article 7(4)(a): discussion and amendments" }).waitFor();
      await page.getByRole("button", { name: "Comment on this provision" }).click();
      await page.getByLabel("Title of the discussion").fill("Which risk?");
      await page.getByLabel("Your comment").fill("'Specific' still needs a definition.");
      await page.getByRole("button", { name: "Start the discussion" }).click();
      await page.getByRole("heading", { level: 1, name: "Which risk?" }).waitFor();
      await page.getByTestId("thread-anchor").getByRole("link").click();
      await page.getByRole("heading", { name: "Article 7(4)(a): discussion and amendments" }).waitFor();
      await page.getByTestId("anchored-threads").getByRole("link", { name: "Which risk?" }).waitFor();
      // The margin counts the comment.
      await expect(unitOpen(page, POINT_A).getAttribute("aria-label")).resolves.toContain("1 comment");
    });
  });

  it("live: an amendment proposed elsewhere appears in the open provision, and its margin count follows", async () => {
    await e2e.withPage({ as: keyboardUser }, async (page) => {
      await page.goto(readingPath(POINT_A));
      await page.getByRole("heading", { name: "Article 7(4)(a): discussion and amendments" }).waitFor();
      // The panel's list loaded (its heading shows before its items): count what was there already.
      await page.getByTestId("amendments").waitFor();
      const before = await page.getByTestId("amendment").count();
      const api = await e2e.apiAs(touchUser);
      const res = await api.post(`/api/texts/${textId}/amendments`, { eId: POINT_A, kind: "replace", proposedText: "a demonstrated risk", justification: "Live." });
      expect(res.status).toBe(201);
      await poll(() => page.getByTestId("amendment").count()).toBe(before + 1);
      await page.getByTestId("amendments").getByText("a demonstrated risk").waitFor();
      await poll(() => unitOpen(page, POINT_A).getAttribute("aria-label")).toMatch(new RegExp(`\\b${before + 1} amendments?\\b`)); // "1 amendment", "2 amendments"
    });
  });
});

describe("positions citing provisions", () => {
  it("a position published through the form cites Article 7(4); its card links to the unit, whose margin and panel show it", async () => {
    const rep = await createUser(t.prisma, { displayName: "Rosa Rep", category: "digital_rights" });
    const org = await createOrganisation(t.prisma, { name: "Open Channels", category: "digital_rights", verified: true });
    await addToOrganisation(t.prisma, rep.id, org.id, "representative");
    await addMember(t.prisma, consultationId, rep.id, "participant");
    const question = (await t.prisma.question.findFirstOrThrow({ where: { consultationId }, orderBy: { ordinal: "asc" } })).id;

    await e2e.withPage({ as: rep }, async (page) => {
      await page.goto(`/consultations/${slug}/questions/${question}/positions`);
      await page.getByRole("heading", { name: "Publish the position of Open Channels" }).waitFor();
      await page.getByLabel("Oppose").check();
      await page.getByLabel("Summary").fill("Detection orders must rest on evidence of a specific risk.");
      await page.getByLabel("Argument").fill("Scanning everyone is disproportionate.");
      const field = page.getByTestId("cited-units-field");
      await field.getByLabel("Choose a provision").selectOption({ label: "Article 7(4)" });
      await field.getByRole("button", { name: "Add the provision" }).click();
      await field.getByRole("button", { name: "Remove Article 7(4)" }).waitFor();
      await page.getByRole("button", { name: "Publish the position" }).click();

      const card = page.locator("article.position", { hasText: "Open Channels" });
      await card.waitFor();
      const link = card.getByTestId("cited-units").getByRole("link", { name: "Open Article 7(4) in the text" });
      expect(await link.textContent()).toBe("Article 7(4)");
      await link.click();
      await page.waitForURL((url) => url.pathname.endsWith(`/texts/${textId}`) && url.searchParams.get("unit") === "art_7__para_4");
      // The reading view opens at the unit: its margin counts the position, its panel lists it.
      const panel = page.getByTestId("citing-positions");
      await panel.getByRole("heading", { name: "Positions citing Article 7(4)" }).waitFor();
      await panel.getByRole("link", { name: "Detection orders must rest on evidence of a specific risk." }).waitFor();
      expect(await page.locator(`[data-eid="art_7__para_4"] > .unit__row [data-testid="unit-positions"]`).textContent()).toBe("1 position");
      // Positive control of the count: a unit nobody cited shows none.
      expect(await page.locator(`[data-eid="art_7__para_1"] > .unit__row [data-testid="unit-positions"]`).count()).toBe(0);
      await expectAxeClean(page, "reading view with the positions citing a provision");
    });
  });
});
