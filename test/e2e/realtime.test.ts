// Real time in real browsers against the real server: replies that appear without a reload, replies
// that wait behind a "new replies" button while the reader is scrolled up, who is reading, the bell,
// the connection indicator through a server-side drop (with the missed reply replayed), and a reader
// whose access is withdrawn while they read.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser } from "../support/factories.ts";
import type { BrowserSession } from "./support/browser.ts";
import { e2eHarness, SCREENSHOTS, type User } from "./support/harness.ts";

const e2e = e2eHarness();
const apiAs = e2e.apiAs;

let t: TestServer;
const sessions: BrowserSession[] = [];

beforeAll(async () => {
  ({ t } = await e2e.start());
});
afterAll(() => e2e.stop());

async function open(as: User | null): Promise<BrowserSession> {
  const session = await e2e.open({ as });
  sessions.push(session);
  return session;
}

/** Closes the sessions a test opened, failing it if a page threw or logged an error. */
async function closeAll() {
  const errors = sessions.flatMap((s) => s.errors);
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  expect(errors).toEqual([]);
}

async function seedThread(opts: { accessMode?: "open" | "restricted"; replies?: number } = {}) {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser", category: "public_authority" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id, moderationMode: "post", accessMode: opts.accessMode });
  const starter = await createUser(t.prisma, { displayName: "Stella Starter", category: "child_rights" });
  if (opts.accessMode === "restricted") await addMember(t.prisma, c.id, starter.id, "participant");
  const starterApi = await apiAs(starter);
  const th = await starterApi.post(`/api/consultations/${c.id}/threads`, { title: "Age verification in app stores", body: "Should app stores verify ages?" });
  expect(th.status, JSON.stringify(th.body)).toBe(201);
  const threadId = th.body.thread.id as string;
  const long = "A considered argument about proportionality and the rights of the child. ".repeat(8);
  for (let i = 0; i < (opts.replies ?? 0); i++) {
    const r = await starterApi.post(`/api/threads/${threadId}/posts`, { body: `Point ${i + 1}. ${long}` });
    expect(r.status).toBe(201);
  }
  return { c, organiser, starter, starterApi, threadId, openingId: th.body.post.id as string };
}

const article = (page: Page, id: string) => page.locator(`article[id="post-${id}"]`);
const connection = (page: Page) => page.getByTestId("connection");

async function waitLive(page: Page) {
  await expect.poll(() => connection(page).getAttribute("data-status"), { timeout: 10_000 }).toBe("connected");
}

describe("a live thread", () => {
  it("shows a reply posted in one browser in the other without a reload, once, and who is reading", async () => {
    const s = await seedThread();
    const replier = await createUser(t.prisma, { displayName: "Rafa Replier", category: "industry" });
    const reader = await createUser(t.prisma, { displayName: "Rita Reader" });
    try {
      const a = await open(replier);
      const b = await open(reader);
      await Promise.all([a.page.goto(`/threads/${s.threadId}`), b.page.goto(`/threads/${s.threadId}`)]);
      for (const p of [a.page, b.page]) {
        await waitLive(p);
        await expect.poll(() => p.getByTestId("presence").textContent(), { timeout: 10_000 }).toBe("2 people reading");
      }
      expect(await connection(a.page).textContent()).toContain("Live");

      await article(a.page, s.openingId).getByRole("button", { name: /^Reply to/ }).click();
      await a.page.getByLabel("Your reply").fill("Live from the other browser: scanning is not the answer.");
      await a.page.getByRole("button", { name: "Post reply" }).click();
      await expect.poll(async () => (await t.prisma.post.findFirst({ where: { threadId: s.threadId, authorId: replier.id } }))?.id).toBeTruthy();
      const posted = (await t.prisma.post.findFirstOrThrow({ where: { threadId: s.threadId, authorId: replier.id } })).id;

      const seen = article(b.page, posted);
      await seen.waitFor();
      expect(await seen.textContent()).toContain("scanning is not the answer");
      expect(await seen.textContent()).toContain("Rafa Replier");
      expect(await seen.getAttribute("data-parent-id")).toBe(s.openingId);
      await b.page.getByTestId("announcer").filter({ hasText: "New reply from Rafa Replier." }).waitFor();
      // The reader may endorse it (abilities derived for live posts); the author's own copy is not doubled.
      await seen.getByRole("button", { name: "Endorse" }).waitFor();
      await a.page.waitForTimeout(500);
      expect(await article(a.page, posted).count()).toBe(1);
      expect(await article(b.page, posted).count()).toBe(1);

      // One reader leaves: the other sees it.
      await a.page.goto("/");
      await expect.poll(() => b.page.getByTestId("presence").textContent(), { timeout: 10_000 }).toBe("1 person reading");
    } finally {
      await closeAll();
    }
  });

  it("holds new replies behind a button while the reader is scrolled up, then reveals them", async () => {
    const s = await seedThread({ replies: 14 });
    const other = await createUser(t.prisma, { displayName: "Nora Newcomer" });
    try {
      const b = await open(null);
      await b.page.goto(`/threads/${s.threadId}`);
      await waitLive(b.page);
      await expect.poll(() => b.page.locator("article.post").count()).toBe(15);
      await b.page.evaluate(() => window.scrollTo(0, 0));
      const reading = await b.page.locator("article.post").nth(1).boundingBox();

      const r = await (await apiAs(other)).post(`/api/threads/${s.threadId}/posts`, { body: "A late reply that should not jump in.", parentId: s.openingId });
      expect(r.status).toBe(201);
      const button = b.page.getByTestId("new-replies");
      await button.waitFor();
      expect(await button.textContent()).toContain("1 new reply");
      // Nothing moved under the reader's eyes, and the reply is not in the list yet.
      expect(await article(b.page, r.body.post.id).count()).toBe(0);
      expect(await b.page.evaluate(() => window.scrollY)).toBe(0);
      expect((await b.page.locator("article.post").nth(1).boundingBox())?.y).toBe(reading?.y);
      await b.page.screenshot({ path: path.join(SCREENSHOTS, "live-thread-new-replies.png") });

      await button.click();
      await article(b.page, r.body.post.id).waitFor();
      await expect.poll(() => b.page.evaluate(() => document.activeElement?.id)).toBe(`post-${r.body.post.id}`);
      expect(await button.count()).toBe(0);
      // Nested under its parent (the opening), not appended at the end of the thread.
      expect(await article(b.page, r.body.post.id).getAttribute("data-parent-id")).toBe(s.openingId);
    } finally {
      await closeAll();
    }
  });

  it("says when the server drops the connection, reconnects, and replays what was missed", async () => {
    const s = await seedThread();
    try {
      const b = await open(null);
      await b.page.goto(`/threads/${s.threadId}`);
      await waitLive(b.page);
      await article(b.page, s.openingId).waitFor();

      t.server.realtime.io.disconnectSockets();
      await connection(b.page).filter({ hasText: "Reconnecting…" }).waitFor({ timeout: 5_000 });
      // Written while the reader is disconnected: it arrives with the rejoin.
      const r = await s.starterApi.post(`/api/threads/${s.threadId}/posts`, { body: "Written while you were away." });
      expect(r.status).toBe(201);
      await waitLive(b.page);
      await article(b.page, r.body.post.id).waitFor({ timeout: 10_000 });
      await expect.poll(() => connection(b.page).textContent()).toMatch(/Caught up|Live/);
    } finally {
      await closeAll();
    }
  });

  it("tells a reader whose access was withdrawn", async () => {
    const s = await seedThread({ accessMode: "restricted" });
    const member = await createUser(t.prisma, { displayName: "Mia Member" });
    await addMember(t.prisma, s.c.id, member.id, "participant");
    try {
      const b = await open(member);
      await b.page.goto(`/threads/${s.threadId}`);
      await waitLive(b.page);
      await article(b.page, s.openingId).waitFor();
      await expect.poll(() => b.page.getByTestId("presence").count()).toBe(1);
      const removed = await (await apiAs(s.organiser)).delete(`/api/consultations/${s.c.id}/members/${member.id}`);
      expect(removed.status).toBe(204);
      await b.page.getByRole("alert").filter({ hasText: "You no longer have access to this thread." }).waitFor({ timeout: 10_000 });
    } finally {
      await closeAll();
    }
  });
});

describe("a live consultation page", () => {
  it("lists a thread started elsewhere without a reload", async () => {
    const s = await seedThread();
    try {
      const b = await open(null);
      await b.page.goto(`/consultations/${s.c.slug}`);
      await waitLive(b.page);
      await b.page.locator(".thread-item", { hasText: "Age verification in app stores" }).waitFor();
      const th = await s.starterApi.post(`/api/consultations/${s.c.id}/threads`, { title: "Risk assessment duties", body: "Who assesses the risk?" });
      expect(th.status).toBe(201);
      await b.page.locator(".thread-item", { hasText: "Risk assessment duties" }).waitFor({ timeout: 10_000 });
    } finally {
      await closeAll();
    }
  });

  it("shows a lock from the live event in the cached list without asking for the list again; a pin, which moves it, does", async () => {
    const s = await seedThread();
    const organiserApi = await apiAs(s.organiser);
    const second = await s.starterApi.post(`/api/consultations/${s.c.id}/threads`, { title: "Risk assessment duties", body: "Who assesses the risk?" });
    expect(second.status).toBe(201);
    const reason = { reasonCode: "off_topic", statement: "Moved to the encryption thread." };
    try {
      const b = await open(null);
      const listRequests: string[] = [];
      b.page.on("request", (r) => {
        if (new URL(r.url()).pathname === `/api/consultations/${s.c.id}/threads`) listRequests.push(r.url());
      });
      await b.page.goto(`/consultations/${s.c.slug}`);
      await waitLive(b.page);
      const first = b.page.locator(".thread-item", { hasText: "Age verification in app stores" });
      await first.waitFor();
      expect(listRequests).toHaveLength(1);

      // The same event also refreshes the transparency figures, after the same pause a list reload would
      // take: once that request is made, a reload of the list would have been made too.
      const transparency = b.page.waitForRequest((r) => new URL(r.url()).pathname === `/api/consultations/${s.c.id}/transparency`);
      expect((await organiserApi.post(`/api/threads/${s.threadId}/moderation`, { action: "lock", ...reason })).status).toBe(200);
      await first.locator(".badge--locked", { hasText: "Locked" }).waitFor({ timeout: 10_000 });
      await transparency;
      expect(listRequests).toHaveLength(1);

      // Positive control: a pin changes the order, which only the server knows: the list is asked for again.
      expect((await organiserApi.post(`/api/threads/${second.body.thread.id}/moderation`, { action: "pin" })).status).toBe(200);
      await expect.poll(() => listRequests.length, { timeout: 10_000 }).toBe(2);
      await b.page.locator(".thread-item").first().locator(".badge--pinned", { hasText: "Pinned" }).waitFor({ timeout: 10_000 });
      await expect.poll(() => b.page.locator(".thread-item__link").allTextContents()).toEqual(["Risk assessment duties", "Age verification in app stores"]);
      await first.locator(".badge--locked", { hasText: "Locked" }).waitFor();
    } finally {
      await closeAll();
    }
  });
});

describe("the notification bell", () => {
  it("counts a reply live after logging in, keeps the count after a reload, and marks all read", async () => {
    const s = await seedThread();
    const replier = await createUser(t.prisma, { displayName: "Rafa Replier" });
    try {
      const a = await open(null);
      // Logging in through the form: the live connection starts again with the new session.
      await a.page.goto("/login");
      await a.page.getByLabel("Email address").fill(s.starter.email);
      await a.page.getByLabel("Password").fill(s.starter.password);
      await a.page.getByRole("button", { name: "Log in" }).click();
      await a.page.getByTestId("current-user").waitFor();
      const bell = a.page.getByTestId("bell");
      await bell.waitFor();
      expect(await a.page.getByTestId("bell-count").count()).toBe(0);
      await waitLive(a.page);
      // Give the new handshake time to complete before the reply is written.
      await a.page.waitForTimeout(300);

      const r = await (await apiAs(replier)).post(`/api/threads/${s.threadId}/posts`, { body: "I disagree, and here is why.", parentId: s.openingId });
      expect(r.status).toBe(201);
      await expect.poll(() => a.page.getByTestId("bell-count").textContent(), { timeout: 10_000 }).toBe("1");
      expect(await bell.getAttribute("aria-label")).toBe("Notifications, 1 unread");
      await a.page.locator(".site-header").screenshot({ path: path.join(SCREENSHOTS, "bell.png") });

      await a.page.reload();
      await expect.poll(() => a.page.getByTestId("bell-count").textContent()).toBe("1");

      await bell.click();
      await a.page.waitForURL("**/notifications");
      // Who, where and what; seen, so marked read (the bell clears) while the page still shows it as new.
      const item = a.page.getByTestId("notification-group").first();
      await item.waitFor();
      expect(await item.textContent()).toContain("1 reply in");
      expect(await item.textContent()).toContain("Rafa Replier");
      expect(await item.textContent()).toContain("I disagree, and here is why.");
      expect(await item.getByRole("link", { name: /^Read the reply/ }).getAttribute("href")).toBe(`/posts/${r.body.post.id}`);
      await a.page.screenshot({ path: path.join(SCREENSHOTS, "notifications.png"), fullPage: true });
      await expect.poll(() => a.page.getByTestId("bell-count").count(), { timeout: 10_000 }).toBe(0);
      expect(await item.textContent()).toContain("New");
      expect(await t.prisma.notification.count({ where: { userId: s.starter.id, readAt: null } })).toBe(0);
    } finally {
      await closeAll();
    }
  });
});
