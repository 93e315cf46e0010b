// The organisers' dashboard in a real browser against the real server: participation figures from the
// summary preview, the response matrix, publishing a summary version and downloading it, contributions
// exports, a PDF export job with its progress bar, the public list of versions, and that participants
// are kept out.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser } from "../support/factories.ts";
import { CATEGORY_LABELS } from "../../shared/categories.ts";
import { e2eHarness, SCREENSHOTS, type PageFn, type User } from "./support/harness.ts";

const e2e = e2eHarness();
const withPage = (as: User | null, fn: PageFn) => e2e.withPage({ as }, fn);
const apiAs = e2e.apiAs;

let t: TestServer;

/** A representative of a new organisation publishes a position through the API. */
async function positionBy(consultationId: string, questionId: string, org: { name: string; category: "child_rights" | "industry"; country: string }, stance: string, summary: string) {
  const rep = await createUser(t.prisma, { category: org.category });
  const o = await createOrganisation(t.prisma, { ...org, verified: true });
  await addToOrganisation(t.prisma, rep.id, o.id, "representative");
  const amendment = stance === "support_with_amendments" ? { amendmentText: "Add independent audits." } : {};
  const res = await (await apiAs(rep)).put(`/api/consultations/${consultationId}/questions/${questionId}/position`, {
    organisationId: o.id,
    stance,
    summary,
    argument: `Because: ${summary}`,
    ...amendment,
  });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
}

let seeded: Awaited<ReturnType<typeof seed>>;

async function seed() {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser", category: "public_authority" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id, questions: ["Should voluntary detection continue?", "Who should audit detection?"] });
  const participant = await createUser(t.prisma, { displayName: "Pia Participant", category: "individual" });
  await addMember(t.prisma, c.id, participant.id, "participant");
  const q1 = c.questions[0]!;
  await positionBy(c.id, q1.id, { name: "Child Safety Europe", category: "child_rights", country: "BE" }, "support", "Continue voluntary detection.");
  await positionBy(c.id, q1.id, { name: "Kids Online France", category: "child_rights", country: "FR" }, "support_with_amendments", "Continue it, with audits.");
  await positionBy(c.id, q1.id, { name: "Platform Alliance", category: "industry", country: "DE" }, "oppose", "Detection breaks encryption.");
  const thread = await (await apiAs(organiser)).post(`/api/consultations/${c.id}/threads`, { title: "Audits", body: "Who should audit detection tools?", questionId: c.questions[1]!.id });
  expect(thread.status, JSON.stringify(thread.body)).toBe(201);
  return { c, organiser, participant };
}

beforeAll(async () => {
  ({ t } = await e2e.start());
  seeded = await seed();
}, 60_000);
afterAll(() => e2e.stop());

describe("the organisers' dashboard", () => {
  it("is linked from the consultation page and shows figures that match the record", async () => {
    const { c, organiser } = seeded;
    await withPage(organiser, async (page) => {
      await page.goto(`/consultations/${c.slug}`);
      await page.getByRole("link", { name: "Dashboard and reports" }).click();
      await page.waitForURL(`**/consultations/${c.slug}/dashboard`);
      await page.getByRole("heading", { name: "Participation" }).waitFor();
      expect(await page.getByTestId("total-positions").textContent()).toBe("3");
      expect(await page.getByTestId("total-organisations").textContent()).toBe("3");

      // Positions by category: two child-rights organisations, one industry body; in the SVG and in the table.
      const chart = page.getByTestId("chart-positions-category");
      const childRow = chart.locator("tbody tr", { hasText: CATEGORY_LABELS.child_rights });
      expect(await childRow.locator("td").textContent()).toBe("2");
      expect(await chart.locator("tbody tr", { hasText: CATEGORY_LABELS.industry }).locator("td").textContent()).toBe("1");
      expect(await chart.locator("svg[role=img] title").first().textContent()).toBe("Positions by stakeholder category");
      expect(await chart.locator("svg rect").count()).toBe(2);
      // The numbers are one click away, not printed a second time under the bars.
      const numbers = chart.getByRole("region", { name: "Positions by stakeholder category: the numbers", includeHidden: true });
      expect(await numbers.isHidden()).toBe(true);
      await chart.getByRole("button", { name: /^Show the table/ }).click();
      await numbers.waitFor();
      expect(await chart.getByRole("button", { name: /^Hide the table/ }).getAttribute("aria-expanded")).toBe("true");
      const byCountry = page.getByTestId("chart-positions-country");
      expect(await byCountry.locator("tbody tr", { hasText: "Belgium" }).locator("td").textContent()).toBe("1");

      // Stance by category for question 1.
      const stance = page.getByTestId("stance-q1").locator("table.counts");
      expect(await stance.locator("tbody tr", { hasText: CATEGORY_LABELS.child_rights }).textContent()).toBe(`${CATEGORY_LABELS.child_rights}1100`);
      expect(await stance.locator("tbody tr", { hasText: CATEGORY_LABELS.industry }).textContent()).toBe(`${CATEGORY_LABELS.industry}0010`);

      // Moderation figures (the public transparency panel), and the report preview lists the positions.
      await page.getByTestId("transparency-total").waitFor();
      expect(await page.getByTestId("report-preview").textContent()).toContain("Child Safety Europe");
      await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard.png"), fullPage: true });
      await page.getByTestId("participation").screenshot({ path: path.join(SCREENSHOTS, "dashboard-participation.png") });
      await page.getByTestId("stance").screenshot({ path: path.join(SCREENSHOTS, "dashboard-stance.png") });
    });
  });

  it("saves an outcome per question; it persists", async () => {
    const { c, organiser } = seeded;
    const q1 = c.questions[0]!;
    await withPage(organiser, async (page) => {
      await page.goto(`/consultations/${c.slug}/dashboard`);
      const row = page.getByTestId("outcome-q1");
      // Reasons are required: the row says so and nothing is saved.
      await row.getByLabel("Outcome for question 1").selectOption("partly_accepted");
      await row.getByRole("button", { name: "Save the outcome for question 1" }).click();
      await row.getByRole("alert").filter({ hasText: "Give the reasons" }).waitFor();
      await row.getByLabel("Reasons for question 1").fill("Detection continues, with the audits many asked for.");
      await row.getByRole("button", { name: "Save the outcome for question 1" }).click();
      await row.getByRole("status").filter({ hasText: "Saved: Partly accepted." }).waitFor();
      const saved = await t.prisma.questionOutcome.findUniqueOrThrow({ where: { questionId: q1.id } });
      expect(saved.outcome).toBe("partly_accepted");
      expect(saved.reasons).toBe("Detection continues, with the audits many asked for.");
      // The report preview follows.
      await expect.poll(() => page.getByTestId("report-preview").textContent()).toContain("Partly accepted. Detection continues");

      await page.reload();
      const again = page.getByTestId("outcome-q1");
      await expect.poll(() => again.getByLabel("Outcome for question 1").inputValue()).toBe("partly_accepted");
      expect(await again.getByLabel("Reasons for question 1").inputValue()).toBe("Detection continues, with the audits many asked for.");
      expect(await page.getByTestId("outcome-q2").getByLabel("Outcome for question 2").inputValue()).toBe("");
    });
  });

  it("publishes version 1, lists it with downloads, and readers see it on the consultation page", async () => {
    const { c, organiser, participant } = seeded;
    await withPage(organiser, async (page) => {
      await page.goto(`/consultations/${c.slug}/dashboard`);
      await page.getByText("No version has been published yet.").waitFor();
      await page.getByRole("button", { name: "Publish version" }).click();
      // It is permanent, and the dialog says so before anything happens.
      const confirm = page.getByRole("dialog", { name: "Publish this version of the summary?" });
      expect(await confirm.getByTestId("publish-consequence").textContent()).toContain("This is permanent");
      await confirm.getByRole("button", { name: "Publish permanently" }).click();
      const status = page.getByTestId("publish-status");
      await status.getByText("Version 1 published").waitFor();
      const row = await t.prisma.summaryVersion.findFirstOrThrow({ where: { consultationId: c.id } });
      expect(row.version).toBe(1);
      expect(await status.locator("code.hash").getAttribute("title")).toBe(`SHA-256 ${row.contentHash}`);

      const item = page.getByTestId("summary-version-1");
      const html = item.getByRole("link", { name: "HTML of version 1" });
      const href = await html.getAttribute("href");
      expect(href).toBe(`/api/consultations/${c.id}/summary/versions/1.html`);
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      expect(await res.text()).toContain("Child Safety Europe");
      const md = await page.request.get((await item.getByRole("link", { name: "Markdown of version 1" }).getAttribute("href"))!);
      expect(md.status()).toBe(200);
    });
    await withPage(participant, async (page) => {
      await page.goto(`/consultations/${c.slug}`);
      await page.getByRole("heading", { name: "Summary reports" }).waitFor();
      expect(await page.getByTestId("summary-version-1").getByRole("link", { name: "PDF of version 1" }).getAttribute("href")).toBe(`/api/consultations/${c.id}/summary/versions/1.pdf`);
      expect(await page.getByRole("link", { name: "Dashboard and reports" }).count()).toBe(0);
    });
  });

  it("downloads the contributions as CSV, and runs a PDF export job with a progress bar to a download", async () => {
    const { c, organiser } = seeded;
    await withPage(organiser, async (page) => {
      await page.goto(`/consultations/${c.slug}/dashboard`);
      const exports = page.getByTestId("exports");
      await exports.getByLabel("Staff: every status, with moderation decisions").check();
      const csvHref = await exports.getByRole("link", { name: "Contributions as CSV" }).getAttribute("href");
      expect(csvHref).toBe(`/api/consultations/${c.id}/exports/contributions.csv?scope=staff`);
      const csv = await page.request.get(csvHref!);
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      expect(await csv.text()).toContain("Platform Alliance");

      await exports.getByLabel("Public: what anyone can read").check();
      await exports.getByRole("button", { name: "Prepare: Report as PDF" }).click();
      const job = page.getByTestId("export-job-pdf");
      await job.locator("progress").waitFor();
      const download = job.getByRole("link", { name: "Download the Report as PDF (public)" });
      await download.waitFor({ timeout: 45_000 });
      expect(await job.locator("progress").getAttribute("value")).toBe("100");
      const pdf = await page.request.get((await download.getAttribute("href"))!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    });
  }, 60_000);

  it("keeps participants out with a message", async () => {
    const { c, participant } = seeded;
    await withPage(participant, async (page) => {
      await page.goto(`/consultations/${c.slug}/dashboard`);
      await page.getByText("You are not allowed to see this dashboard.").waitFor();
      expect(await page.getByTestId("participation").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Publish version" }).count()).toBe(0);
    });
  });
});
