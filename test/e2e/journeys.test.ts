// Every role's whole job in the browser, one story told in order: an organiser creates a consultation
// with three questions, adds members and opens it; a participant contributes; a moderator dismisses
// one flag and hides one post; the author sees the decision with its reasons and appeals; the organiser
// closes the consultation and publishes the summary; an admin verifies an organisation and suspends an
// account. All through the UI. axe finds no serious or critical violation on any page visited (and on
// the consoles in French and German), and the main pages are photographed at 390 and 1280 px into
// docs/screenshots/ (with UPDATE_SCREENSHOTS=1; otherwise into test/.tmp/screenshots/).
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestServer } from "../support/server.ts";
import { addToOrganisation, createConsultation, createOrganisation, createUser } from "../support/factories.ts";
import { e2eHarness, type User } from "./support/harness.ts";

// A journey step visits several pages and photographs some at two widths: minutes, not seconds.
vi.setConfig({ testTimeout: 240_000 });
const e2e = e2eHarness();
/** The machine is shared and slow: conditions get ten seconds, as locators do. */
const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });
/** The README's pictures are refreshed on request (UPDATE_SCREENSHOTS=1); a plain run leaves the checkout clean. */
const DOCS_SCREENSHOTS = path.resolve(process.env.UPDATE_SCREENSHOTS ? "docs/screenshots" : "test/.tmp/screenshots");
let t: TestServer;

const people = {} as Record<"organiser" | "participant" | "flagger" | "moderator" | "admin" | "representative" | "spammer", User>;
let organisationId = "";
const slug = `detection-orders-${Date.now().toString(36)}`;
const title = "Detection orders and encrypted services";
const visited: { url: string; violations: string[] }[] = [];

beforeAll(async () => {
  ({ t } = await e2e.start());
  fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  people.organiser = await createUser(t.prisma, { displayName: "Olga Organiser", category: "public_authority" });
  // Organisers of an earlier consultation may create new ones.
  await createConsultation(t.prisma, { createdById: people.organiser.id });
  people.participant = await createUser(t.prisma, { displayName: "Pia Privacy", category: "digital_rights" });
  people.flagger = await createUser(t.prisma, { displayName: "Felix Flagger", category: "individual" });
  people.moderator = await createUser(t.prisma, { displayName: "Mona Moderator" });
  people.admin = await createUser(t.prisma, { displayName: "Ada Admin", isAdmin: true });
  people.representative = await createUser(t.prisma, { displayName: "Gus Guild" });
  people.spammer = await createUser(t.prisma, { displayName: "Sam Spammer" });
  const org = await createOrganisation(t.prisma, { name: "Independent App Developers Guild", category: "industry" });
  organisationId = org.id;
  await addToOrganisation(t.prisma, people.representative.id, org.id, "representative");
});
afterAll(() => e2e.stop());

/** axe on the page as it is now: no serious or critical violation. */
async function checkA11y(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  visited.push({ url: `${label} ${new URL(page.url()).pathname}`, violations: bad });
  expect(bad, `${label} at ${page.url()}`).toEqual([]);
}

/** The page at 390 px and 1280 px into docs/screenshots/<name>-<width>.png, as `as` sees it. */
async function photograph(as: User | null, url: string, name: string, ready: (page: Page) => Promise<unknown>) {
  for (const width of [390, 1280]) {
    const session = await e2e.open({ as, viewport: { width, height: width === 390 ? 844 : 900 } });
    try {
      await session.page.goto(url);
      await ready(session.page);
      await session.page.screenshot({ path: path.join(DOCS_SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    } finally {
      await session.close();
    }
  }
}

const consultation = () => t.prisma.consultation.findUniqueOrThrow({ where: { slug }, include: { questions: { orderBy: { ordinal: "asc" } } } });

describe("the organiser's journey", () => {
  it("creates a consultation with three questions, adds members and opens it, confirming what will happen", async () => {
    await e2e.withPage({ as: people.organiser }, async (page) => {
      await page.goto("/consultations");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New consultation" }).click();
      await page.waitForURL("**/consultations/new");
      await page.getByRole("heading", { level: 1, name: "New consultation" }).waitFor();
      await checkA11y(page, "new consultation");

      // The shared schema speaks first: an empty form names the fields it needs.
      await page.getByRole("button", { name: "Create the draft" }).click();
      await page.getByText("Title is required", { exact: false }).first().waitFor();

      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Address (slug)").fill(slug);
      await page.getByLabel("Summary").fill("Should detection orders reach end-to-end encrypted services, and with which safeguards?");
      await page.getByLabel("Background").fill("## The proposal\n\nThe proposal lets authorities order providers to *detect* known material.\n\nThis consultation asks what that means for encryption.");
      await page.getByLabel("Moderation").selectOption("post");
      await poll(() => page.getByTestId("time-zone").textContent()).toContain("time zone");
      await page.getByLabel("Closes").fill("2099-06-30T17:00");
      await page.getByLabel("Question 1", { exact: true }).fill("Should detection orders cover encrypted services?");
      await page.getByRole("button", { name: "Add a question" }).click();
      await page.getByLabel("Question 2", { exact: true }).fill("Which safeguards must a detection order carry?");
      await page.getByRole("button", { name: "Add a question" }).click();
      await page.getByLabel("Question 3", { exact: true }).fill("How should redress work for wrongly flagged users?");
      // Reorder: the redress question goes second.
      await page.getByRole("button", { name: "Move up question 3" }).click();
      expect(await page.getByLabel("Question 2", { exact: true }).inputValue()).toBe("How should redress work for wrongly flagged users?");
      await page.getByRole("button", { name: "Create the draft" }).click();

      await page.waitForURL(`**/consultations/${slug}/manage`);
      await page.getByText("The consultation was created as a draft").waitFor();
      const c = await consultation();
      expect(c.status).toBe("draft");
      expect(c.questions.map((q) => q.text)).toEqual([
        "Should detection orders cover encrypted services?",
        "How should redress work for wrongly flagged users?",
        "Which safeguards must a detection order carry?",
      ]);
      expect(c.closesAt?.toISOString()).toBe(new Date("2099-06-30T17:00").toISOString());
      await checkA11y(page, "organiser console");

      // Members: by email, with a role; the list shows them with their role.
      const members = page.getByTestId("members");
      const add = async (user: User, role: string) => {
        // The form that adds an existing account (the mailed invitation form beside it has the same labels).
        const form = members.locator("form").filter({ has: page.getByRole("button", { name: "Add member" }) });
        await form.getByLabel("Email address", { exact: true }).fill(user.email);
        await form.getByLabel("Role", { exact: true }).selectOption(role);
        await form.getByRole("button", { name: "Add member" }).click();
        await members.getByTestId("members-status").filter({ hasText: `${user.displayName} is now` }).waitFor();
      };
      await add(people.participant, "participant");
      await add(people.flagger, "participant");
      await add(people.moderator, "moderator");
      await poll(() => members.getByTestId("member-row").count()).toBe(4);
      // Searching narrows the list.
      await members.getByLabel("Search by name or email").fill("mona");
      await members.getByRole("button", { name: "Search" }).click();
      await poll(() => members.getByTestId("member-row").allTextContents()).toEqual([expect.stringContaining("Mona Moderator")]);

      // Opening says what will happen before it happens.
      await page.getByRole("button", { name: "Open for contributions" }).click();
      const dialog = page.getByRole("dialog", { name: "Open the consultation?" });
      expect(await dialog.getByTestId("lifecycle-consequence").textContent()).toContain("every member is notified");
      await checkA11y(page, "open dialog");
      await dialog.getByRole("button", { name: "Open and notify members" }).click();
      await poll(() => page.getByTestId("lifecycle-status").textContent()).toBe("Open");
      expect((await consultation()).status).toBe("open");
      // The access mode is fixed from now on, and the form says so.
      expect(await page.getByLabel("Access").isDisabled()).toBe(true);
    });
    const notified = await t.prisma.notification.count({ where: { userId: people.participant.id, kind: "consultation_opened" } });
    expect(notified).toBe(1);

    await photograph(people.organiser, `/consultations/${slug}/manage`, "organiser-console", (p) => p.getByTestId("members").waitFor());
  });
});

describe("the participant's journey", () => {
  it("starts a thread on a question and replies in it", async () => {
    await e2e.withPage({ as: people.participant }, async (page) => {
      await page.goto(`/consultations/${slug}`);
      await page.getByRole("navigation", { name: "On this page" }).waitFor();
      // The background's subheading is a heading, under the page's "Background".
      await page.getByTestId("background").getByRole("heading", { level: 3, name: "The proposal" }).waitFor();
      await checkA11y(page, "consultation page");
      await page.getByRole("button", { name: "Start a thread" }).click();
      await page.getByLabel("Title").fill("Scanning breaks the promise of encryption");
      await page.getByLabel("Opening contribution").fill("Client-side scanning reads every message before it is encrypted.");
      await page.getByRole("button", { name: "Start the thread" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/threads/"));
      const opening = page.locator("article.post").first();
      await opening.waitFor();
      await opening.getByRole("button", { name: /^Reply to/ }).click();
      await page.getByLabel("Your reply").fill("And whoever defends it is paid to: my phone number is +32 470 00 00 00, call me.");
      await page.getByRole("button", { name: "Post reply" }).click();
      await page.getByTestId("announcer").filter({ hasText: "Your reply was published." }).waitFor();
      await checkA11y(page, "thread page");
    });
    expect(await t.prisma.post.count({ where: { consultationId: (await consultation()).id, authorId: people.participant.id, status: "published" } })).toBe(2);
    await photograph(null, `/consultations/${slug}`, "consultation", (p) => p.getByRole("navigation", { name: "On this page" }).waitFor());
  });

  it("another participant flags both contributions", async () => {
    const posts = await t.prisma.post.findMany({ where: { consultationId: (await consultation()).id }, orderBy: { seq: "asc" } });
    await e2e.withPage({ as: people.flagger }, async (page) => {
      await page.goto(`/threads/${posts[0]!.threadId}`);
      for (const [post, reason] of [[posts[0]!, "spam"], [posts[1]!, "personal_data"]] as const) {
        const article = page.locator(`article[id="post-${post.id}"]`);
        await article.getByRole("button", { name: /^Flag/ }).click();
        const dialog = page.getByRole("dialog", { name: "Flag this contribution" });
        await dialog.getByLabel("Reason", { exact: true }).selectOption(reason);
        await dialog.getByRole("button", { name: "Send the flag" }).click();
        await poll(() => dialog.isVisible()).toBe(false);
      }
    });
    expect(await t.prisma.flag.count({ where: { postId: { in: posts.map((p) => p.id) }, resolvedAt: null } })).toBe(2);
  });
});

describe("the moderator's journey", () => {
  it("sees the waiting count in the header, dismisses one flag with a note and hides the other post", async () => {
    const posts = await t.prisma.post.findMany({ where: { consultationId: (await consultation()).id }, orderBy: { seq: "asc" } });
    await e2e.withPage({ as: people.moderator }, async (page) => {
      await page.goto("/");
      const entry = page.getByTestId("header-moderation");
      await poll(() => entry.textContent()).toContain("2");
      await entry.click();
      await page.waitForURL("**/moderation");
      await page.getByTestId("moderation-total").filter({ hasText: "2 items wait for review." }).waitFor();
      await checkA11y(page, "moderation home");
      await page.getByRole("link", { name: `Open the queue ${title}` }).click();
      await page.waitForURL(`**/consultations/${slug}/moderation`);
      await page.getByText("no action needed (dismiss the flags)").waitFor();

      // The opening post's flag was unfounded: select it, press n, leave a note.
      const first = page.locator(`#queue-item-${posts[0]!.id}`);
      await first.click();
      await poll(() => first.getAttribute("aria-current")).toBe("true");
      await page.locator("main h1").click();
      await page.keyboard.press("n");
      const dismiss = page.getByRole("dialog", { name: "No action needed" });
      await dismiss.getByLabel("Note for the other moderators").fill("Not spam: an argument about encryption.");
      await checkA11y(page, "dismiss dialog");
      await dismiss.getByRole("button", { name: "Dismiss the flags" }).click();
      await page.getByTestId("queue-status").filter({ hasText: "No action needed" }).waitFor();
      await poll(async () => (await t.prisma.post.findUniqueOrThrow({ where: { id: posts[0]!.id } })).status).toBe("published");

      // The reply names a phone number: hide it, with the reasons.
      const second = page.locator(`#queue-item-${posts[1]!.id}`);
      await second.click();
      await page.getByTestId("queue-context").getByText("Decision history").click();
      await page.getByTestId("queue-context").getByText("No decision has been taken on this item yet.").waitFor();
      await page.getByTestId("queue-context").getByRole("button", { name: /^Hide…/ }).click();
      const hide = page.getByRole("dialog", { name: "Hide this contribution" });
      await hide.getByLabel("Reason", { exact: true }).selectOption("personal_data");
      await hide.getByLabel("Statement of reasons").fill("It contains a phone number.");
      await hide.getByRole("button", { name: "Hide", exact: true }).click();
      await page.getByTestId("queue-status").filter({ hasText: "Decision recorded" }).waitFor();
      await page.getByText("The queue is empty").waitFor();
      await checkA11y(page, "moderation queue");

      // Both decisions are in the moderation log.
      await page.goto(`/consultations/${slug}/moderation/log`);
      const log = page.getByTestId("moderation-log");
      await log.waitFor();
      const text = await log.textContent();
      expect(text).toContain("Flags dismissed (no action needed)");
      expect(text).toContain("Not spam: an argument about encryption.");
      expect(text).toContain("It contains a phone number.");
      await checkA11y(page, "moderation log");
    });
    expect((await t.prisma.post.findUniqueOrThrow({ where: { id: posts[1]!.id } })).status).toBe("hidden");
    expect(await t.prisma.flag.count({ where: { postId: { in: posts.map((p) => p.id) }, resolvedAt: null } })).toBe(0);
    const dismissal = await t.prisma.moderationDecision.findFirstOrThrow({ where: { postId: posts[0]!.id, action: "dismiss_flags" } });
    expect(dismissal.statement).toBe("Not spam: an argument about encryption.");
  });
});

describe("the author's journey", () => {
  it("finds the hidden post in place with its reasons, appeals from there; others see only a gap", async () => {
    const hidden = await t.prisma.post.findFirstOrThrow({ where: { consultationId: (await consultation()).id, status: "hidden" } });
    await e2e.withPage({ as: people.participant }, async (page) => {
      await page.goto(`/threads/${hidden.threadId}`);
      const article = page.locator(`article[id="post-${hidden.id}"]`);
      const notice = article.getByTestId("post-decision");
      await notice.waitFor();
      expect(await notice.textContent()).toContain("only you and the moderators see it");
      expect(await notice.getByTestId("post-decision-statement").textContent()).toBe("It contains a phone number.");
      expect(await article.getByTestId("post-body").textContent()).toContain("+32 470 00 00 00");
      await checkA11y(page, "thread with a hidden post, its author");
      await notice.getByRole("link", { name: "Appeal this decision" }).click();
      // The link names the decision: /me/decisions#decision-<id>.
      await page.waitForURL((url) => url.pathname === "/me/decisions" && url.hash.startsWith("#decision-"));
      const card = page.getByTestId("decision").first();
      await card.waitFor();
      expect(await card.getByTestId("decision-reason").textContent()).toBe("Personal data");
      expect(await card.getByTestId("decision-statement").textContent()).toBe("It contains a phone number.");
      await checkA11y(page, "my decisions");
      await card.getByRole("button", { name: "Appeal this decision" }).click();
      await card.getByLabel("Your appeal").fill("The number is my office line, published on our website.");
      await card.getByRole("button", { name: "Lodge the appeal" }).click();
      await page.getByRole("status").filter({ hasText: "Your appeal was lodged" }).waitFor();
      // Back in the thread, the post says its appeal is under review.
      await page.goto(`/threads/${hidden.threadId}`);
      await article.getByTestId("post-decision-appeal").filter({ hasText: "Your appeal is being reviewed." }).waitFor();
    });
    expect((await t.prisma.appeal.findFirstOrThrow({ where: { authorId: people.participant.id } })).status).toBe("open");

    // Another participant: the opening post (positive control) and, where the reply was, a gap with the reason.
    await e2e.withPage({ as: people.flagger }, async (page) => {
      await page.goto(`/threads/${hidden.threadId}`);
      await page.getByTestId("post-body").filter({ hasText: "Client-side scanning reads every message" }).waitFor();
      await page.getByTestId("post-removed").filter({ hasText: "A contribution was hidden by moderation (Personal data)." }).waitFor();
      const html = await page.content();
      expect(html).not.toContain("+32 470");
      expect(html).not.toContain(hidden.id);
      await checkA11y(page, "thread with a hidden post, others");
    });
  });
});

describe("the organiser's journey, continued", () => {
  it("sees the questions locked, closes the consultation and publishes the summary", async () => {
    await e2e.withPage({ as: people.organiser }, async (page) => {
      await page.goto(`/consultations/${slug}/manage`);
      await page.getByTestId("questions-locked").filter({ hasText: "fixed once contributions exist" }).waitFor();
      await page.getByRole("button", { name: "Close the consultation" }).click();
      const dialog = page.getByRole("dialog", { name: "Close the consultation?" });
      expect(await dialog.getByTestId("lifecycle-consequence").textContent()).toContain("Nobody can contribute any more");
      await dialog.getByRole("button", { name: "Close and notify members" }).click();
      await poll(() => page.getByTestId("lifecycle-status").textContent()).toBe("Closed");

      await page.getByRole("link", { name: "Dashboard and reports" }).click();
      await page.waitForURL(`**/consultations/${slug}/dashboard`);
      await page.getByRole("button", { name: "Publish version" }).click();
      // It is permanent, and the dialog says so before anything happens.
      const confirm = page.getByRole("dialog", { name: "Publish this version of the summary?" });
      expect(await confirm.getByTestId("publish-consequence").textContent()).toContain("This is permanent");
      await confirm.getByRole("button", { name: "Publish permanently" }).click();
      await page.getByTestId("publish-status").filter({ hasText: "Version 1 published" }).waitFor();
      await checkA11y(page, "dashboard");
    });
    expect((await consultation()).status).toBe("summary_published");
    expect(await t.prisma.summaryVersion.count({ where: { consultationId: (await consultation()).id } })).toBe(1);
  });
});

describe("the representative's account", () => {
  it("shows the organisation awaiting verification, and that they post in their own name until then", async () => {
    await e2e.withPage({ as: people.representative }, async (page) => {
      await page.goto("/");
      await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Account", exact: true }).click();
      await page.waitForURL("**/account");
      const membership = page.getByTestId("membership").filter({ hasText: "Independent App Developers Guild" });
      expect(await membership.getByTestId("awaiting-verification").textContent()).toContain("you post in your own name");
      await page.getByLabel("Display name").fill("Gus G. Guild");
      await page.getByRole("button", { name: "Save the profile" }).click();
      await page.getByTestId("profile-status").filter({ hasText: "You appear as Gus G. Guild" }).waitFor();
      await page.getByRole("link", { name: "Security and sessions" }).waitFor();
      await checkA11y(page, "account");
    });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: people.representative.id } })).displayName).toBe("Gus G. Guild");
  });
});

describe("a request to represent an organisation", () => {
  it("is asked for on the account page and approved by an admin there; the new representative is told they post in their own name", async () => {
    await e2e.withPage({ as: people.flagger }, async (page) => {
      await page.goto("/account");
      const ask = page.getByTestId("representation-ask");
      await ask.getByLabel("Organisation name").fill("Independent App");
      await ask.getByRole("button", { name: "Find" }).click();
      await ask.getByLabel(/Independent App Developers Guild/).check();
      await ask.getByLabel("A word for whoever decides").fill("I run the Guild's policy desk.");
      await ask.getByRole("button", { name: "Send the request" }).click();
      await page.getByTestId("representation-status").filter({ hasText: "Your request to represent Independent App Developers Guild was sent." }).waitFor();
      await page.getByTestId("representation-mine").filter({ hasText: "Awaiting a decision." }).waitFor();
      await checkA11y(page, "account, representation request");
    });
    await e2e.withPage({ as: people.admin }, async (page) => {
      await page.goto("/account");
      const card = page.getByTestId("representation-to-decide").filter({ hasText: "Felix Flagger asks to represent Independent App Developers Guild" });
      expect(await card.textContent()).toContain("I run the Guild's policy desk.");
      await checkA11y(page, "account, requests to decide");
      await card.getByRole("button", { name: "Approve" }).click();
      await page.getByTestId("representation-status").filter({ hasText: "Felix Flagger now represents Independent App Developers Guild." }).waitFor();
    });
    expect(await t.prisma.organisationMembership.findUniqueOrThrow({ where: { userId_organisationId: { userId: people.flagger.id, organisationId } } })).toMatchObject({ role: "representative" });
    expect(await t.prisma.auditEntry.count({ where: { action: "approve_representation", targetId: people.flagger.id } })).toBe(1);
    await e2e.withPage({ as: people.flagger }, async (page) => {
      await page.goto("/account");
      await page.getByTestId("representation-mine").filter({ hasText: "until then you post in your own name" }).waitFor();
      const membership = page.getByTestId("membership").filter({ hasText: "Independent App Developers Guild" });
      expect(await membership.getByTestId("awaiting-verification").textContent()).toContain("you post in your own name");
    });
  });
});

describe("the admin's journey", () => {
  it("verifies the pending organisation and suspends an account with a reason", async () => {
    await e2e.withPage({ as: people.admin }, async (page) => {
      await page.goto("/");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin", exact: true }).click();
      await page.waitForURL("**/admin");
      const org = page.getByTestId("admin-organisation").filter({ hasText: "Independent App Developers Guild" });
      await org.waitFor();
      expect(await org.textContent()).toContain("Awaiting verification");
      await checkA11y(page, "admin organisations");
      await org.getByRole("button", { name: "Verify Independent App Developers Guild" }).click();
      await page.getByTestId("admin-status").filter({ hasText: "Independent App Developers Guild is verified" }).waitFor();
      expect(await org.textContent()).toContain("Verified");

      await page.getByRole("link", { name: "Accounts" }).click();
      await page.waitForURL("**/admin/accounts");
      const search = page.getByRole("search", { name: "Accounts" });
      await search.getByLabel("Search by name or email").fill("Sam Spammer");
      await search.getByRole("button", { name: "Search" }).click();
      const account = page.getByTestId("admin-account").filter({ hasText: "Sam Spammer" });
      await poll(() => page.getByTestId("admin-account").count()).toBe(1);
      await checkA11y(page, "admin accounts");
      await account.getByRole("button", { name: "Suspend Sam Spammer" }).click();
      const form = page.getByRole("form", { name: "Suspend Sam Spammer" });
      await form.getByLabel("Reason", { exact: true }).selectOption("spam");
      await form.getByLabel("Statement of reasons").fill("Advertising in every thread.");
      await form.getByRole("button", { name: "Suspend and notify" }).click();
      await page.getByTestId("admin-status").filter({ hasText: "Sam Spammer is suspended" }).waitFor();
      expect(await account.getByTestId("account-status").textContent()).toBe("Suspended");

      await page.getByRole("link", { name: "Audit of admin actions" }).click();
      await page.waitForURL("**/admin/audit");
      await poll(() => page.getByTestId("admin-audit-entry").allTextContents()).toEqual([
        expect.stringContaining("Suspended an account"),
        expect.stringContaining("Verified an organisation"),
        // The request approved on the account page, readable: who, for which organisation, what changed.
        expect.stringContaining("Approved a request to representAda AdminFelix Flagger role: none → representative; organisation: Independent App Developers Guild"),
      ]);
      await checkA11y(page, "admin audit");
    });
    expect((await t.prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } })).verified).toBe(true);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: people.spammer.id } })).status).toBe("suspended");
    await photograph(people.admin, "/admin", "admin-console", (p) => p.getByTestId("admin-organisation").first().waitFor());
  });

  it("is the ordinary 'Page not found' to everyone but an admin", async () => {
    await e2e.withPage({ as: people.organiser }, async (page) => {
      await page.goto("/admin");
      await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
      expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin", exact: true }).count()).toBe(0);
    });
    // Positive control: the same address is the console for an admin.
    await e2e.withPage({ as: people.admin }, async (page) => {
      await page.goto("/admin");
      await page.getByRole("heading", { level: 1, name: "Organisations" }).waitFor();
    });
  });
});

describe("the consoles in French and German", () => {
  for (const [language, manage, admin] of [
    ["fr", "Gérer : ", "Organisations"],
    ["de", "Verwalten: ", "Organisationen"],
  ] as const) {
    it(`are translated and accessible in ${language}`, async () => {
      for (const [as, url, heading] of [
        [people.organiser, `/consultations/${slug}/manage`, `${manage}${title}`],
        [people.admin, "/admin", admin],
      ] as const) {
        // The account's own choice wins over the browser's (the journey above saved English for these
        // accounts), so the language is chosen as a person would keep it: on the account.
        await t.prisma.user.updateMany({ where: { email: as.email }, data: { language } });
        const session = await e2e.open({ as });
        try {
          await session.page.addInitScript((lang) => window.localStorage.setItem("roundtable.language", lang), language);
          await session.page.goto(url);
          await session.page.getByRole("heading", { level: 1, name: heading }).waitFor();
          expect(await session.page.evaluate(() => document.documentElement.lang)).toBe(language);
          await checkA11y(session.page, `${language} ${url}`);
          expect(session.errors).toEqual([]);
        } finally {
          await session.close();
        }
      }
    });
  }

  it("left no page with a serious or critical violation", () => {
    expect(visited.length).toBeGreaterThan(10);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
