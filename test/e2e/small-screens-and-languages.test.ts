// Phones, touch screens and languages, in Chromium against the real server with the demo data: every
// route fits 360px without sideways scrolling; the header folds into a Menu button that opens, closes
// with Escape and gives 44px targets; keyboard-shortcut help is hidden where there is no hover; a link
// styled as a button keeps its text on hover; the same page reads in French and German with <html lang>
// following; the switcher's choice is kept for the account and comes back on another device.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestServer } from "../support/server.ts";
import { seedDemo, DEMO_LOGINS } from "../../server/seed/demo.ts";
import { e2eHarness } from "./support/harness.ts";
import { logInContext } from "./support/login.ts";
import { createUser } from "../support/factories.ts";

const e2e = e2eHarness();
let t: TestServer;
let browser: Browser;
const login = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!;
/** Many pages with the demo's data, on a shared machine: more than the default minute. */
const LONG = 240_000;

beforeAll(async () => {
  ({ t, browser } = await e2e.start());
  await seedDemo(t.prisma);
});
afterAll(() => e2e.stop());

/** Every loading line gone: the page shows what it will show. */
async function settled(page: Page) {
  await page.locator("main h1").first().waitFor({ timeout: 20_000 }).catch((err: Error) => {
    throw new Error(`${page.url()}: no page heading (${err.message.split("\n")[0]})`);
  });
  await page.waitForFunction(() => !/Loading|Chargement|wird geladen|Wird geladen/.test(document.querySelector("main")?.textContent ?? ""), undefined, { timeout: 15_000 });
}

async function routes() {
  const c = await t.prisma.consultation.findFirstOrThrow({ where: { slug: "csa-regulation" }, include: { questions: { orderBy: { ordinal: "asc" } } } });
  const thread = await t.prisma.thread.findFirstOrThrow({ where: { consultationId: c.id }, orderBy: { createdAt: "asc" } });
  const post = await t.prisma.post.findFirstOrThrow({ where: { threadId: thread.id, status: "published" }, orderBy: { createdAt: "desc" } });
  return [
    "/",
    "/consultations",
    `/consultations/${c.slug}`,
    `/consultations/${c.slug}/questions/${c.questions[0]!.id}/positions`,
    `/consultations/${c.slug}/moderation`,
    `/consultations/${c.slug}/audit`,
    `/consultations/${c.slug}/dashboard`,
    `/threads/${thread.id}`,
    `/posts/${post.id}`,
    "/search?q=encryption",
    "/me/decisions",
    "/notifications",
    "/login",
    "/register",
    "/no-such-page",
  ];
}

describe("small screens", () => {
  it("fits every route in 360px without sideways scrolling (an organiser, who sees every page)", async () => {
    const all = await routes();
    await e2e.withPage({ as: login("Organiser"), viewport: { width: 360, height: 740 } }, async (page) => {
      for (const url of all) {
        await page.goto(url);
        await settled(page);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, url).toBeLessThanOrEqual(360);
      }
    });
    // The same for a visitor, whose pages differ (login prompts, no staff links).
    await e2e.withPage({ viewport: { width: 360, height: 740 } }, async (page) => {
      for (const url of all.slice(0, 4)) {
        await page.goto(url);
        await settled(page);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
      }
    });
  }, LONG);

  it("folds the header into a Menu button that opens, closes with Escape, with 44px targets", async () => {
    await e2e.withPage({ as: login("Moderator"), viewport: { width: 360, height: 740 } }, async (page) => {
      await page.goto("/consultations");
      await settled(page);
      const toggle = page.getByRole("button", { name: "Menu" });
      const search = page.getByRole("searchbox", { name: "Search consultations and contributions" });
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(await search.isVisible()).toBe(false);
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      await search.waitFor();
      for (const target of [page.getByRole("link", { name: "My decisions" }), page.getByRole("button", { name: "Log out" }), page.getByTestId("language-switcher"), toggle]) {
        expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      }
      await search.focus();
      await page.keyboard.press("Escape");
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(await page.evaluate(() => document.activeElement?.classList.contains("site-header__menu-toggle"))).toBe(true);
      // Following a link closes it too.
      await toggle.click();
      await page.getByRole("link", { name: "My decisions" }).click();
      await page.waitForURL("**/me/decisions");
      // The menu closes when the route has changed, one render after the URL.
      await page.waitForFunction(() => document.querySelector(".site-header__menu-toggle")?.getAttribute("aria-expanded") === "false", undefined, { timeout: 5_000 });
    });
    // Wide screens: no Menu button, the header shows everything.
    await e2e.withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await page.goto("/consultations");
      await settled(page);
      expect(await page.getByRole("button", { name: "Menu" }).isVisible()).toBe(false);
      expect(await page.getByRole("searchbox", { name: "Search consultations and contributions" }).isVisible()).toBe(true);
    });
  }, LONG);

  it("hides the keyboard-shortcut help on touch screens, and shows it with a mouse", async () => {
    const slug = "csa-regulation";
    const visible = async (touch: boolean) => {
      const context = await browser.newContext({ baseURL: t.url, viewport: { width: 390, height: 800 }, isMobile: touch, hasTouch: touch, locale: "en-GB" });
      try {
        await logInContext(context, login("Moderator"));
        const page = await context.newPage();
        await page.goto(`/consultations/${slug}/moderation`);
        await page.locator(".shortcuts").waitFor({ state: "attached" });
        return page.locator(".shortcuts").isVisible();
      } finally {
        await context.close();
      }
    };
    expect(await visible(true)).toBe(false);
    expect(await visible(false)).toBe(true);
  }, LONG);

  it("keeps the text of a link styled as a button on hover (the export's Download link)", async () => {
    await e2e.withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await page.goto("/consultations");
      await settled(page);
      await page.evaluate(() => {
        const a = document.createElement("a");
        a.href = "#download";
        a.className = "button button--small button--primary";
        a.id = "probe";
        a.textContent = "Download";
        document.querySelector("main")!.prepend(a);
      });
      await page.hover("#probe");
      const [color, background] = await page.evaluate(() => {
        const s = getComputedStyle(document.getElementById("probe")!);
        return [s.color, s.backgroundColor];
      });
      expect(color).not.toBe(background);
      expect(color).toBe("rgb(255, 255, 255)");
    });
  }, LONG);
});

describe("languages", () => {
  it("reads the same page in French and German, with <html lang> following", async () => {
    for (const [locale, lang, loginText, lead] of [
      ["fr-FR", "fr", "Se connecter", "Des consultations modérées"],
      ["de-DE", "de", "Anmelden", "Moderierte Konsultationen"],
      ["en-GB", "en", "Log in", "Moderated consultations"],
    ] as const) {
      const context = await browser.newContext({ baseURL: t.url, viewport: { width: 1280, height: 800 }, locale });
      try {
        const page = await context.newPage();
        await page.goto("/consultations");
        await settled(page);
        expect(await page.evaluate(() => document.documentElement.lang), locale).toBe(lang);
        await page.getByRole("link", { name: loginText }).first().waitFor();
        expect(await page.locator(".page__lead").textContent(), locale).toContain(lead);
      } finally {
        await context.close();
      }
    }
  }, LONG);

  it("switches language from the header, keeps it for the account, and brings it back on another device", async () => {
    // An account of its own: the choice of German stays with it, and other tests read the demo's
    // accounts in English.
    const who = await createUser(t.prisma, { displayName: "Language switcher" });
    await e2e.withPage({ as: who, viewport: { width: 1280, height: 800 } }, async (page) => {
      await page.goto("/consultations");
      await settled(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      await page.getByTestId("language-switcher").selectOption("de");
      await page.getByRole("button", { name: "Abmelden" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
      await page.waitForFunction(async () => (await (await fetch("/api/me")).json()).user.language === "de");
    });
    const user = await t.prisma.user.findFirstOrThrow({ where: { email: who.email } });
    expect(user.language).toBe("de");
    // Another browser (English): after logging in, the account's German wins.
    const context = await browser.newContext({ baseURL: t.url, viewport: { width: 1280, height: 800 }, locale: "en-GB" });
    try {
      await logInContext(context, who);
      const page = await context.newPage();
      await page.goto("/consultations");
      await page.getByRole("button", { name: "Abmelden" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
      // And the server answers in German for this account.
      const res = await page.evaluate(async () => (await fetch("/api/consultations/doesnotexist0")).json());
      expect(res.error.code).toBe("not_found");
      expect(res.error.message).toBe("Konsultation nicht gefunden.");
    } finally {
      await context.close();
    }
    // A visitor with an English browser still reads English (positive control for the account's choice).
    await e2e.withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await page.goto("/consultations");
      await page.getByRole("link", { name: "Log in" }).first().waitFor();
    });
  }, LONG);
});

describe("small defects", () => {
  it("takes a field's old error away as soon as the field is being fixed", async () => {
    await e2e.withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await page.goto("/login");
      await settled(page);
      await page.getByRole("button", { name: "Log in" }).last().click();
      await page.getByText("Email address is required.").waitFor();
      await page.getByText("Password is required.").waitFor();
      await page.getByLabel("Email address").fill("someone@example.org");
      await page.getByText("Email address is required.").waitFor({ state: "detached" });
      // The other field was not touched: its message stays (positive control).
      expect(await page.getByText("Password is required.").isVisible()).toBe(true);
    });
  }, LONG);

  it("keeps the keyboard focus on the endorsement button after endorsing", async () => {
    // A thread of its own, opened by someone else: the demo's threads are shared with other tests,
    // which may already have endorsed, locked or hidden them.
    const c = await t.prisma.consultation.findFirstOrThrow({ where: { slug: "csa-regulation" } });
    const organiser = await e2e.apiAs(login("Organiser"));
    const opened = await organiser.post(`/api/consultations/${c.id}/threads`, { title: "Focus after endorsing", body: "Endorse this opening post." });
    expect(opened.status).toBe(201);
    const thread = opened.body.thread;
    await e2e.withPage({ as: login("Individual participant"), viewport: { width: 1280, height: 800 } }, async (page) => {
      await page.goto(`/threads/${thread.id}`);
      await settled(page);
      const endorse = page.getByRole("button", { name: "Endorse", exact: true }).first();
      await endorse.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Withdraw endorsement" }).first().waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Withdraw endorsement");
    });
  }, LONG);

  it("shows search snippets without Markdown markup", async () => {
    const marked = await t.prisma.post.findFirstOrThrow({ where: { bodySource: { contains: "**false-positive rate**" } } });
    expect(marked.bodySource).toContain("**"); // the source has the markup (positive control)
    await e2e.withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await page.goto("/search?q=false-positive");
      await page.locator("article.result").first().waitFor();
      const snippets = await page.locator(".result__snippet").allTextContents();
      expect(snippets.some((s) => /false-positive/i.test(s))).toBe(true);
      for (const s of snippets) expect(s).not.toContain("**");
    });
  }, LONG);

  it("offers publish summary, question outcome and dismissed flags in the audit filter", async () => {
    await e2e.withPage({ as: login("Organiser"), viewport: { width: 1280, height: 800 } }, async (page) => {
      await page.goto("/consultations/csa-regulation/audit");
      await settled(page);
      const options = await page.getByLabel("Action").locator("option").allTextContents();
      expect(options).toEqual(expect.arrayContaining(["Summary published", "Question outcome recorded", "Flags dismissed", "Approved"]));
    });
  }, LONG);
});
