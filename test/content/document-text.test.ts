// Issue 10 item 10: a consultation's background keeps its subheadings as headings (under the page's
// level-2 "Background", so from level 3), while posts still flatten them; the mapping is a fixed point
// and nothing else changes in the policy (a script inside a heading is still dropped).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCUMENT_TEXT_POLICY, renderDocumentText, renderRichText, sanitizeRichHtml } from "../../server/content/rich-text.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, logIn } from "../support/factories.ts";

describe("document text (a consultation's background)", () => {
  it("keeps subheadings as h3 and h4, and only those", () => {
    expect(renderDocumentText("# Context\n\nText.")).toBe("<h3>Context</h3>\n<p>Text.</p>\n");
    expect(renderDocumentText("## What is asked")).toContain("<h3>What is asked</h3>");
    expect(renderDocumentText("### Detail")).toContain("<h4>Detail</h4>");
    expect(renderDocumentText("###### Deep")).toContain("<h4>Deep</h4>");
    expect(renderDocumentText('<h2 id="x" onclick="alert(1)">Raw <script>alert(1)</script>heading</h2>')).toBe("<h3>Raw heading</h3>");
    // The control: a post's body still flattens the same Markdown.
    expect(renderRichText("## What is asked")).toBe("<p>What is asked</p>\n");
  });

  it("is a fixed point: sanitising the stored HTML again changes nothing", () => {
    for (const source of ["# A\n\n## B\n\n### C\n\n#### D\n\ntext **bold**", "<h1>x</h1><h5>y</h5><p>z</p>"]) {
      const once = renderDocumentText(source);
      expect(sanitizeRichHtml(once, DOCUMENT_TEXT_POLICY)).toBe(once);
    }
  });
});

describe("a consultation's background through the API", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  it("is stored and served with its subheadings", async () => {
    const admin = await createUser(t.prisma, { isAdmin: true });
    const client = t.client();
    await logIn(client, admin);
    const res = await client.post(`/api/consultations`, {
      title: "Headings",
      summary: "A background with a structure.",
      background: "## The proposal\n\nDetection orders.\n\n### Encryption\n\nWhat it means.",
      questions: [],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const read = await client.get(`/api/consultations/${res.body.consultation.id}`);
    expect(read.body.consultation.backgroundHtml).toBe("<h3>The proposal</h3>\n<p>Detection orders.</p>\n<h4>Encryption</h4>\n<p>What it means.</p>\n");
  });
});
