// Two-factor in a real browser: staff without it are told on every page and sent to set it up when they
// use the role (here an admin opening the admin console),
// enrols by typing the key (codes computed with otplib, as an authenticator app would), keeps the
// recovery codes, and then logs in through both steps of the login form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../support/server.ts";
import { createUser } from "../support/factories.ts";
import { TestAuthenticator } from "../support/two-factor.ts";
import { e2eHarness } from "./support/harness.ts";

const e2e = e2eHarness();
let t: TestServer;

beforeAll(async () => {
  ({ t } = await e2e.start({ env: { REQUIRE_STAFF_2FA: "true" } }));
});
afterAll(() => e2e.stop());

describe("two-factor in the browser", () => {
  it("an admin is sent to set it up, enrols, and then logs in with a code", async () => {
    const moderator = await createUser(t.prisma, { displayName: "Mona Moderator", isAdmin: true });
    let app: TestAuthenticator | undefined;

    await e2e.withPage({ as: moderator }, async (page) => {
      await page.goto("/consultations");
      await page.getByTestId("two-factor-required").waitFor();
      // Using the role: the refusal (two_factor_required) takes the moderator to the security page.
      await page.goto("/admin");
      await page.waitForURL((url) => url.pathname === "/account/security");
      await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
      await page.getByRole("img", { name: /QR code/ }).waitFor();
      app = new TestAuthenticator((await page.getByTestId("two-factor-secret").textContent())!.trim());

      await page.getByLabel("The 6-digit code the app now shows").fill(await app.wrongCode());
      await page.getByRole("button", { name: "Turn on" }).click();
      await page.getByRole("alert").waitFor();
      await page.getByLabel("The 6-digit code the app now shows").fill(await app.code());
      await page.getByRole("button", { name: "Turn on" }).click();
      const codes = page.getByTestId("recovery-codes").locator("code");
      await expect.poll(() => codes.count()).toBe(10);
      await page.getByRole("button", { name: "I have saved them" }).click();
      await expect.poll(() => page.getByTestId("two-factor-required").count()).toBe(0);
      // The role works now: the console's lists load and the page stays.
      await page.goto("/admin");
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/admin");
      expect(await page.getByRole("alert").count()).toBe(0);
    });

    await e2e.withPage({}, async (page) => {
      await page.goto("/login");
      await page.getByLabel("Email address").fill(moderator.email);
      await page.getByLabel("Password").fill(moderator.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.getByTestId("two-factor-step").waitFor();
      // Half-way, nobody is logged in.
      const me = await page.evaluate(() => fetch("/api/me").then((r) => r.json()));
      expect(me.user).toBeNull();

      await page.getByLabel("Code", { exact: true }).fill(await app!.wrongCode());
      await page.getByRole("button", { name: "Log in" }).click();
      await page.getByRole("alert").waitFor();
      await page.getByLabel("Code", { exact: true }).fill(await app!.code());
      await page.getByRole("button", { name: "Log in" }).click();
      await page.locator("header").getByText("Mona Moderator").waitFor();
      expect(await page.getByTestId("two-factor-required").count()).toBe(0);
    });
  });
});
