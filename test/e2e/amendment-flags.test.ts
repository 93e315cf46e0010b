// Flags on amendments in a real browser (issue 13): a participant flags another's amendment from its
// card in the reading view (its author is offered no Flag), the moderator finds it flagged in the queue
// with the reason and the note, and dismisses the flags there ("No action needed").
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser } from "../support/factories.ts";
import { e2eHarness } from "./support/harness.ts";

vi.setConfig({ testTimeout: 180_000 });
const e2e = e2eHarness();
const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });
const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";

let t: TestServer;
beforeAll(async () => {
  ({ t } = await e2e.start());
});
afterAll(() => e2e.stop());

describe("flagging an amendment", () => {
  it("a participant flags it from its card, and a moderator dismisses the flag in the queue", async () => {
    const organiser = await createUser(t.prisma, { displayName: "Olga Organiser", category: "public_authority" });
    const c = await createConsultation(t.prisma, { createdById: organiser.id, title: "Online harm regulation" });
    const moderator = await createUser(t.prisma, { displayName: "Mona Moderator" });
    const author = await createUser(t.prisma, { displayName: "Aldo Author", category: "industry" });
    const reader = await createUser(t.prisma, { displayName: "Rita Reader", category: "child_rights" });
    await addMember(t.prisma, c.id, moderator.id, "moderator");
    for (const u of [author, reader]) await addMember(t.prisma, c.id, u.id, "participant");
    const text = await (await e2e.apiAs(organiser)).post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
    expect(text.status).toBe(201);
    const words = `watches${Date.now().toString(36)}`;
    const proposed = await (await e2e.apiAs(author)).post(`/api/texts/${text.body.text.id}/amendments`, { eId: POINT_A, kind: "replace", proposedText: `Buy cheap ${words}`, justification: "Because." });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const amendmentId = proposed.body.amendment.id as string;
    const reading = `/consultations/${c.slug}/texts/${text.body.text.id}?unit=${POINT_A}`;

    // Its author is offered no Flag on their own amendment.
    await e2e.withPage({ as: author }, async (page) => {
      await page.goto(reading);
      const card = page.locator(`#amendment-${amendmentId}`);
      await card.getByText(words).waitFor();
      await card.getByRole("button", { name: /^Withdraw/ }).waitFor();
      expect(await card.getByRole("button", { name: /^Flag/ }).count()).toBe(0);
    });

    await e2e.withPage({ as: reader }, async (page) => {
      await page.goto(reading);
      const card = page.locator(`#amendment-${amendmentId}`);
      await card.getByText(words).waitFor();
      await card.getByRole("button", { name: /^Flag/ }).click();
      const dialog = page.getByRole("dialog", { name: "Flag this amendment" });
      await dialog.getByText("The author will not learn who flagged it.").waitFor();
      await dialog.getByLabel("Reason", { exact: true }).selectOption("spam");
      await dialog.getByLabel("Note for the moderators").fill("An advert, not an amendment.");
      await dialog.getByRole("button", { name: "Send the flag" }).click();
      await card.getByText("Thank you: your flag was received.").waitFor();
    });
    const flag = await t.prisma.flag.findFirstOrThrow({ where: { amendmentId } });
    expect(flag).toMatchObject({ flaggerId: reader.id, reason: "spam", note: "An advert, not an amendment.", resolvedAt: null });

    await e2e.withPage({ as: moderator }, async (page) => {
      await page.goto(`/consultations/${c.slug}/moderation`);
      const item = page.locator(`#queue-item-${amendmentId}`);
      await item.getByText("1 flag").waitFor();
      await item.click();
      await poll(() => item.getAttribute("aria-current")).toBe("true");
      const panel = page.getByTestId("queue-context");
      await panel.getByText("An advert, not an amendment.").waitFor();
      // Hide is offered beside the dismissal (the existing decision path).
      await panel.getByRole("button", { name: /^Hide/ }).waitFor();
      await panel.getByRole("button", { name: /^No action needed/ }).click();
      const dismiss = page.getByRole("dialog", { name: "No action needed" });
      await dismiss.getByLabel("Note for the other moderators").fill("A real proposal, if clumsy.");
      await dismiss.getByRole("button", { name: "Dismiss the flags" }).click();
      await page.getByTestId("queue-status").filter({ hasText: "No action needed" }).waitFor();
      await poll(() => page.locator(`#queue-item-${amendmentId}`).count()).toBe(0);
    });
    expect(await t.prisma.flag.count({ where: { amendmentId, resolvedAt: null } })).toBe(0);
    expect((await t.prisma.amendment.findUniqueOrThrow({ where: { id: amendmentId } })).status).toBe("published");
    expect(await t.prisma.auditEntry.findFirstOrThrow({ where: { targetType: "amendment", targetId: amendmentId, action: "dismiss_flags" } })).toMatchObject({ actorId: moderator.id, statement: "A real proposal, if clumsy." });
  });
});
