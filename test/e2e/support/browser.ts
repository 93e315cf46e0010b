// Debian's Chromium driven by playwright-core: one browser per test file, a fresh context (cookies,
// storage) per test, and a record of the errors the page threw so a test can insist there were none.
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors (other than failed HTTP responses, which tests provoke). */
  errors: string[];
  close(): Promise<void>;
}

export async function openSession(
  browser: Browser,
  baseURL: string,
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserSession> {
  const context = await browser.newContext({ baseURL, viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: "en-GB" });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      // A 4xx a test provokes is logged by Chromium as "Failed to load resource" (GET /api/me no longer answers 401).
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) errors.push(`console: ${msg.text()}`);
    });
  };
  context.on("page", watch);
  const page = await context.newPage();
  return { context, page, errors, close: () => context.close() };
}
