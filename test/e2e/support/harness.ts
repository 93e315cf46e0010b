// What every browser-test file sets up: the built client, a real server on a fresh database, one
// Chromium, and pages in fresh contexts (logged in through the API when asked) that fail the test if
// the page threw or logged an error.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { startTestServer, type TestServer } from "../../support/server.ts";
import { createUser, logIn } from "../../support/factories.ts";
import type { TestClient } from "../../support/client.ts";
import { launchBrowser, openSession, type BrowserSession } from "./browser.ts";
import { ensureClientBuilt } from "./build-client.ts";
import { logInContext } from "./login.ts";

export const SCREENSHOTS = path.resolve("test/.tmp");

export type User = Awaited<ReturnType<typeof createUser>>;
export type PageFn = (page: Page, session: BrowserSession) => Promise<void>;
export interface PageOptions {
  /** Who is logged in: any account with its password (a factory user, a demo login). */
  as?: Pick<User, "email" | "password"> | null;
  viewport?: { width: number; height: number };
}

export function e2eHarness() {
  const state = { t: undefined as unknown as TestServer, browser: undefined as unknown as Browser };

  /** A fresh context, logged in as `as` if given; the caller closes it. */
  const open = async (opts: PageOptions = {}): Promise<BrowserSession> => {
    const session = await openSession(state.browser, state.t.url, { viewport: opts.viewport });
    if (opts.as) await logInContext(session.context, opts.as);
    return session;
  };

  return {
    /** `env`: server settings for this file's tests (REQUIRE_STAFF_2FA, test/mail's SMTP server…). */
    async start(opts: { env?: Record<string, string> } = {}) {
      await ensureClientBuilt();
      [state.t, state.browser] = await Promise.all([startTestServer({ env: opts.env }), launchBrowser()]);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      return state;
    },
    async stop() {
      await state.browser?.close();
      await state.t?.stop();
    },
    open,
    async withPage(opts: PageOptions, fn: PageFn) {
      const session = await open(opts);
      try {
        await fn(session.page, session);
        expect(session.errors).toEqual([]);
      } finally {
        await session.close();
      }
    },
    async apiAs(user: Pick<User, "email" | "password">): Promise<TestClient> {
      const client = state.t.client();
      await logIn(client, user);
      return client;
    },
  };
}
