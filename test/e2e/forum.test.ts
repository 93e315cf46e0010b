// The consultation forum in a real browser against the real server: the consultation page, threads and
// replies, the reply tree, permalinks, endorsements, Chatham House, positions, search, and that
// contributions render as the server sanitised them and nothing else. No mocks.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { TestServer } from "../support/server.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser } from "../support/factories.ts";
import type { TestClient } from "../support/client.ts";
import { renderRichText } from "../../server/content/rich-text.ts";
import { CATEGORY_LABELS } from "../../shared/categories.ts";
import { MODERATION_MODE_LABELS } from "../../shared/schemas/consultations.ts";
import { e2eHarness, SCREENSHOTS } from "./support/harness.ts";

const e2e = e2eHarness();
const withPage = e2e.withPage;
const apiAs = e2e.apiAs;

let t: TestServer;

beforeAll(async () => {
  ({ t } = await e2e.start());
});
afterAll(() => e2e.stop());

async function seedConsultation(
  opts: {
    title?: string;
    accessMode?: "open" | "transparent" | "restricted" | "chatham_house";
    moderationMode?: "pre" | "post" | "newcomers";
    background?: string;
    questions?: string[];
  } = {},
) {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser", category: "public_authority" });
  const c = await createConsultation(t.prisma, {
    createdById: organiser.id,
    title: opts.title,
    accessMode: opts.accessMode,
    moderationMode: opts.moderationMode,
    questions: opts.questions,
  });
  if (opts.background) {
    await t.prisma.consultation.update({
      where: { id: c.id },
      data: { backgroundSource: opts.background, backgroundHtml: renderRichText(opts.background) },
    });
  }
  return { c, organiser };
}

async function startThread(api: TestClient, consultationId: string, data: { title: string; body: string; questionId?: string }) {
  const res = await api.post(`/api/consultations/${consultationId}/threads`, data);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { thread: { id: string }; post: { id: string } };
}

async function reply(api: TestClient, threadId: string, data: { body: string; parentId?: string; replyType?: string; quotedPostId?: string }) {
  const res = await api.post(`/api/threads/${threadId}/posts`, data);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.post as { id: string; version: number };
}

const postArticle = (page: Page, id: string) => page.locator(`article[id="post-${id}"]`);

describe("the consultation page", () => {
  it("shows the background, the questions in order, the moderation mode in words and the threads", async () => {
    const { c, organiser } = await seedConsultation({
      title: "Regulation to prevent and combat child sexual abuse",
      moderationMode: "newcomers",
      background: "The Commission proposes **detection orders**.\n\n- risk assessment\n- mitigation\n\n<script>window.__bg = 1</script>",
      questions: ["Should detection orders cover end-to-end encrypted services?", "How should the EU Centre be governed?"],
    });
    await t.prisma.question.update({ where: { id: c.questions[0]!.id }, data: { explanation: "Article 7 of the proposal." } });
    // The organiser's thread: staff contributions are never held, whatever the moderation mode.
    const { thread } = await startThread(await apiAs(organiser), c.id, {
      title: "Encryption must not be a blind spot",
      body: "Detection should reach where abuse happens.",
      questionId: c.questions[0]!.id,
    });

    await withPage({}, async (page) => {
      await page.goto(`/consultations/${c.slug}`);
      await expect.poll(() => page.locator("h1").textContent()).toBe("Regulation to prevent and combat child sexual abuse");

      const background = page.getByTestId("background");
      expect(await background.locator("strong").textContent()).toBe("detection orders");
      expect(await background.locator("li").allTextContents()).toEqual(["risk assessment", "mitigation"]);
      expect(await page.locator("main script").count()).toBe(0);
      expect(await page.evaluate(() => (window as { __bg?: number }).__bg)).toBeUndefined();

      expect(await page.getByTestId("moderation-mode").textContent()).toContain(MODERATION_MODE_LABELS.newcomers);

      const questions = page.locator(".question__title");
      expect(await questions.allTextContents()).toEqual([
        "Question 1 Should detection orders cover end-to-end encrypted services?",
        "Question 2 How should the EU Centre be governed?",
      ]);
      await page.getByText("Article 7 of the proposal.").waitFor();
      await page.getByText("No positions have been published on this question yet.").first().waitFor();

      const item = page.locator(".thread-item", { hasText: "Encryption must not be a blind spot" });
      await item.waitFor();
      expect(await item.getByRole("link").getAttribute("href")).toBe(`/threads/${thread.id}`);
      expect(await item.textContent()).toContain("Question 1");
      expect(await item.textContent()).toContain("1 contribution");
      // Anonymous visitors get no composer, but are told how to take part.
      expect(await page.getByRole("button", { name: "Start a thread" }).count()).toBe(0);
      await page.getByText("to take part.").waitFor();

      await page.screenshot({ path: path.join(SCREENSHOTS, "consultation.png"), fullPage: true });
    });
  });

  it("takes an organiser from the consultation page to its console, where opening it asks for confirmation first", async () => {
    const { c, organiser } = await seedConsultation();
    await t.prisma.consultation.update({ where: { id: c.id }, data: { status: "draft" } });
    const invitee = await createUser(t.prisma, { displayName: "Ivo Invitee" });
    await withPage({ as: organiser }, async (page) => {
      await page.goto(`/consultations/${c.slug}`);
      // The old panel that changed the status at one click is gone: the console is the one place.
      await page.getByRole("navigation", { name: "On this page" }).getByRole("link", { name: "Manage this consultation" }).click();
      await page.waitForURL(`**/consultations/${c.slug}/manage`);
      await page.getByRole("button", { name: "Open for contributions" }).click();
      const dialog = page.getByRole("dialog", { name: "Open the consultation?" });
      await dialog.waitFor();
      expect((await t.prisma.consultation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("draft");
      await dialog.getByRole("button", { name: "Open and notify members" }).click();
      await expect.poll(() => page.getByTestId("lifecycle-status").textContent(), { timeout: 10_000 }).toBe("Open");
      expect((await t.prisma.consultation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("open");

      const members = page.getByTestId("members");
      // The form that adds an existing account (the mailed invitation form beside it has the same labels).
      const form = members.locator("form").filter({ has: page.getByRole("button", { name: "Add member" }) });
      await form.getByLabel("Email address", { exact: true }).fill(invitee.email);
      await form.getByLabel("Role", { exact: true }).selectOption("observer");
      await form.getByRole("button", { name: "Add member" }).click();
      await members.getByTestId("members-status").filter({ hasText: "Ivo Invitee is now" }).waitFor();
      const member = await t.prisma.consultationMember.findFirst({ where: { consultationId: c.id, userId: invitee.id } });
      expect(member?.role).toBe("observer");
    });
  });
});

describe("threads and replies", () => {
  it("starts a thread, replies with a reply type, and shows the reply nested under its parent", async () => {
    const { c } = await seedConsultation({ questions: ["Is client-side scanning proportionate?"] });
    const user = await createUser(t.prisma, { displayName: "Pia Privacy", category: "digital_rights" });
    const other = await createUser(t.prisma, { displayName: "Tomas Tech", category: "industry" });
    await withPage({ as: user }, async (page) => {
      await page.goto(`/consultations/${c.slug}`);
      await page.getByRole("button", { name: "Start a thread" }).click();
      await page.getByLabel("Title").fill("Scanning breaks the promise of encryption");
      await page.getByLabel("Question (optional)").selectOption(c.questions[0]!.id);
      const opener = "Client-side scanning is **mass surveillance** by another name.";
      await page.getByLabel("Opening contribution").fill(opener);
      expect(await page.getByText(/of 20,000 characters/).first().textContent()).toContain(`${opener.length} of 20,000 characters`);
      await page.getByRole("button", { name: "Start the thread" }).click();

      await page.waitForURL((url) => url.pathname.startsWith("/threads/"));
      await expect.poll(() => page.locator("h1").textContent()).toBe("Scanning breaks the promise of encryption");
      const threadId = new URL(page.url()).pathname.split("/").pop()!;
      const opening = page.locator("article.post").first();
      expect(await opening.locator("strong", { hasText: "mass surveillance" }).count()).toBe(1);
      expect(await opening.textContent()).toContain("Pia Privacy");
      expect(await opening.textContent()).toContain("Opening contribution");
      await page.getByText("On question 1:").waitFor();

      // Someone else answers; the author sees it after a reload and answers back, contesting it.
      const openingId = (await opening.getAttribute("data-post-id"))!;
      const answer = await reply(await apiAs(other), threadId, { body: "Scanning can be done on the device without breaking anything.", parentId: openingId, replyType: "contests" });
      await page.reload();
      await postArticle(page, answer.id).waitFor();

      const keys: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST" && new URL(r.url()).pathname === `/api/threads/${threadId}/posts`) keys.push(r.headers()["idempotency-key"] ?? "");
      });
      await postArticle(page, answer.id).getByRole("button", { name: "Reply to Tomas Tech" }).click();
      await page.getByLabel("Type of reply").selectOption("clarifies");
      await page.getByLabel("Your reply").fill("On the device is still *on my device*: the content is read before it is encrypted.");
      await page.getByRole("button", { name: "Post reply" }).click();

      const nested = page.locator("article.post", { hasText: "the content is read before it is encrypted" });
      await nested.waitFor();
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(await nested.getAttribute("data-parent-id")).toBe(answer.id);
      expect(await nested.getAttribute("data-depth")).toBe("2");
      expect(await nested.locator(".badge").allTextContents()).toContain("Reply type: Clarifies");
      expect(await nested.textContent()).toContain("In reply to Tomas Tech");
      expect(await postArticle(page, answer.id).locator(".badge").allTextContents()).toContain("Reply type: Contests");

      // In the tree: after its parent, one level deeper (indentation comes from the level).
      const order = await page.locator("article.post").evaluateAll((els) => els.map((el) => el.getAttribute("data-post-id")));
      const nestedId = (await nested.getAttribute("data-post-id"))!;
      expect(order.indexOf(nestedId)).toBe(order.indexOf(answer.id) + 1);
      const levels = await page.locator(".posts__item").evaluateAll((els) => els.map((el) => el.getAttribute("data-level")));
      expect(levels).toEqual(["0", "1", "2"]);
      const indent = await page.locator(".posts__item").evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).marginLeft)));
      expect(indent[2]!).toBeGreaterThan(indent[1]!);
      expect(indent[1]!).toBeGreaterThan(indent[0]!);
      // Focus moved to the new reply, and the result was announced.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-post-id"))).toBe(nestedId);
      expect(await page.getByTestId("announcer").textContent()).toBe("Your reply was published.");

      const stored = await t.prisma.post.findUniqueOrThrow({ where: { id: nestedId } });
      expect(stored).toMatchObject({ parentId: answer.id, replyType: "clarifies", depth: 2 });
      await page.screenshot({ path: path.join(SCREENSHOTS, "thread.png"), fullPage: true });
    });
  });

  it("renders script-bearing bodies without running them: no dialog, no image, no javascript: link", async () => {
    const { c } = await seedConsultation();
    const attacker = await createUser(t.prisma, { displayName: "Mallory" });
    const { thread, post } = await startThread(await apiAs(attacker), c.id, {
      title: "Harmless title",
      body: "Hello <img src=x onerror=alert(1)> and [x](javascript:alert(1)) <script>alert(2)</script> <a href=\"javascript:alert(3)\" onclick=\"alert(4)\">y</a>",
    });
    const reader = await createUser(t.prisma);
    await withPage({ as: reader }, async (page) => {
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`/threads/${thread.id}`);
      const body = postArticle(page, post.id).getByTestId("post-body");
      await body.waitFor();
      expect(await body.textContent()).toContain("Hello");
      expect(await body.locator("img").count()).toBe(0);
      expect(await page.locator("main img, main script").count()).toBe(0);
      for (const href of await body.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
        expect(href ?? "").not.toMatch(/^\s*javascript:/i);
      }
      expect(await body.locator("[onclick], [onerror]").count()).toBe(0);
      // Clicking what looks like a link runs nothing either.
      for (const link of await body.locator("a").all()) await link.click();
      expect(new URL(page.url()).pathname).toBe(`/threads/${thread.id}`);

      // The live preview shows the server's sanitised rendering, just as safely.
      await postArticle(page, post.id).getByRole("button", { name: /^Reply to/ }).click();
      await page.getByLabel("Your reply").fill("Preview <img src=x onerror=alert(5)> [x](javascript:alert(6)) **bold**");
      const preview = page.getByTestId("composer-preview");
      await preview.locator("strong", { hasText: "bold" }).waitFor();
      expect(await preview.locator("img").count()).toBe(0);
      for (const href of await preview.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
        expect(href ?? "").not.toMatch(/^\s*javascript:/i);
      }
      await page.waitForTimeout(300);
      expect(dialogs).toEqual([]);
    });
  });

  it("under the Chatham House rule shows a participant only the author's category, never the name", async () => {
    const { c } = await seedConsultation({ accessMode: "chatham_house" });
    const author = await createUser(t.prisma, { displayName: "Secret Speaker", category: "industry" });
    const reader = await createUser(t.prisma, { displayName: "Rita Reader", category: "academia" });
    await addMember(t.prisma, c.id, author.id, "participant");
    await addMember(t.prisma, c.id, reader.id, "participant");
    const { thread, post } = await startThread(await apiAs(author), c.id, { title: "Voluntary detection after 2026", body: "Our members scan already." });

    await withPage({ as: reader }, async (page) => {
      await page.goto(`/threads/${thread.id}`);
      const article = postArticle(page, post.id);
      await article.waitFor();
      expect(await article.getByTestId("speaker").textContent()).toContain(CATEGORY_LABELS.industry);
      expect(await page.locator("main").textContent()).not.toContain("Secret Speaker");

      await page.goto(`/consultations/${c.slug}`);
      await page.locator(".thread-item", { hasText: "Voluntary detection after 2026" }).waitFor();
      expect(await page.locator("main").textContent()).not.toContain("Secret Speaker");
      expect(await page.locator("main").textContent()).toContain("Chatham House");
    });
  });

  it("toggles an endorsement and shows the count by category", async () => {
    const { c } = await seedConsultation();
    const author = await createUser(t.prisma, { displayName: "Ed Author" });
    const fan = await createUser(t.prisma, { displayName: "Fay Fan", category: "academia" });
    const { thread, post } = await startThread(await apiAs(author), c.id, { title: "Endorse me", body: "A point worth making." });
    await withPage({ as: fan }, async (page) => {
      await page.goto(`/threads/${thread.id}`);
      const article = postArticle(page, post.id);
      const count = article.getByTestId("endorsement-count");
      await expect.poll(() => count.textContent()).toBe("0 endorsements");

      await article.getByRole("button", { name: "Endorse", exact: true }).click();
      await expect.poll(() => count.textContent()).toBe("1 endorsement");
      expect(await article.getByRole("list", { name: "Endorsements by stakeholder category" }).textContent()).toBe(`${CATEGORY_LABELS.academia}: 1`);
      expect(await t.prisma.endorsement.count({ where: { postId: post.id } })).toBe(1);

      // The author cannot endorse their own post; the fan can withdraw.
      await article.getByRole("button", { name: "Withdraw endorsement" }).click();
      await expect.poll(() => count.textContent()).toBe("0 endorsements");
      await article.getByRole("button", { name: "Endorse", exact: true }).waitFor();
      expect(await t.prisma.endorsement.count({ where: { postId: post.id } })).toBe(0);
    });
    await withPage({ as: author }, async (page) => {
      await page.goto(`/threads/${thread.id}`);
      await postArticle(page, post.id).getByTestId("endorsement-count").waitFor();
      expect(await postArticle(page, post.id).getByRole("button", { name: /endorse/i }).count()).toBe(0);
    });
  });

  it("edits in place; a stale edit shows the current version and saves on the second try", async () => {
    const { c } = await seedConsultation();
    const author = await createUser(t.prisma, { displayName: "Evi Editor" });
    const api = await apiAs(author);
    const { thread, post } = await startThread(api, c.id, { title: "Edits", body: "First *version*." });
    await withPage({ as: author }, async (page) => {
      await page.goto(`/threads/${thread.id}`);
      const article = postArticle(page, post.id);
      await article.getByRole("button", { name: "Edit", exact: true }).click();
      const editor = page.getByLabel("Your contribution", { exact: true });
      // The Markdown is rebuilt from the stored HTML when the server does not send the source.
      expect(await editor.inputValue()).toBe("First *version*.");

      // Meanwhile, another tab saves a change.
      expect((await api.patch(`/api/posts/${post.id}`, { body: "Changed elsewhere.", version: 1 })).status).toBe(200);
      await editor.fill("Second **version**.");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByRole("alert").filter({ hasText: "was changed since you started editing it" }).waitFor();
      await page.getByText("Current version (version 2):").waitFor();
      expect(await editor.inputValue()).toBe("Second **version**.");

      await page.getByRole("button", { name: "Save changes" }).click();
      // Not the live preview (it shows <strong> too, while editing): the editor closes once the save is done.
      await editor.waitFor({ state: "detached" });
      await article.locator("strong", { hasText: "version" }).waitFor();
      expect(await article.textContent()).toContain("edited");
      expect((await t.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).version).toBe(3);
    });
  });

  it("withdraws after confirmation; its replies then say their parent is not available", async () => {
    const { c } = await seedConsultation();
    const author = await createUser(t.prisma, { displayName: "Walt Withdrawer" });
    const other = await createUser(t.prisma, { displayName: "Oona Other" });
    const { thread, post } = await startThread(await apiAs(author), c.id, { title: "Withdrawals", body: "Opening." });
    const mine = await reply(await apiAs(author), thread.id, { body: "I take this back later.", parentId: post.id });
    const answer = await reply(await apiAs(other), thread.id, { body: "An answer to it.", parentId: mine.id, replyType: "supports" });
    await withPage({ as: author }, async (page) => {
      await page.goto(`/threads/${thread.id}`);
      const article = postArticle(page, mine.id);
      await article.getByRole("button", { name: "Withdraw", exact: true }).click();
      const confirm = article.getByRole("group", { name: "Confirm withdrawal" });
      await confirm.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Yes, withdraw it");
      await confirm.getByRole("button", { name: "Yes, withdraw it" }).click();
      await expect.poll(() => article.count()).toBe(0);
      expect((await t.prisma.post.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("withdrawn");
      expect(await postArticle(page, answer.id).textContent()).toContain("In reply to a contribution that is not available");
      await page.reload();
      expect(await postArticle(page, answer.id).textContent()).toContain("In reply to a contribution that is not available");
    });
  });

  it("tells the author that a contribution awaits review when moderation comes first", async () => {
    const { c } = await seedConsultation({ moderationMode: "pre" });
    const user = await createUser(t.prisma, { displayName: "Newt Newcomer" });
    await withPage({ as: user }, async (page) => {
      await page.goto(`/consultations/${c.slug}`);
      await page.getByText("your next contribution will be reviewed by a moderator").waitFor();
      await page.getByRole("button", { name: "Start a thread" }).click();
      await page.getByLabel("Title").fill("Held for review");
      await page.getByLabel("Opening contribution").fill("Please approve me.");
      await page.getByRole("button", { name: "Start the thread" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/threads/"));
      await page.getByRole("status").filter({ hasText: "awaits a moderator's review" }).waitFor();
      const article = page.locator("article.post").first();
      expect(await article.locator(".badge").allTextContents()).toContain("Status: Pending review");
      expect(await article.textContent()).toContain("only you and the moderators can see it");
      // The notice is said once: a reload does not repeat it, the badge stays.
      await page.reload();
      await page.locator("article.post").first().waitFor();
      expect(await page.getByText("Your thread was started.").count()).toBe(0);
      expect(await page.locator("article.post").first().locator(".badge").allTextContents()).toContain("Status: Pending review");
    });
  });

  it("offers observers only the question reply type", async () => {
    const { c } = await seedConsultation({ accessMode: "transparent" });
    const author = await createUser(t.prisma);
    const observer = await createUser(t.prisma, { displayName: "Otto Observer" });
    await addMember(t.prisma, c.id, author.id, "participant");
    await addMember(t.prisma, c.id, observer.id, "observer");
    const { thread, post } = await startThread(await apiAs(author), c.id, { title: "Questions welcome", body: "Ask away." });
    await withPage({ as: observer }, async (page) => {
      await page.goto(`/threads/${thread.id}`);
      await postArticle(page, post.id).getByRole("button", { name: /^Reply to/ }).click();
      const select = page.getByLabel("Type of reply");
      expect(await select.locator("option").allTextContents()).toEqual(["Asks a question"]);
      await page.getByLabel("Your reply").fill("What is the false-positive rate?");
      await page.getByRole("button", { name: "Post reply" }).click();
      const asked = page.locator("article.post", { hasText: "false-positive rate" });
      await asked.waitFor();
      expect(await asked.locator(".badge").allTextContents()).toContain("Reply type: Asks a question");
    });
  });
});

describe("permalinks", () => {
  it("shows the chain of parents and the post highlighted, and leads to it in the whole thread", async () => {
    const { c } = await seedConsultation();
    const a = await createUser(t.prisma, { displayName: "Anna Alpha" });
    const b = await createUser(t.prisma, { displayName: "Ben Beta" });
    const apiA = await apiAs(a);
    const apiB = await apiAs(b);
    const { thread, post: opening } = await startThread(apiA, c.id, { title: "Permalink chain", body: "The opening." });
    const child = await reply(apiB, thread.id, { body: "The child.", parentId: opening.id, replyType: "contests" });
    const grandchild = await reply(apiA, thread.id, { body: "The grandchild, quoting.", parentId: child.id, replyType: "clarifies", quotedPostId: opening.id });

    await withPage({}, async (page) => {
      await page.goto(`/posts/${grandchild.id}`);
      await expect.poll(() => page.locator("h1").textContent()).toBe("Contribution by Anna Alpha");
      expect(await page.getByTestId("thread-link").textContent()).toBe("Permalink chain");
      const chain = page.getByTestId("ancestors").locator("article.post");
      expect(await chain.evaluateAll((els) => els.map((el) => el.getAttribute("data-post-id")))).toEqual([opening.id, child.id]);
      const highlighted = page.locator("article.post--highlighted");
      expect(await highlighted.getAttribute("data-post-id")).toBe(grandchild.id);
      expect(await highlighted.getByTestId("quote-link").getAttribute("href")).toBe(`/posts/${opening.id}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, "permalink.png"), fullPage: true });

      const whole = page.getByRole("link", { name: "View the whole thread" });
      expect(await whole.getAttribute("href")).toBe(`/threads/${thread.id}#post-${grandchild.id}`);
      await whole.click();
      await page.waitForURL((url) => url.pathname === `/threads/${thread.id}` && url.hash === `#post-${grandchild.id}`);
      await expect.poll(() => postArticle(page, grandchild.id).getAttribute("class")).toContain("post--highlighted");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`post-${grandchild.id}`);
    });
  });
});

describe("positions", () => {
  it("publishes a position through the form, shows it with its stance, filters by stance, and revises it", async () => {
    const { c } = await seedConsultation({ questions: ["Should voluntary detection continue?"] });
    const rep = await createUser(t.prisma, { displayName: "Rosa Rep", category: "child_rights" });
    const org = await createOrganisation(t.prisma, { name: "Child Safety Europe", category: "child_rights", verified: true });
    await addToOrganisation(t.prisma, rep.id, org.id, "representative");
    const question = c.questions[0]!;

    await withPage({ as: rep }, async (page) => {
      await page.goto(`/consultations/${c.slug}/questions/${question.id}/positions`);
      await expect.poll(() => page.locator("h1").textContent()).toBe("Positions on question 1");
      await page.getByRole("heading", { name: "Publish the position of Child Safety Europe" }).waitFor();

      // Submitting empty: the shared schema names what is missing and focus goes to the first field.
      await page.getByRole("button", { name: "Publish the position" }).click();
      await page.getByText("Stance is required.").waitFor();

      expect(await page.getByLabel("Amendment text").count()).toBe(0);
      await page.getByLabel("Support with amendments").check();
      await page.getByLabel("Summary").fill("Continue voluntary detection, with strict safeguards.");
      await page.getByLabel("Argument").fill("Detection finds **thousands** of victims each year.");
      await page.getByLabel("Amendment text").fill("Add independent audits of detection technology.");
      await page.getByRole("button", { name: "Add evidence" }).click();
      await page.getByLabel("Kind of evidence 1").selectOption("data");
      await page.getByLabel("Citation 1").fill("NCMEC CyberTipline report 2024");
      await page.getByLabel("Link 1 (optional)").fill("https://example.org/cybertipline");
      await page.getByLabel("Declaration of interests (optional)").fill("We receive platform donations.");
      await page.getByLabel("Funding sources (optional)").fill("Foundations and member states.");
      await page.getByRole("button", { name: "Publish the position" }).click();

      const card = page.locator("article.position", { hasText: "Child Safety Europe" });
      await card.waitFor();
      expect(await card.locator(".badge").allTextContents()).toContain("Stance: Support with amendments");
      expect(await card.textContent()).toContain("Add independent audits of detection technology.");
      expect(await card.locator("strong", { hasText: "thousands" }).count()).toBe(1);
      expect(await card.getByRole("link", { name: "NCMEC CyberTipline report 2024" }).getAttribute("href")).toBe("https://example.org/cybertipline");
      expect(await card.textContent()).toContain("We receive platform donations.");
      expect(await card.textContent()).toContain("Foundations and member states.");
      expect(await card.textContent()).toContain("Version 1");
      await page.getByRole("status").filter({ hasText: "Your position was published (version 1)." }).waitFor();
      const table = page.locator("table.counts");
      expect(await table.locator("tbody tr").first().textContent()).toBe(`${CATEGORY_LABELS.child_rights}0100`);

      // Filters live in the address.
      await page.getByLabel("Stance", { exact: true }).selectOption("oppose");
      await page.waitForURL((url) => url.searchParams.get("stance") === "oppose");
      await page.getByText("No positions match these filters.").waitFor();
      await page.getByLabel("Stance", { exact: true }).selectOption("support_with_amendments");
      await card.waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, "positions.png"), fullPage: true });

      // Revising: the form is prefilled and names the version it is based on.
      await page.goto(`/consultations/${c.slug}/questions/${question.id}/positions`);
      await page.getByRole("heading", { name: "Revise the position of Child Safety Europe" }).waitFor();
      expect(await page.getByLabel("Summary").inputValue()).toBe("Continue voluntary detection, with strict safeguards.");
      expect(await page.getByLabel("Argument").inputValue()).toBe("Detection finds **thousands** of victims each year.");
      await page.getByLabel("Oppose").check();
      expect(await page.getByLabel("Amendment text").count()).toBe(0);
      await page.getByRole("button", { name: "Remove evidence item 1" }).click();
      await page.getByRole("button", { name: "Publish the revision" }).click();
      await page.getByRole("status").filter({ hasText: "Your position was published (version 2)." }).waitFor();
      await expect.poll(() => card.locator(".badge").allTextContents()).toContain("Stance: Oppose");
      const stored = await t.prisma.position.findFirstOrThrow({ where: { organisationId: org.id }, include: { evidence: true } });
      expect(stored).toMatchObject({ stance: "oppose", version: 2, amendmentText: null });
      expect(stored.evidence).toEqual([]);

      // Someone else in the organisation revises meanwhile: the next save is refused, then goes through.
      await t.prisma.position.update({ where: { id: stored.id }, data: { version: 3 } });
      await page.getByLabel("Neutral").check();
      await page.getByRole("button", { name: "Publish the revision" }).click();
      await page.getByRole("alert").filter({ hasText: "revised this position since you opened the form" }).waitFor();
      await page.getByRole("button", { name: "Publish the revision" }).click();
      await page.getByRole("status").filter({ hasText: "(version 4)" }).waitFor();
    });
  });

  it("endorses a position and shows the consultation's summary table", async () => {
    const { c } = await seedConsultation();
    const rep = await createUser(t.prisma);
    const org = await createOrganisation(t.prisma, { name: "Digital Freedom Network", category: "digital_rights", verified: true });
    await addToOrganisation(t.prisma, rep.id, org.id, "representative");
    const api = await apiAs(rep);
    const put = await api.put(`/api/consultations/${c.id}/questions/${c.questions[0]!.id}/position`, {
      organisationId: org.id,
      stance: "oppose",
      summary: "Scanning private messages is disproportionate.",
      argument: "It fails the necessity test.",
    });
    expect(put.status).toBe(201);
    const fan = await createUser(t.prisma, { category: "academia" });
    await withPage({ as: fan }, async (page) => {
      await page.goto(`/consultations/${c.slug}`);
      const table = page.locator(".question").first().locator("table.counts");
      await table.waitFor();
      expect(await table.locator("tbody tr").first().textContent()).toBe(`${CATEGORY_LABELS.digital_rights}0010`);
      await page.getByRole("link", { name: "View the 1 position on question 1" }).click();

      const card = page.locator("article.position", { hasText: "Digital Freedom Network" });
      await card.getByRole("button", { name: "Endorse", exact: true }).click();
      await expect.poll(() => card.getByTestId("endorsement-count").textContent()).toBe("1 endorsement");
      await card.getByRole("button", { name: "Withdraw endorsement" }).click();
      await expect.poll(() => card.getByTestId("endorsement-count").textContent()).toBe("0 endorsements");
    });
  });
});

describe("search", () => {
  it("finds a post from the header's search box and highlights the match with <mark>", async () => {
    const { c } = await seedConsultation({ title: "Search consultation" });
    const author = await createUser(t.prisma, { displayName: "Sam Searcher" });
    const { thread, post } = await startThread(await apiAs(author), c.id, { title: "About quokkas", body: "Nothing here." });
    const found = await reply(await apiAs(author), thread.id, { body: "The quokkas <b>of</b> Rottnest need <script>x</script> protection too.", parentId: post.id });

    await withPage({}, async (page) => {
      await page.goto("/consultations");
      await page.getByLabel("Search consultations and contributions").fill("quokkas");
      await page.getByLabel("Search consultations and contributions").press("Enter");
      await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === "quokkas");
      const result = page.locator('article.result[data-type="post"]');
      await result.first().waitFor();
      const mark = result.first().locator("mark");
      expect(await mark.first().textContent()).toMatch(/^quokkas$/i);
      expect(await result.first().locator(".result__snippet b, .result__snippet script").count()).toBe(0);
      expect(await result.first().getByRole("link", { name: "Contribution in “About quokkas”" }).getAttribute("href")).toBe(`/posts/${found.id}`);
      expect(await result.first().textContent()).toContain("Search consultation");
      await page.getByRole("status").filter({ hasText: "for “quokkas”" }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, "search.png"), fullPage: true });

      await page.getByRole("link", { name: "Contribution in “About quokkas”" }).click();
      await page.waitForURL((url) => url.pathname === `/posts/${found.id}`);
      await page.locator("article.post--highlighted").waitFor();
    });
  });

  it("narrows the results by type through the filters in the address", async () => {
    const { c } = await seedConsultation();
    const author = await createUser(t.prisma);
    const { thread, post } = await startThread(await apiAs(author), c.id, { title: "Wombats and detection", body: "Nothing." });
    await reply(await apiAs(author), thread.id, { body: "Wombats dig burrows.", parentId: post.id });
    const probe = await t.client().get("/api/search?q=wombats&type=thread");
    expect(probe.status).toBe(200);
    await withPage({}, async (page) => {
      await page.goto("/search?q=wombats");
      await page.locator('article.result[data-type="post"]').first().waitFor();
      await page.getByLabel("Type").selectOption("thread");
      await page.locator("main").getByRole("button", { name: "Search", exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("type") === "thread");
      await page.locator('article.result[data-type="thread"]').first().waitFor();
      expect(await page.locator('article.result[data-type="post"]').count()).toBe(0);
      expect(await page.getByLabel("Type").inputValue()).toBe("thread");
    });
  });
});

describe("narrow screens", () => {
  it("fits the forum pages in 360px without sideways scrolling", async () => {
    const { c } = await seedConsultation({ title: "A consultation with a rather long title to wrap on small screens" });
    const user = await createUser(t.prisma, { displayName: "Nico Narrow" });
    const api = await apiAs(user);
    const { thread, post } = await startThread(api, c.id, { title: "Deep thread", body: "Level 0" });
    let parent = post.id;
    for (let depth = 1; depth <= 8; depth++) parent = (await reply(api, thread.id, { body: `Level ${depth} with a somewhat longer text to wrap`, parentId: parent })).id;
    await withPage({ as: user, viewport: { width: 360, height: 740 } }, async (page) => {
      const pages: [string, (p: Page) => Promise<unknown>][] = [
        [`/consultations/${c.slug}`, (p) => p.locator(".thread-item").first().waitFor()],
        [`/threads/${thread.id}`, (p) => p.getByText("Level 8 with").waitFor()],
        [`/posts/${parent}`, (p) => p.locator("article.post--highlighted").waitFor()],
        [`/consultations/${c.slug}/questions/${c.questions[0]!.id}/positions`, (p) => p.getByText("No positions yet.").waitFor()],
        ["/search?q=level", (p) => p.locator("article.result").first().waitFor()],
      ];
      for (const [url, ready] of pages) {
        await page.goto(url);
        await ready(page);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
      }
      await page.goto(`/threads/${thread.id}`);
      await page.getByText("Level 8 with").waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, "thread-360.png"), fullPage: true });
    });
  });
});
