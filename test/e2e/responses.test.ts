// A formal response in a real browser against the real server: the respondent's form shows a conditional
// question only when its condition holds, a draft is saved and still there after a reload, a submission
// with a required question left out is refused beside it, then the response is submitted with a number,
// and it appears on the published responses page (anonymously, as chosen) under the filter that fits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../support/server.ts";
import { createConsultation, createUser } from "../support/factories.ts";
import { e2eHarness } from "./support/harness.ts";
import { makePdf } from "../responses/files.ts";

const e2e = e2eHarness();
let t: TestServer;

const opts = (...pairs: [string, string][]) => pairs.map(([key, label]) => ({ key, label }));
const QUESTIONNAIRE = {
  title: "Have your say on detection orders",
  sections: [
    {
      key: "about",
      title: "About you",
      questions: [
        { key: "role", label: "You answer as", type: "single_choice", required: true, options: opts(["parent", "A parent"], ["teacher", "A teacher"]) },
        { key: "children", label: "How many children do you have?", type: "number", integer: true, min: 0, required: true, showIf: { kind: "choice", questionKey: "role", anyOf: ["parent"] } },
      ],
    },
    {
      key: "views",
      title: "Your views",
      questions: [
        { key: "comment", label: "Your comments", type: "long_text", required: true },
        { key: "paper", label: "Your position paper", type: "file_upload", maxFiles: 1 },
      ],
    },
  ],
};

beforeAll(async () => {
  ({ t } = await e2e.start());
}, 120_000);
afterAll(() => e2e.stop());

describe("responding to a questionnaire", () => {
  it("draft, reload, refused submission, submission with a number, then published as chosen", async () => {
    const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    expect((await (await e2e.apiAs(organiser)).put(`/api/consultations/${c.id}/questionnaire`, QUESTIONNAIRE)).status).toBe(200);
    const respondent = await createUser(t.prisma, { displayName: "Rita Qxrespondent" });

    await e2e.withPage({ as: respondent }, async (page) => {
      await page.goto(`/consultations/${c.slug}/respond`);
      await page.getByRole("heading", { name: QUESTIONNAIRE.title }).waitFor();
      // The conditional question appears only for parents.
      expect(await page.getByText("How many children do you have?").count()).toBe(0);
      await page.getByLabel("A parent").check();
      await page.getByLabel("How many children do you have?").fill("2");
      await page.getByRole("button", { name: "Save draft" }).click();
      await page.getByRole("status").filter({ hasText: "Draft saved" }).waitFor();

      await page.reload();
      await page.getByTestId("response-status").filter({ hasText: "Draft, not submitted yet." }).waitFor();
      expect(await page.getByLabel("How many children do you have?").inputValue()).toBe("2");

      // Switching to teacher hides the question; submitting without the required comment is refused beside it.
      await page.getByLabel("A teacher").check();
      expect(await page.getByText("How many children do you have?").count()).toBe(0);
      await page.getByLabel("Publish my response anonymously").check();
      await page.getByRole("button", { name: "Submit response" }).click();
      await page.locator('[data-question="comment"]').getByRole("alert").filter({ hasText: "is required" }).waitFor();

      // A position paper: uploaded into the draft, listed by name; the choice disappears at the question's limit.
      await page.getByLabel("Attach a file to “Your position paper”").setInputFiles({ name: "Qxpaper.pdf", mimeType: "application/pdf", buffer: await makePdf(["Encryption keeps children safe too."]) });
      await page.getByTestId("attachment").filter({ hasText: "Qxpaper.pdf" }).waitFor();
      expect(await page.getByLabel("Attach a file to “Your position paper”").count()).toBe(0);

      await page.getByLabel("Your comments").fill("Scanning private messages would break encryption for everyone.");
      await page.getByRole("button", { name: "Submit response" }).click();
      const done = page.getByRole("status").filter({ hasText: "Your submission number is RT-" });
      await done.waitFor();
      await page.getByRole("link", { name: "Receipt (PDF)" }).waitFor();
      await page.getByRole("button", { name: "Submit amendment" }).waitFor();
    });
    const stored = await t.prisma.response.findFirstOrThrow({ where: { consultationId: c.id } });
    const paper = await t.prisma.responseAttachment.findFirstOrThrow({ where: { responseId: stored.id }, select: { id: true, extractedText: true } });
    expect(stored).toMatchObject({ status: "submitted", consent: "publish_anonymous", version: 1, answers: { role: "teacher", comment: "Scanning private messages would break encryption for everyone.", paper: [paper.id] } });
    expect(paper.extractedText).toContain("Encryption keeps children safe too.");

    await e2e.withPage({ as: null }, async (page) => {
      await page.goto(`/consultations/${c.slug}/responses?question=role&answer=teacher`);
      const card = page.getByTestId("published-response");
      await card.filter({ hasText: "Scanning private messages" }).waitFor();
      expect(await card.textContent()).toContain("Anonymous");
      // The published paper opens for an anonymous reader.
      const link = card.getByRole("link", { name: "Qxpaper.pdf" });
      const download = await page.request.get(new URL((await link.getAttribute("href"))!, page.url()).toString());
      expect(download.status()).toBe(200);
      expect(download.headers()["content-type"]).toBe("application/pdf");
      expect(await page.content()).not.toContain("Qxrespondent");
      // The filter that does not fit shows nothing.
      await page.goto(`/consultations/${c.slug}/responses?question=role&answer=parent`);
      await page.getByText("No published responses match.").waitFor();
    });
  }, 180_000);
});
