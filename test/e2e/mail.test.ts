// Mail in the browser, with a real SMTP server: register -> open the mailed link -> post; forgot the
// password -> open the mailed link -> choose a new one -> log in with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, DEFAULT_PASSWORD, uniqueEmail } from "../support/factories.ts";
import { e2eHarness } from "./support/harness.ts";
import { linkToken, MAIL_TEST_ENV, startSmtp, type TestSmtp } from "../mail/smtp.ts";

const e2e = e2eHarness();
let t: TestServer;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
  ({ t } = await e2e.start({ env: MAIL_TEST_ENV(smtp) }));
});
afterAll(async () => {
  await e2e.stop();
  await smtp?.close();
});

describe("mail in the browser", () => {
  it("registers, is told to confirm, opens the mailed link, then posts", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id, title: "Detection orders" });
    const email = uniqueEmail("e2e-verify");
    await e2e.withPage({}, async (page) => {
      await page.goto("/register");
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password").fill(DEFAULT_PASSWORD);
      await page.getByLabel("Display name").fill("Vera Verify");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByTestId("unverified-banner").waitFor();

      // Before confirming, the server refuses the post with a clear message.
      await page.goto(`/consultations/${c.slug}`);
      await page.getByRole("button", { name: "Start a thread" }).click();
      await page.getByLabel("Title").fill("Before confirming");
      await page.getByLabel("Opening contribution").fill("This should not be posted yet.");
      await page.getByRole("button", { name: "Start the thread" }).click();
      await page.getByText("Confirm your email address first", { exact: false }).first().waitFor();
      expect(await t.prisma.thread.count({ where: { title: "Before confirming" } })).toBe(0);

      const token = linkToken((await smtp.waitFor(email)).text, "/verify-email");
      const link = (await smtp.waitFor(email)).text.match(/https:\/\/forum\.example\.org(\/verify-email\?token=[A-Za-z0-9_-]+)/)![1]!;
      expect(link).toContain(token);
      await page.goto(link);
      await page.getByTestId("verify-done").waitFor();
      expect(await page.getByTestId("unverified-banner").count()).toBe(0);

      await page.goto(`/consultations/${c.slug}`);
      await page.getByRole("button", { name: "Start a thread" }).click();
      await page.getByLabel("Title").fill("After confirming");
      await page.getByLabel("Opening contribution").fill("Now the account may post.");
      await page.getByRole("button", { name: "Start the thread" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/threads/"));
      await expect.poll(() => page.locator("h1").textContent()).toBe("After confirming");
    });
  });

  it("resets a forgotten password from the login page and logs in with the new one", async () => {
    const user = await createUser(t.prisma, { displayName: "Fred Forgetful" });
    const fresh = "a completely new passphrase";
    await e2e.withPage({}, async (page) => {
      await page.goto("/login");
      await page.getByRole("link", { name: "Forgot password?" }).click();
      await page.getByLabel("Email").fill(user.email);
      await page.getByRole("button", { name: "Mail me a link" }).click();
      await page.getByTestId("forgot-sent").waitFor();

      const mail = await smtp.waitFor(user.email, (m) => m.text.includes("/reset-password?token="));
      const path = mail.text.match(/https:\/\/forum\.example\.org(\/reset-password\?token=[A-Za-z0-9_-]+)/)![1]!;
      await page.goto(path);
      await page.getByLabel("New password").fill(fresh);
      await page.getByRole("button", { name: "Save the new password" }).click();
      await page.getByTestId("reset-done").waitFor();

      await page.getByRole("link", { name: "Log in with the new password" }).click();
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(fresh);
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
      await page.getByRole("button", { name: "Log in" }).click();
      expect((await answered).status()).toBe(200);
      await page.locator("header").getByText("Fred Forgetful").first().waitFor();
    });
  });

  it("saves the email settings on /account, and shows a decision in the reader's language from its key", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const author = await createUser(t.prisma, { language: "fr", displayName: "Aline Autrice" });
    const moderator = await createUser(t.prisma);
    await addMember(t.prisma, c.id, moderator.id, "moderator");
    const ac = await e2e.apiAs(author);
    const thread = await ac.post(`/api/consultations/${c.id}/threads`, { title: "Fil testé", body: "Une contribution." });
    const mc = await e2e.apiAs(moderator);
    expect((await mc.post(`/api/posts/${thread.body.post.id}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Hors sujet." })).status).toBe(200);
    // Mailed at once (the default for decisions), in French.
    expect((await smtp.waitFor(author.email, (m) => m.subject.startsWith("Une décision de modération"))).subject).toContain("« Fil testé »");

    await e2e.withPage({ as: author }, async (page) => {
      await page.goto("/notifications");
      await page.getByText("votre contribution dans « Fil testé »", { exact: false }).first().waitFor();

      await page.goto("/account");
      const settings = page.getByTestId("mail-settings");
      await settings.getByRole("group", { name: "Réponses à mes contributions" }).getByLabel("Jamais").check();
      await settings.getByRole("button", { name: "Enregistrer les réglages d’e-mail" }).click();
      await settings.getByText("Réglages d’e-mail enregistrés.").waitFor();
    });
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: author.id }, select: { mailReplies: true, mailDecisions: true } })).toEqual({ mailReplies: "off", mailDecisions: "instant" });
  });
});
