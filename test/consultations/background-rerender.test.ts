// Backgrounds stored before subheadings were kept (rendered as paragraphs) are re-rendered from their
// Markdown at the next boot, once: the stored rendering version gates it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createConsultation, createUser } from "../support/factories.ts";
import { DOCUMENT_TEXT_RENDERING } from "../../server/content/rerender.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const OLD_HTML = "<p>The proposal</p>\n<p>Detection orders.</p>\n";

describe("backgrounds stored by an older renderer", () => {
  it("are re-rendered with their subheadings at boot, once per rendering version", async () => {
    const organiser = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id });
    const source = "## The proposal\n\nDetection orders.";
    // As an older version of Roundtable stored it, before it knew of the current rendering.
    await t.prisma.consultation.update({ where: { id: c.id }, data: { backgroundSource: source, backgroundHtml: OLD_HTML } });
    await t.prisma.setting.deleteMany({ where: { key: "rendering.documentText" } });
    await t.restart();
    const read = await t.client().get(`/api/consultations/${c.id}`);
    expect(read.body.consultation.backgroundHtml).toBe("<h3>The proposal</h3>\n<p>Detection orders.</p>\n");
    const version = await t.prisma.setting.findUniqueOrThrow({ where: { key: "rendering.documentText" } });
    expect(Number(version.value)).toBe(DOCUMENT_TEXT_RENDERING);

    // Once the stored version is current, a boot leaves stored HTML alone (no re-rendering on every start).
    await t.prisma.consultation.update({ where: { id: c.id }, data: { backgroundHtml: OLD_HTML } });
    await t.restart();
    const again = await t.client().get(`/api/consultations/${c.id}`);
    expect(again.body.consultation.backgroundHtml).toBe(OLD_HTML);
  });
});
