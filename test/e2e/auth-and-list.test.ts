// The client in a real browser against the real server: registration, login and logout through the
// forms, validation driven by the shared schemas, and the consultation list. No mocks.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { TestServer } from "../support/server.ts";
import { createUser, DEFAULT_PASSWORD, uniqueEmail } from "../support/factories.ts";
import { e2eHarness, SCREENSHOTS, type PageFn } from "./support/harness.ts";

const e2e = e2eHarness();
const withPage = (fn: PageFn, viewport?: { width: number; height: number }) => e2e.withPage({ viewport }, fn);

let t: TestServer;

beforeAll(async () => {
  ({ t } = await e2e.start());
});
afterAll(() => e2e.stop());

const header = (page: Page) => page.locator("header");

async function fieldError(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(" ");
}

async function createConsultation(data: {
  slug: string;
  title: string;
  summary?: string;
  status?: "draft" | "open" | "closed" | "summary_published" | "archived";
  accessMode?: "open" | "transparent" | "restricted" | "chatham_house";
  closesAt?: Date;
}) {
  const organiser = await createUser(t.prisma, { displayName: "Organiser" });
  return t.prisma.consultation.create({
    data: {
      slug: data.slug,
      title: data.title,
      summary: data.summary ?? "A consultation.",
      status: data.status ?? "open",
      accessMode: data.accessMode ?? "open",
      closesAt: data.closesAt ?? null,
      createdById: organiser.id,
    },
  });
}

describe("accounts in the browser", () => {
  it("registers through the form and shows the display name in the header", async () => {
    await withPage(async (page) => {
      const email = uniqueEmail("browser");
      await page.goto("/register");
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password").fill(DEFAULT_PASSWORD);
      await page.getByLabel("Display name").fill("Ada Lovelace");
      await page.getByLabel("Stakeholder category (optional)").selectOption("digital_rights");
      await page.getByRole("button", { name: "Create account" }).click();

      await header(page).getByText("Ada Lovelace").waitFor();
      await page.waitForURL((url) => url.pathname === "/consultations");
      await expect.poll(() => page.locator("h1").textContent()).toBe("Consultations");
      expect(await header(page).getByRole("link", { name: "Log in" }).count()).toBe(0);
      const user = await t.prisma.user.findFirst({ where: { emailKey: email.toLowerCase() } });
      expect(user).toMatchObject({ displayName: "Ada Lovelace", category: "digital_rights" });
    });
  });

  it("logs out, then logs in through the form and returns to the page it came from", async () => {
    const user = await createUser(t.prisma, { displayName: "Grace Hopper" });
    await withPage(async (page) => {
      await page.goto("/login");
      await page.getByLabel("Email address").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await header(page).getByText("Grace Hopper").waitFor();

      await header(page).getByRole("button", { name: "Log out" }).click();
      const loginLink = header(page).getByRole("link", { name: "Log in" });
      await loginLink.waitFor();
      expect(await header(page).getByText("Grace Hopper").count()).toBe(0);
      // Focus goes to "Log in" rather than being lost with the vanished button.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Log in");

      await page.goto("/consultations?status=closed");
      await header(page).getByRole("link", { name: "Log in" }).click();
      await page.waitForURL((url) => url.pathname === "/login");
      await page.getByLabel("Email address").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await header(page).getByText("Grace Hopper").waitFor();
      await page.waitForURL((url) => url.pathname === "/consultations" && url.search === "?status=closed");
    });
  });

  it("shows a wrong password as an alert and stays on /login", async () => {
    const user = await createUser(t.prisma);
    await withPage(async (page) => {
      await page.goto("/login");
      await page.getByLabel("Email address").fill(user.email);
      await page.getByLabel("Password").fill("not the password at all");
      await page.getByRole("button", { name: "Log in" }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toContain("Email or password is incorrect.");
      expect(new URL(page.url()).pathname).toBe("/login");
      expect(await header(page).getByRole("link", { name: "Log in" }).count()).toBe(1);
    });
  });

  it("checks the form with the shared schema before sending anything", async () => {
    await withPage(async (page) => {
      const sent: string[] = [];
      page.on("request", (r) => {
        // The live connection (Socket.IO's polling transport) is not the form sending anything.
        const path = new URL(r.url()).pathname;
        if (r.method() !== "GET" && !path.startsWith("/socket.io/")) sent.push(`${r.method()} ${path}`);
      });
      const before = await t.prisma.user.count();
      await page.goto("/register");
      await page.getByLabel("Email address").fill(uniqueEmail("short"));
      await page.getByLabel("Password").fill("short");
      await page.getByLabel("Display name").fill("Too Short");
      await page.getByRole("button", { name: "Create account" }).click();

      expect(await fieldError(page, "Password")).toContain("Password must be at least 10 characters.");
      // The hint stays tied to the field too.
      expect(await fieldError(page, "Password")).toContain("at least 10 characters");
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("password");
      expect(sent).toEqual([]);
      expect(await t.prisma.user.count()).toBe(before);
      expect(new URL(page.url()).pathname).toBe("/register");
    });
  });

  it("registering an email that already has an account reveals nothing and makes no account", async () => {
    // The server answers as for a new registration (test/security/registration.test.ts): the page must
    // not tell a prober that the address is known, and nobody is logged in as its owner.
    const existing = await createUser(t.prisma);
    const before = await t.prisma.user.count();
    await withPage(async (page) => {
      await page.goto("/register");
      await page.getByLabel("Email address").fill(existing.email);
      await page.getByLabel("Password").fill(DEFAULT_PASSWORD);
      await page.getByLabel("Display name").fill("Second Account");
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/register"));
      await page.getByRole("button", { name: "Create account" }).click();
      expect((await answered).status()).toBe(201);
      expect(await page.getByText(/already (exists|registered)/).count()).toBe(0);
      expect(await t.prisma.user.count()).toBe(before);
      const me = await page.evaluate(() => fetch("/api/me").then((r) => r.json()));
      expect(me.user).toBeNull();
    });
  });

  it("fetches a new CSRF token and retries once when the session changed behind its back", async () => {
    const user = await createUser(t.prisma, { displayName: "Two Tabs" });
    await withPage(async (first, session) => {
      // The second tab caches a token for the anonymous session (a failed login does not change the session).
      const second = await session.context.newPage();
      await second.goto("/login");
      await second.getByLabel("Email address").fill(user.email);
      await second.getByLabel("Password").fill("wrong password here");
      await second.getByRole("button", { name: "Log in" }).click();
      await second.getByRole("alert").waitFor();

      // The first tab logs in: a new session, so the second tab's token is void.
      await first.goto("/login");
      await first.getByLabel("Email address").fill(user.email);
      await first.getByLabel("Password").fill(user.password);
      await first.getByRole("button", { name: "Log in" }).click();
      await header(first).getByText("Two Tabs").waitFor();

      const statuses: number[] = [];
      second.on("response", (r) => {
        if (new URL(r.url()).pathname === "/api/auth/login") statuses.push(r.status());
      });
      await second.getByLabel("Password").fill(user.password);
      await second.getByRole("button", { name: "Log in" }).click();
      await header(second).getByText("Two Tabs").waitFor();
      expect(statuses).toEqual([403, 200]);
    });
  });
});

describe("consultation list in the browser", () => {
  it("lists a consultation with its badges, as plain text", async () => {
    await createConsultation({
      slug: "csa-regulation",
      title: "Regulation on preventing child sexual abuse online",
      summary: "Detection orders, encryption and the EU Centre: your views.",
      status: "open",
      accessMode: "transparent",
      closesAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    });
    await createConsultation({ slug: "markup-title", title: '<img src=x onerror="window.__pwned=1"> <b>Not bold</b>' });
    await withPage(async (page) => {
      await page.goto("/consultations");
      const card = page.locator("article", { hasText: "Regulation on preventing child sexual abuse online" });
      await card.waitFor();
      const link = card.getByRole("link", { name: "Regulation on preventing child sexual abuse online" });
      expect(await link.getAttribute("href")).toBe("/consultations/csa-regulation");
      expect(await card.textContent()).toContain("Status: Open");
      expect(await card.textContent()).toContain("Access: Transparent (members post)");
      expect(await card.textContent()).toContain("Closes");

      // Titles are text, never markup.
      await page.getByText('<img src=x onerror="window.__pwned=1"> <b>Not bold</b>').waitFor();
      expect(await page.locator("main b, main img").count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

      await page.screenshot({ path: path.join(SCREENSHOTS, "consultations.png"), fullPage: true });

      await link.click();
      await page.waitForURL((url) => url.pathname === "/consultations/csa-regulation");
      await expect.poll(() => page.locator("h1").textContent()).toBe("Regulation on preventing child sexual abuse online");
    });
  });

  it("binds the filters to the query string", async () => {
    await createConsultation({ slug: "closed-one", title: "A closed consultation", status: "closed" });
    await withPage(async (page) => {
      await page.goto("/consultations");
      await page.getByText("A closed consultation").waitFor();
      await page.getByLabel("Status").selectOption("open");
      await page.waitForURL((url) => url.searchParams.get("status") === "open");
      // The list refetches after the URL changes: wait for the closed one to go, not for any "Showing".
      await page.getByText("A closed consultation").waitFor({ state: "detached" });
      expect(await page.getByText("A closed consultation").count()).toBe(0);

      await page.goto("/consultations?status=closed");
      await page.getByText("A closed consultation").waitFor();
      expect(await page.getByLabel("Status").inputValue()).toBe("closed");

      await page.getByLabel("Access").selectOption("restricted");
      await page.getByText("No consultations match these filters.").waitFor();
      expect(new URL(page.url()).search).toBe("?status=closed&accessMode=restricted");
    });
  });

  it("loads more when there is a next page", async () => {
    const organiser = await createUser(t.prisma);
    await t.prisma.consultation.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        slug: `archived-${i}`,
        title: `Archived consultation ${i}`,
        summary: "Old.",
        status: "archived" as const,
        createdById: organiser.id,
      })),
    });
    await withPage(async (page) => {
      await page.goto("/consultations?status=archived");
      const cards = page.locator("article");
      await expect.poll(() => cards.count()).toBe(20);
      await page.getByRole("button", { name: "Load more" }).click();
      await expect.poll(() => cards.count()).toBe(25);
      expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
      const titles = await page.locator(".card__title").allTextContents();
      expect(new Set(titles).size).toBe(25);
      // Focus moves to the first consultation of the new page.
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("card__link"))).toBe(true);
    });
  });

  it("shows a not-found page for an unknown address", async () => {
    await withPage(async (page) => {
      const res = await page.goto("/no/such/page");
      expect(res?.status()).toBe(200);
      await expect.poll(() => page.locator("h1").textContent()).toBe("Page not found");
      await page.getByRole("link", { name: "Browse the consultations" }).waitFor();
    });
  });

  it("renders the register page (screenshot)", async () => {
    await withPage(async (page) => {
      await page.goto("/register");
      await page.getByRole("button", { name: "Create account" }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, "register.png"), fullPage: true });
    });
  });

  it("fits a 360px-wide screen without sideways scrolling", async () => {
    await withPage(
      async (page) => {
        const pages: [string, (page: Page) => Promise<void>][] = [
          ["/consultations", (p) => p.locator("article").first().waitFor()],
          ["/register", (p) => p.getByRole("button", { name: "Create account" }).waitFor()],
          ["/login", (p) => p.locator("form").getByRole("button", { name: "Log in" }).waitFor()],
        ];
        for (const [url, ready] of pages) {
          await page.goto(url);
          await ready(page);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
        }
      },
      { width: 360, height: 740 },
    );
  });
});
