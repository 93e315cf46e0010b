// The staff screens of formal responses in a real browser: an organiser imports email and paper
// responses (a bad file lists each problem by row and column and writes nothing; a good one gives the
// counts by channel), creates a partner key (shown once, with the rate limit) and revokes it; a
// moderator marks a response as suspected automated with a reason and lifts the mark, withholds a file
// with a reason the respondent then reads, watching the counts, redacts a page and lifts the redaction.
// axe finds nothing serious on any of these screens; at 360 px nothing overflows; French and German read
// them too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import type { TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser } from "../support/factories.ts";
import { e2eHarness } from "./support/harness.ts";
import { makePdf, upload } from "../responses/files.ts";
import { zipToBuffer } from "../../server/exports/formats/zip.ts";
import { extractText, getDocumentProxy } from "unpdf";

const e2e = e2eHarness();
let t: TestServer;
beforeAll(async () => {
  ({ t } = await e2e.start());
}, 120_000);
afterAll(() => e2e.stop());

const QUESTIONNAIRE = {
  title: "Staff screens",
  sections: [{ key: "main", title: "Main", questions: [{ key: "support", label: "Support?", type: "single_choice", required: true, options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] }, { key: "paper", label: "Paper", type: "file_upload" }] }],
};

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, page.url()).toEqual([]);
}
const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(360);
const csv = (lines: string[]) => ({ name: "responses.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });

describe("staff screens of formal responses", () => {
  it("imports, manages partner keys, marks and withholds, in three languages, accessible and narrow", async () => {
    const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
    const moderator = await createUser(t.prisma, { displayName: "Mona Moderator" });
    const respondent = await createUser(t.prisma, { displayName: "Rita Respondent" });
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    await addMember(t.prisma, c.id, moderator.id, "moderator");
    expect((await (await e2e.apiAs(organiser)).put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    // A web response with a file, for the moderator.
    const api = await e2e.apiAs(respondent);
    const draft = (await api.put(`/api/consultations/${c.id}/responses/mine`, { answers: {} })).body.response.id as string;
    const file = (await upload(api, draft, "paper", await makePdf(["A paper", "Qxsignature page"]), "Qxpaper.pdf")).body.attachment.id as string;
    expect((await api.put(`/api/consultations/${c.id}/responses/mine`, { answers: { support: "yes", paper: [file] }, consent: "publish_named", submit: true })).status).toBe(200);

    await e2e.withPage({ as: organiser, viewport: { width: 360, height: 740 } }, async (page) => {
      // The organiser console leads there.
      await page.goto(`/consultations/${c.slug}/manage`);
      await page.getByRole("link", { name: "Import and partners" }).click();
      await page.getByRole("heading", { name: "Responses from other channels", level: 1 }).waitFor();
      await page.getByTestId("partner-rate-limit").waitFor();
      await axe(page);
      await noOverflow(page);

      // A bad file: every problem by row and column, nothing written.
      await page.getByLabel("CSV or XLSX file").setInputFiles(csv(["channel,category,consent,support", "fax,individual,publish_named,yes", "email,individual,publish_named,maybe"]));
      await page.getByRole("button", { name: "Import the file" }).click();
      const errors = page.getByTestId("import-errors");
      await errors.getByText("Nothing was written.", { exact: false }).waitFor();
      const rows = await errors.locator("tbody tr").allTextContents();
      expect(rows).toEqual(["2channelmust be one of email, paper", "3support\"maybe\" is not an option"]);
      expect(await t.prisma.response.count({ where: { consultationId: c.id, channel: { not: "web" } } })).toBe(0);
      await axe(page);
      await noOverflow(page);

      // A good one: counts by channel.
      await page.getByLabel("CSV or XLSX file").setInputFiles(csv(["channel,category,consent,support", "paper,individual,publish_named,yes", "email,individual,do_not_publish,no", "email,industry,publish_named,no"]));
      await page.getByRole("button", { name: "Import the file" }).click();
      const result = page.getByTestId("import-result");
      await result.getByText("3 responses imported.").waitFor();
      expect(await result.locator("li").allTextContents()).toEqual(expect.arrayContaining(["Paper: 1 response", "Email: 2 responses"]));
      expect(await t.prisma.response.count({ where: { consultationId: c.id, channel: { in: ["email", "paper"] } } })).toBe(3);

      // A ZIP with the sheet and a file it names: the file is counted.
      const bundle = await zipToBuffer([{ name: "responses.csv", data: Buffer.from("channel,category,consent,support,paper\npaper,individual,do_not_publish,yes,scan.pdf") }, { name: "scan.pdf", data: await makePdf(["Scanned letter"]) }], new Date("2026-01-01T00:00:00Z"));
      await page.getByLabel("CSV or XLSX file").setInputFiles({ name: "bundle.zip", mimeType: "application/zip", buffer: bundle });
      await page.getByRole("button", { name: "Import the file" }).click();
      await result.getByText("1 response imported. 1 file attached.").waitFor();

      // A partner key: shown once, listed by prefix, revoked.
      expect(await page.getByTestId("partner-rate-limit").textContent()).toMatch(/Each key may send \d+ responses every 60 seconds\./);
      await page.getByLabel("Partner's name").fill("Citizens' Forum");
      await page.getByRole("button", { name: "Create a key" }).click();
      const secret = page.getByTestId("partner-secret");
      const key = (await secret.locator("code").textContent()) ?? "";
      expect(key).toMatch(/^rtp_/);
      await noOverflow(page);
      const partner = page.getByTestId("partner").filter({ hasText: "Citizens' Forum" });
      expect(await partner.textContent()).toContain(key.slice(0, 10));
      expect(await partner.textContent()).not.toContain(key);
      await page.getByRole("button", { name: "I have copied the key" }).click();
      expect(await page.getByTestId("partner-secret").count()).toBe(0);
      await page.getByRole("button", { name: "Revoke the key of Citizens' Forum" }).click();
      await partner.getByText("Revoked").waitFor();
      const refused = await t.client().raw("POST", "/api/partner/v1/responses", { body: JSON.stringify({ category: "individual", consent: "publish_named", answers: { support: "yes" } }), headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } });
      expect(refused.status).toBe(401);
      await axe(page);
    });

    await e2e.withPage({ as: moderator, viewport: { width: 360, height: 740 } }, async (page) => {
      await page.goto(`/consultations/${c.slug}`);
      await page.getByRole("link", { name: "Review responses" }).click();
      await page.getByRole("heading", { name: "Review responses", level: 1 }).waitFor();
      const counts = page.getByTestId("review-counts");
      await counts.waitFor();
      expect(await page.getByTestId("suspected-count").textContent()).toBe("0");
      expect(await page.getByTestId("review-item").count()).toBe(5);
      await axe(page);
      await noOverflow(page);

      // Mark the web response, with a reason (required: the empty form is refused beside the field).
      const web = page.getByTestId("review-item").filter({ hasText: "Web form" });
      await web.getByRole("button", { name: /as suspected automated$/ }).click();
      await web.getByRole("button", { name: /as suspected automated$/ }).click();
      await web.getByText("Reason is required.").waitFor();
      await web.getByLabel("Reason").fill("Sent in a burst of identical posts.");
      await web.getByRole("button", { name: /as suspected automated$/ }).click();
      await web.getByText("Reason: Sent in a burst of identical posts.").waitFor();
      await page.getByTestId("suspected-count").filter({ hasText: "1" }).waitFor();
      await axe(page);
      await noOverflow(page);
      await web.getByRole("button", { name: /^Lift the mark on/ }).click();
      await page.getByTestId("suspected-count").filter({ hasText: "0" }).waitFor();

      // Withhold the file with a reason; then publish it again.
      await web.getByRole("button", { name: "Withhold Qxpaper.pdf" }).click();
      await web.getByLabel("Reason").fill("A signature is visible.");
      await web.getByRole("button", { name: "Withhold Qxpaper.pdf" }).click();
      await web.getByText("Reason: A signature is visible.").waitFor();
      await page.getByTestId("withheld-count").filter({ hasText: "1" }).waitFor();
      expect((await t.client().get(`/api/responses/${draft}/attachments/${file}`)).status).toBe(404);
      const own = await api.get(`/api/responses/${draft}`);
      expect(own.body.response.attachments[0]).toMatchObject({ withheld: true, withheldReason: "A signature is visible." });
      await web.getByRole("button", { name: "Publish Qxpaper.pdf again" }).click();
      await page.getByTestId("withheld-count").filter({ hasText: "0" }).waitFor();
      expect((await t.client().get(`/api/responses/${draft}/attachments/${file}`)).status).toBe(200);

      // Redact page 2 of the PDF: a page past the end is refused beside the field first.
      await web.getByRole("button", { name: "Redact a page of Qxpaper.pdf" }).click();
      await web.getByLabel("Page number (the file has 2 pages)").fill("3");
      await web.getByLabel("Reason", { exact: true }).fill("Your signature is personal data.");
      await web.getByRole("button", { name: "Redact the page of Qxpaper.pdf" }).click();
      await web.getByText("must be at most 2, the file's page count").waitFor();
      await web.getByLabel("Page number (the file has 2 pages)").fill("2");
      await web.getByRole("button", { name: "Redact the page of Qxpaper.pdf" }).click();
      await web.getByTestId("redacted-page").filter({ hasText: "Page 2 redacted (Personal data): Your signature is personal data." }).waitFor();
      await axe(page);
      await noOverflow(page);
      const published = Buffer.from(await (await fetch(`${t.url}/api/responses/${draft}/attachments/${file}`)).arrayBuffer());
      const pdf = await getDocumentProxy(new Uint8Array(published), { isEvalSupported: false } as Parameters<typeof getDocumentProxy>[1]);
      expect((await extractText(pdf, { mergePages: false })).text).toEqual([expect.stringContaining("A paper"), "Page 2 withheld by moderation: personal_data"]);
      expect((await t.client().get("/api/search?q=Qxsignature")).body.total).toBe(0);

      // Filters (the import's bundle added a paper response).
      await page.getByLabel("Channel").selectOption("email");
      await page.getByTestId("review-item").nth(1).waitFor();
      expect(await page.getByTestId("review-item").count()).toBe(2);
    });

    // The respondent reads which page is not published, and why.
    await e2e.withPage({ as: respondent, viewport: { width: 360, height: 740 } }, async (page) => {
      await page.goto(`/consultations/${c.slug}/respond`);
      await page.getByTestId("redacted-page").filter({ hasText: "Page 2 is not published: Your signature is personal data." }).waitFor();
      await noOverflow(page);
    });

    // The moderator lifts the page redaction with a reason (required): the public copy and search have the page again.
    await e2e.withPage({ as: moderator, viewport: { width: 360, height: 740 } }, async (page) => {
      await page.goto(`/consultations/${c.slug}/responses/review`);
      const web = page.getByTestId("review-item").filter({ hasText: "Web form" });
      const redacted = web.getByTestId("redacted-page");
      const liftPage = redacted.getByRole("button", { name: "Lift the redaction of page 2 of Qxpaper.pdf" });
      await liftPage.click();
      await liftPage.click();
      await redacted.getByText("Reason is required.").waitFor();
      expect((await t.client().get("/api/search?q=Qxsignature")).body.total).toBe(0);
      await redacted.getByLabel("Reason").fill("Signed in an official capacity.");
      await liftPage.click();
      await redacted.waitFor({ state: "detached" });
      await axe(page);
      await noOverflow(page);
      const original = Buffer.from(await (await fetch(`${t.url}/api/responses/${draft}/attachments/${file}`)).arrayBuffer());
      const pdf = await getDocumentProxy(new Uint8Array(original), { isEvalSupported: false } as Parameters<typeof getDocumentProxy>[1]);
      expect((await extractText(pdf, { mergePages: false })).text).toEqual([expect.stringContaining("A paper"), expect.stringContaining("Qxsignature")]);
      expect((await t.client().get("/api/search?q=Qxsignature")).body.total).toBe(1);
    });

    // French and German.
    for (const [language, intake, review] of [["fr", "Réponses reçues par d’autres canaux", "Examiner les réponses"], ["de", "Antworten aus anderen Kanälen", "Antworten prüfen"]] as const) {
      await t.prisma.user.updateMany({ where: { id: { in: [organiser.id, moderator.id] } }, data: { language } });
      await e2e.withPage({ as: organiser, viewport: { width: 360, height: 740 } }, async (page) => {
        await page.goto(`/consultations/${c.slug}/responses/intake`);
        await page.getByRole("heading", { name: intake, level: 1 }).waitFor();
        await page.getByTestId("partner").first().waitFor();
        await axe(page);
        await noOverflow(page);
      });
      await e2e.withPage({ as: moderator, viewport: { width: 360, height: 740 } }, async (page) => {
        await page.goto(`/consultations/${c.slug}/responses/review`);
        await page.getByRole("heading", { name: review, level: 1 }).waitFor();
        await page.getByTestId("review-item").first().waitFor();
        await axe(page);
        await noOverflow(page);
      });
    }
  }, 240_000);
});
