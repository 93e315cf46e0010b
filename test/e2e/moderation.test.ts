// Moderation in a real browser against the real server: the queue with its keyboard shortcuts, the
// decision dialog and its reasons, the author's decisions and appeal, flags, quarantined content,
// thread tools, two-moderator removal of positions, the audit log and the public transparency figures.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser } from "../support/factories.ts";
import { e2eHarness, SCREENSHOTS, type PageFn, type User } from "./support/harness.ts";

const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const e2e = e2eHarness();
const withPage = (as: User | null, fn: PageFn) => e2e.withPage({ as }, fn);
const apiAs = e2e.apiAs;

let t: TestServer;

beforeAll(async () => {
  ({ t } = await e2e.start());
});
afterAll(() => e2e.stop());

let counter = 0;
const token = (prefix: string) => `${prefix}${Date.now().toString(36)}x${counter++}`;

/** A consultation with an organiser, two moderators, a thread by the organiser (never held) and an author. */
async function seed(moderationMode: "pre" | "post" = "pre") {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser", category: "public_authority" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id, moderationMode });
  const modA = await createUser(t.prisma, { displayName: "Mona Moderator" });
  const modB = await createUser(t.prisma, { displayName: "Max Moderator" });
  await addMember(t.prisma, c.id, modA.id, "moderator");
  await addMember(t.prisma, c.id, modB.id, "moderator");
  const author = await createUser(t.prisma, { displayName: "Aldo Author", category: "digital_rights" });
  const reader = await createUser(t.prisma, { displayName: "Rita Reader" });
  const organiserApi = await apiAs(organiser);
  const th = await organiserApi.post(`/api/consultations/${c.id}/threads`, { title: `Detection orders ${token("t")}`, body: "Should detection orders cover encrypted services?" });
  expect(th.status, JSON.stringify(th.body)).toBe(201);
  return { c, organiser, organiserApi, modA, modB, author, reader, threadId: th.body.thread.id as string, openingId: th.body.post.id as string };
}

async function replyAs(user: User, threadId: string, body: string) {
  const res = await (await apiAs(user)).post(`/api/threads/${threadId}/posts`, { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.post as { id: string; status: string };
}

const queueItem = (page: Page, text: string) => page.locator(".queue-item", { hasText: text });

describe("the moderation queue", () => {
  it("approves a held post with the keyboard, and then a participant sees it", async () => {
    const s = await seed("pre");
    const words = token("held");
    const held = await replyAs(s.author, s.threadId, `Client-side scanning is proportionate ${words}`);
    expect(held.status).toBe("pending");

    await withPage(s.modA, async (page) => {
      await page.goto(`/consultations/${s.c.slug}`);
      await page.getByRole("link", { name: "Moderation queue" }).click();
      await page.waitForURL(`**/consultations/${s.c.slug}/moderation`);
      const item = queueItem(page, words);
      await item.waitFor();
      await page.getByRole("heading", { name: "Keyboard shortcuts" }).waitFor();
      // The first item is selected, and the context panel shows the author and the thread.
      await expect.poll(() => item.getAttribute("aria-current")).toBe("true");
      const panel = page.getByTestId("queue-context");
      expect(await panel.textContent()).toContain("Aldo Author");
      expect(await panel.textContent()).toContain("New account (under a week old)");
      await page.screenshot({ path: path.join(SCREENSHOTS, "moderation-queue.png"), fullPage: true });

      // Shortcuts never fire while typing.
      await page.getByRole("searchbox").click();
      await page.keyboard.type("a");
      await page.waitForTimeout(300);
      expect((await t.prisma.post.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("pending");

      await page.locator("main h1").click();
      await page.keyboard.press("j");
      await page.keyboard.press("a");
      await page.getByTestId("queue-status").filter({ hasText: "Approved" }).waitFor();
      await expect.poll(async () => (await t.prisma.post.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("published");
      await expect.poll(() => item.count()).toBe(0);
      await page.getByText("The queue is empty").waitFor();
    });

    await withPage(s.reader, async (page) => {
      await page.goto(`/threads/${s.threadId}`);
      await page.locator(`article[id="post-${held.id}"]`).waitFor();
      expect(await page.locator(`article[id="post-${held.id}"]`).textContent()).toContain(words);
    });
  });

  it("lists held amendments beside posts: approves one with a, rejects the next with r and a reason, live", async () => {
    const s = await seed("pre");
    const text = await s.organiserApi.post(`/api/consultations/${s.c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
    expect(text.status, JSON.stringify(text.body)).toBe(201);
    const textId = text.body.text.id as string;
    const authorApi = await apiAs(s.author);
    const propose = async (proposedText: string) => {
      const res = await authorApi.post(`/api/texts/${textId}/amendments`, { eId: "art_7__para_4__point_a", kind: "replace", proposedText, justification: "Clearer." });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.amendment.id as string;
    };
    const first = await propose(`evidence of a specific risk ${token("am")}`);
    const post = await replyAs(s.author, s.threadId, `A held reply ${token("p")}`);

    await withPage(s.modA, async (page) => {
      await page.goto(`/consultations/${s.c.slug}/moderation`);
      const amendments = page.locator(".queue-item", { hasText: "Amendment to Article 7(4)(a)" });
      await amendments.first().waitFor();
      await page.getByTestId("queue-status").filter({ hasText: "2 items in the queue" }).waitFor();
      // A second amendment arrives while the moderator looks at the queue (the queue room).
      const second = await propose(`a demonstrated risk ${token("am")}`);
      await expect.poll(() => amendments.count(), { timeout: 10_000 }).toBe(2);
      await page.getByTestId("queue-status").filter({ hasText: "3 items in the queue" }).waitFor();

      // Oldest first: the first amendment, then the post, then the second amendment.
      await page.locator("main h1").click();
      await expect.poll(() => amendments.first().getAttribute("aria-current")).toBe("true");
      const panel = page.getByTestId("queue-context");
      await panel.getByTestId("queue-amendment-facts").waitFor();
      expect(await panel.textContent()).toContain("The proposal");
      await page.keyboard.press("a");
      await page.getByTestId("queue-status").filter({ hasText: "Approved: Amendment to Article 7(4)(a)" }).waitFor();
      await expect.poll(async () => (await t.prisma.amendment.findUniqueOrThrow({ where: { id: first } })).status).toBe("published");

      // The post is next and stays (positive control of the selection); j moves to the second amendment.
      await expect.poll(() => queueItem(page, "A held reply").getAttribute("aria-current")).toBe("true");
      await page.keyboard.press("j");
      await expect.poll(() => amendments.first().getAttribute("aria-current")).toBe("true");
      await page.keyboard.press("r");
      const dialog = page.getByRole("dialog", { name: "Reject the amendment" });
      await dialog.waitFor();
      await dialog.getByLabel("Reason", { exact: true }).selectOption("off_topic");
      await dialog.getByLabel("Statement of reasons").fill("Not about this provision.");
      await dialog.getByRole("button", { name: "Reject", exact: true }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await page.getByTestId("queue-status").filter({ hasText: "Decision recorded" }).waitFor();
      await expect.poll(async () => (await t.prisma.amendment.findUniqueOrThrow({ where: { id: second } })).status).toBe("rejected");
      await expect.poll(() => amendments.count()).toBe(0);
      expect((await t.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("pending");
      expect(await t.prisma.auditEntry.count({ where: { targetType: "amendment", targetId: { in: [first, second] } } })).toBe(2);
    });
  });

  it("refreshes the queue live, and approves several items at once", async () => {
    const s = await seed("pre");
    const first = await replyAs(s.author, s.threadId, `First held ${token("b")}`);
    await withPage(s.modA, async (page) => {
      await page.goto(`/consultations/${s.c.slug}/moderation`);
      await page.locator(".queue-item").first().waitFor();
      expect(await page.locator(".queue-item").count()).toBe(1);
      // A new held post arrives while the moderator looks at the queue.
      const second = await replyAs(s.reader, s.threadId, `Second held ${token("b")}`);
      await expect.poll(() => page.locator(".queue-item").count(), { timeout: 10_000 }).toBe(2);

      await page.locator("main h1").click();
      await page.keyboard.press("x");
      await page.keyboard.press("j");
      await page.keyboard.press("x");
      const bulk = page.getByRole("button", { name: "Approve selected (2)" });
      await bulk.click();
      await page.getByTestId("queue-status").filter({ hasText: "2 items approved" }).waitFor();
      const statuses = await t.prisma.post.findMany({ where: { id: { in: [first.id, second.id] } }, select: { status: true } });
      expect(statuses.map((p) => p.status)).toEqual(["published", "published"]);
    });
  });

  it("rejects only with a reason; the author reads it on their decisions page and appeals; another moderator decides", async () => {
    const s = await seed("pre");
    const words = token("rej");
    const held = await replyAs(s.author, s.threadId, `Off-topic musings about football ${words}`);
    const statement = "This thread is about detection orders; football belongs elsewhere.";

    await withPage(s.modA, async (page) => {
      await page.goto(`/consultations/${s.c.slug}/moderation`);
      await queueItem(page, words).waitFor();
      await page.locator("main h1").click();
      await page.keyboard.press("r");
      const dialog = page.getByRole("dialog", { name: "Reject this contribution" });
      await dialog.waitFor();
      // Escape closes it without a decision.
      await page.keyboard.press("Escape");
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await page.keyboard.press("r");
      await dialog.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("reasonCode");
      await dialog.getByRole("button", { name: "Reject", exact: true }).click();
      await dialog.getByText("Reason is required for this action.").waitFor();
      await dialog.getByText("Statement of reasons is required").waitFor();
      expect((await t.prisma.post.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("pending");

      await dialog.getByLabel("Reason", { exact: true }).selectOption("off_topic");
      await dialog.getByLabel("Statement of reasons").fill(statement);
      await page.screenshot({ path: path.join(SCREENSHOTS, "decision-dialog.png") });
      await dialog.getByRole("button", { name: "Reject", exact: true }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await page.getByTestId("queue-status").filter({ hasText: "Decision recorded" }).waitFor();
      expect((await t.prisma.post.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("rejected");
    });

    await withPage(s.author, async (page) => {
      await page.goto("/");
      // The decision notification is waiting in the bell.
      await expect.poll(() => page.getByTestId("bell-count").textContent()).toBe("1");
      await page.getByRole("link", { name: "My decisions" }).click();
      await page.waitForURL("**/me/decisions");
      const card = page.getByTestId("decision").first();
      await card.waitFor();
      expect(await card.textContent()).toContain("Taken by a moderator");
      expect(await card.getByTestId("decision-reason").textContent()).toBe("Off-topic");
      expect(await card.getByTestId("decision-statement").textContent()).toBe(statement);

      await card.getByRole("button", { name: "Appeal this decision" }).click();
      await card.getByLabel("Your appeal").fill("Football clubs scan messages too: it is on topic.");
      await card.getByRole("button", { name: "Lodge the appeal" }).click();
      await page.getByRole("status").filter({ hasText: "Your appeal was lodged" }).waitFor();
      await card.getByTestId("appeal-state").waitFor();
      expect(await card.getByTestId("appeal-state").textContent()).toContain("Being reviewed");
      expect(await card.getByRole("button", { name: "Appeal this decision" }).count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, "my-decisions.png"), fullPage: true });
    });
    const appeal = await t.prisma.appeal.findFirstOrThrow({ where: { authorId: s.author.id } });
    expect(appeal.status).toBe("open");

    // The moderator who decided cannot decide the appeal; the other one can.
    await withPage(s.modA, async (page) => {
      await page.goto(`/consultations/${s.c.slug}/moderation`);
      await page.getByTestId("appeals").waitFor();
      await page.getByText("another moderator or an organiser decides this appeal").waitFor();
    });
    await withPage(s.modB, async (page) => {
      await page.goto(`/consultations/${s.c.slug}/moderation`);
      const appeals = page.getByTestId("appeals");
      await appeals.waitFor();
      await appeals.getByLabel("Overturn the decision (undo it)").check();
      await appeals.getByLabel("Statement to the author").fill("On reflection, it concerns scanning.");
      await appeals.getByRole("button", { name: "Record the outcome" }).click();
      await page.getByText("The outcome was recorded and sent to the author.").waitFor();
    });
    expect((await t.prisma.appeal.findUniqueOrThrow({ where: { id: appeal.id } })).status).toBe("overturned");
    expect((await t.prisma.post.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("published");
  });

  it("puts illegal-content reports first, withholds them, and logs every opening", async () => {
    const s = await seed("post");
    const ordinary = await replyAs(s.author, s.threadId, `Ordinary but flagged ${token("o")}`);
    const secret = token("illegal");
    const reported = await replyAs(s.author, s.threadId, `Reported text ${secret}`);
    const readerApi = await apiAs(s.reader);
    expect((await readerApi.post(`/api/posts/${ordinary.id}/flags`, { reason: "spam" })).status).toBe(201);
    expect((await readerApi.post(`/api/posts/${reported.id}/flags`, { reason: "illegal_content" })).status).toBe(201);

    await withPage(s.modA, async (page) => {
      await page.goto(`/consultations/${s.c.slug}/moderation`);
      const first = page.locator(".queue-item").first();
      await first.waitFor();
      expect(await first.getAttribute("data-item-id")).toBe(reported.id);
      expect(await first.textContent()).toContain("Urgent: reported as illegal");
      expect(await page.locator("main").textContent()).not.toContain(secret);

      const before = await t.prisma.auditEntry.count({ where: { action: "open_quarantined", targetId: reported.id } });
      await first.getByRole("button", { name: "Open (logged)" }).click();
      const dialog = page.getByRole("dialog", { name: "Open quarantined content" });
      await dialog.getByText("Opening it is recorded in the audit log").waitFor();
      expect(await t.prisma.auditEntry.count({ where: { action: "open_quarantined", targetId: reported.id } })).toBe(before);
      await dialog.getByRole("button", { name: "Open (logged)" }).click();
      await dialog.getByText("Your opening was recorded in the audit log.").waitFor();
      expect(await dialog.getByTestId("quarantined-content").textContent()).toContain(secret);
      expect(await t.prisma.auditEntry.count({ where: { action: "open_quarantined", targetId: reported.id } })).toBe(before + 1);
      await dialog.getByRole("button", { name: "Close", exact: true }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
    });
  });
});

describe("flags", () => {
  it("sends a flag from the post's dialog, says the author will not learn who, and refuses a second one politely", async () => {
    const s = await seed("post");
    const words = token("flag");
    const post = await replyAs(s.author, s.threadId, `Buy cheap watches ${words}`);
    await withPage(s.reader, async (page) => {
      await page.goto(`/threads/${s.threadId}`);
      const article = page.locator(`article[id="post-${post.id}"]`);
      await article.waitFor();
      await article.getByRole("button", { name: /^Flag/ }).click();
      const dialog = page.getByRole("dialog", { name: "Flag this contribution" });
      await dialog.getByText("The author will not learn who flagged it.").waitFor();
      await dialog.getByRole("button", { name: "Send the flag" }).click();
      await dialog.getByText("Reason is required").waitFor();
      await dialog.getByLabel("Reason", { exact: true }).selectOption("spam");
      await dialog.getByLabel("Note for the moderators").fill("An advert for watches.");
      await dialog.getByRole("button", { name: "Send the flag" }).click();
      await article.getByText("Thank you: your flag was received.").waitFor();
      const flag = await t.prisma.flag.findFirstOrThrow({ where: { postId: post.id } });
      expect(flag).toMatchObject({ flaggerId: s.reader.id, reason: "spam", note: "An advert for watches." });

      await article.getByRole("button", { name: /^Flag/ }).click();
      await dialog.getByLabel("Reason", { exact: true }).selectOption("spam");
      await dialog.getByRole("button", { name: "Send the flag" }).click();
      await article.getByText("You have already flagged this").waitFor();
      expect(await t.prisma.flag.count({ where: { postId: post.id } })).toBe(1);
    });
    // No Flag button on one's own contribution.
    await withPage(s.author, async (page) => {
      await page.goto(`/threads/${s.threadId}`);
      const article = page.locator(`article[id="post-${post.id}"]`);
      await article.waitFor();
      expect(await article.getByRole("button", { name: /^Flag/ }).count()).toBe(0);
    });
  });
});

describe("thread tools and positions", () => {
  it("locks a thread with reasons and hides a post from the thread", async () => {
    const s = await seed("post");
    const words = token("hide");
    // A participant's thread: a moderator may not lock an organiser's (test/security/thread-decisions.test.ts).
    const own = await (await apiAs(s.author)).post(`/api/consultations/${s.c.id}/threads`, { title: `Age checks ${token("t")}`, body: "Age verification at app stores." });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const ownThreadId = own.body.thread.id as string;
    const post = await replyAs(s.author, ownThreadId, `Personal phone number 555 ${words}`);
    await withPage(s.modA, async (page) => {
      await page.goto(`/threads/${ownThreadId}`);
      const tools = page.getByRole("region", { name: "Moderator tools" });
      await tools.getByRole("button", { name: "Lock the thread…" }).click();
      const dialog = page.getByRole("dialog", { name: "Lock this thread" });
      await dialog.getByLabel("Reason", { exact: true }).selectOption("harassment");
      await dialog.getByLabel("Statement of reasons").fill("Cooling down after personal attacks.");
      await dialog.getByRole("button", { name: "Lock the thread" }).click();
      await tools.getByRole("button", { name: "Unlock the thread" }).waitFor();
      expect((await t.prisma.thread.findUniqueOrThrow({ where: { id: ownThreadId } })).status).toBe("locked");

      const article = page.locator(`article[id="post-${post.id}"]`);
      await article.getByRole("button", { name: "Hide…" }).click();
      const hide = page.getByRole("dialog", { name: "Hide this contribution" });
      await hide.getByLabel("Reason", { exact: true }).selectOption("personal_data");
      await hide.getByLabel("Statement of reasons").fill("It contains a phone number.");
      await hide.getByRole("button", { name: "Hide", exact: true }).click();
      await article.locator(".badge", { hasText: "Hidden" }).waitFor();
      expect((await t.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("hidden");
      await page.screenshot({ path: path.join(SCREENSHOTS, "thread-moderator.png"), fullPage: true });
      // A moderator cannot hide the organiser's opening (hierarchy): the server says why, in the dialog.
      await page.goto(`/threads/${s.threadId}`);
      await page.locator(`article[id="post-${s.openingId}"]`).getByRole("button", { name: "Hide…" }).click();
      const own = page.getByRole("dialog", { name: "Hide this contribution" });
      await own.getByLabel("Reason", { exact: true }).selectOption("off_topic");
      await own.getByLabel("Statement of reasons").fill("Testing the hierarchy.");
      await own.getByRole("button", { name: "Hide", exact: true }).click();
      await own.getByRole("alert").filter({ hasText: "ranks at or above you" }).waitFor();
      await own.getByRole("button", { name: "Cancel" }).click();
    });
  });

  it("removes an organisation's position only when a second moderator confirms", async () => {
    const s = await seed("pre");
    const org = await createOrganisation(t.prisma, { name: "Privacy First", category: "digital_rights", verified: true });
    await addToOrganisation(t.prisma, s.author.id, org.id, "representative");
    const put = await (await apiAs(s.author)).put(`/api/consultations/${s.c.id}/questions/${s.c.questions[0]!.id}/position`, {
      organisationId: org.id,
      stance: "oppose",
      summary: "No scanning of private messages.",
      argument: "Encryption protects children too.",
    });
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    const positionId = put.body.position.id as string;

    const propose = async (page: Page) => {
      await page.goto(`/consultations/${s.c.slug}/moderation`);
      await queueItem(page, "Position of Privacy First").waitFor();
      await page.locator("main h1").click();
      await page.keyboard.press("r");
      const dialog = page.getByRole("dialog", { name: "Propose removing this position" });
      await dialog.getByLabel("Reason", { exact: true }).selectOption("misinformation");
      await dialog.getByLabel("Statement of reasons").fill("The cited study does not say this.");
      await dialog.getByRole("button", { name: "Propose removal" }).click();
      return dialog;
    };
    await withPage(s.modA, async (page) => {
      await propose(page);
      await queueItem(page, "Position of Privacy First").getByText("awaits a second moderator").waitFor();
    });
    expect((await t.prisma.position.findUniqueOrThrow({ where: { id: positionId } })).status).toBe("pending");
    await withPage(s.modB, async (page) => {
      const dialog = await propose(page);
      await dialog.getByRole("alert").filter({ hasText: "already awaits a second moderator" }).waitFor();
      await dialog.getByRole("button", { name: "Confirm removal" }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await page.getByTestId("queue-status").filter({ hasText: "Removal confirmed" }).waitFor();
    });
    expect((await t.prisma.position.findUniqueOrThrow({ where: { id: positionId } })).status).toBe("rejected");
  });
});

describe("the record", () => {
  it("lists decisions in the audit log, filters by action in the address, offers the CSV; the public sees the counts", async () => {
    const s = await seed("pre");
    const modApi = await apiAs(s.modA);
    const a = await replyAs(s.author, s.threadId, `To approve ${token("a")}`);
    const b = await replyAs(s.reader, s.threadId, `To reject ${token("r")}`);
    expect((await modApi.post(`/api/posts/${a.id}/moderation`, { action: "approve" })).status).toBe(200);
    expect((await modApi.post(`/api/posts/${b.id}/moderation`, { action: "reject", reasonCode: "spam", statement: "An advert." })).status).toBe(200);
    expect((await modApi.post(`/api/posts/${a.id}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Off topic after all." })).status).toBe(200);

    await withPage(s.organiser, async (page) => {
      await page.goto(`/consultations/${s.c.slug}`);
      await page.getByRole("link", { name: "Audit log" }).click();
      const log = page.getByTestId("audit-log");
      await log.waitFor();
      const actions = await log.locator("tbody .audit__action").allTextContents();
      expect(actions).toEqual(expect.arrayContaining(["Approved", "Rejected", "Hidden"]));
      expect(await log.textContent()).toContain("Mona Moderator");
      expect(await log.textContent()).toContain("An advert.");

      await page.getByLabel("Action").selectOption("reject");
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL((url) => url.searchParams.get("action") === "reject");
      await expect.poll(() => log.locator("tbody .audit__action").allTextContents()).toEqual(["Rejected"]);
      const href = await page.getByTestId("audit-csv").getAttribute("href");
      expect(href).toContain("action=reject");
      expect(href).toContain("format=csv");
      const csv = await page.context().request.get(href!);
      expect(csv.status()).toBe(200);
      const lines = (await csv.text()).trim().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain("reject");
      // The filter survives a reload: it is in the address.
      await page.reload();
      await expect.poll(() => page.getByTestId("audit-log").locator("tbody .audit__action").allTextContents()).toEqual(["Rejected"]);
      expect(await page.getByLabel("Action").inputValue()).toBe("reject");
      await page.goto(`/consultations/${s.c.slug}/audit`);
      await page.getByTestId("audit-log").waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, "audit-log.png"), fullPage: true });
    });

    // A moderator is not an organiser: no audit log.
    await withPage(s.modA, async (page) => {
      await page.goto(`/consultations/${s.c.slug}/audit`);
      await page.getByText("Only the consultation's organisers and administrators read its audit log.").waitFor();
    });

    await withPage(null, async (page) => {
      await page.goto(`/consultations/${s.c.slug}`);
      const panel = page.getByTestId("transparency");
      await panel.getByRole("heading", { name: "Moderation in numbers" }).waitFor();
      await expect.poll(() => panel.getByTestId("transparency-total").textContent()).toContain("3");
      expect(await panel.getByTestId("transparency-total").textContent()).toContain("3 by moderators, 0 automated");
      const byAction = await panel.getByTestId("transparency-by-action").locator("tbody tr").allTextContents();
      expect(byAction).toEqual(expect.arrayContaining(["Approved1", "Rejected1", "Hidden1"]));
      const byReason = await panel.getByTestId("transparency-by-reason").locator("tbody tr").allTextContents();
      expect(byReason).toEqual(expect.arrayContaining(["Spam1", "Off-topic1"]));
      expect(await panel.getByTestId("transparency-median").textContent()).toMatch(/second|minute/);
      expect(await panel.textContent()).not.toContain("Mona Moderator");
      // Anonymous visitors get no staff links.
      expect(await page.getByRole("link", { name: "Moderation queue" }).count()).toBe(0);
      await panel.screenshot({ path: path.join(SCREENSHOTS, "transparency.png") });
    });
  });
});
