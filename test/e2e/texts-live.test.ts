// The reading view in the browser, at scale and live: a unit with more threads than the old text-wide cap
// shows every one of them; a reply somebody else posts in an anchored thread moves the unit's margin count
// without a reload (a real socket); and "the text changed" in the notifications links to the unit.
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser } from "../support/factories.ts";
import { e2eHarness, type User } from "./support/harness.ts";

vi.setConfig({ testTimeout: 180_000 });
const e2e = e2eHarness();
const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const FIXTURE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/texts/regulation.md"), "utf8");
const POINT_A = "art_7__para_4__point_a";
const PARA_1 = "art_1__para_1";

let t: TestServer;
let browser: Browser;
let organiser: User;
let reader: User;
let writer: User;
let slug = "";
let consultationId = "";
let textId = "";

beforeAll(async () => {
  ({ t, browser } = await e2e.start());
  void browser;
  organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  reader = await createUser(t.prisma, { displayName: "Rhea Reader" });
  writer = await createUser(t.prisma, { displayName: "Wim Writer" });
  const c = await createConsultation(t.prisma, { createdById: organiser.id, title: "Online harm regulation" });
  slug = c.slug;
  consultationId = c.id;
  for (const u of [reader, writer]) await addMember(t.prisma, c.id, u.id, "participant");
  const api = await e2e.apiAs(organiser);
  const created = await api.post(`/api/consultations/${c.id}/texts`, { title: "The proposal", format: "markdown", content: FIXTURE });
  expect(created.status).toBe(201);
  textId = created.body.text.id;
});
afterAll(() => e2e.stop());

const readingPath = (unit?: string) => `/consultations/${slug}/texts/${textId}${unit ? `?unit=${unit}` : ""}`;

describe("the reading view at scale and live", () => {
  it("shows every thread of a unit past the old cap of 500", async () => {
    const n = 510;
    await t.prisma.$executeRawUnsafe(`INSERT INTO threads (id, consultation_id, title, author_id) SELECT 'sc' || i, $1, 'Seeded thread ' || i, $2 FROM generate_series(1, $3::int) i`, consultationId, organiser.id, n);
    await t.prisma.$executeRawUnsafe(`INSERT INTO thread_anchors (thread_id, consultation_id, document_id, e_id, version_number) SELECT 'sc' || i, $1, $2, $3, 1 FROM generate_series(1, $4::int) i`, consultationId, textId, PARA_1, n);
    await t.prisma.$executeRawUnsafe(
      `INSERT INTO posts (id, thread_id, consultation_id, is_opening, author_id, author_category, body_source, body_html, status) SELECT 'scp' || i, 'sc' || i, $1, true, $2, 'individual', 'A comment.', '<p>A comment.</p>', 'published' FROM generate_series(1, $3::int) i`,
      consultationId, organiser.id, n,
    );
    await e2e.withPage({ as: reader }, async (page) => {
      await page.goto(readingPath(PARA_1));
      await page.getByTestId("unit-panel").waitFor();
      await poll(() => page.locator('[data-testid="anchored-threads"] > li').count()).toBe(n);
      await expect(page.getByRole("link", { name: "Seeded thread 1", exact: true }).count()).resolves.toBe(1);
      await expect(page.getByRole("link", { name: `Seeded thread ${n}`, exact: true }).count()).resolves.toBe(1);
    });
  });

  it("moves a unit's margin count when somebody else replies in one of its threads", async () => {
    const api = await e2e.apiAs(writer);
    const started = await api.post(`/api/texts/${textId}/threads`, { eId: POINT_A, title: "Which risk?", body: "Significant is vague." });
    expect(started.status).toBe(201);
    await e2e.withPage({ as: reader }, async (page) => {
      await page.goto(readingPath());
      const margin = page.locator(`[data-eid="${POINT_A}"] > .unit__row [data-testid="unit-open"]`);
      await poll(() => margin.getAttribute("aria-label")).toContain("1 comment,");
      // Live (the socket is connected; the page joins the consultation room as it renders, as on the
      // consultation page), then a reply by somebody else.
      await poll(() => page.getByTestId("connection").getAttribute("data-status")).toBe("connected");
      const r = await api.post(`/api/threads/${started.body.thread.id}/posts`, { body: "And here is why.", parentId: started.body.post.id });
      expect(r.status).toBe(201);
      await poll(() => margin.getAttribute("aria-label")).toContain("2 comments,");
      // No reload happened: the margin moved in place.
      await expect(page.evaluate(() => performance.getEntriesByType("navigation").length)).resolves.toBe(1);
    });
  });

  it("renders 'the text changed' with the unit as printed, linking to it", async () => {
    const api = await e2e.apiAs(organiser);
    const v2 = FIXTURE.replace("there is evidence of a significant risk", "there is evidence of a specific risk");
    expect((await api.post(`/api/texts/${textId}/versions`, { format: "markdown", content: v2, basedOn: 1 })).status).toBe(201);
    await e2e.withPage({ as: writer }, async (page) => {
      await page.goto("/notifications");
      const item = page.locator('[data-testid="notification"][data-kind="text_changed"]');
      await item.waitFor();
      await expect(item.textContent()).resolves.toContain("A new version (version 2) of “The proposal” changed a unit you commented on or amended");
      await item.getByRole("link", { name: "Article 7(4)(a)" }).click();
      await page.waitForURL((u) => u.searchParams.get("unit") === POINT_A);
      await page.getByRole("heading", { name: "Article 7(4)(a): discussion and amendments" }).waitFor();
    });
  });
});
