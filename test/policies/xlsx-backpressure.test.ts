// The XLSX writer waits for its reader: ExcelJS's streaming writer hands sheet XML to the ZIP without
// waiting (exceljs/exceljs#2916), so without our wait an export nobody reads still pulled every batch and
// piled the sheet up in memory. Here the reader stops reading: the writer must stop pulling rows, then
// finish the whole workbook once reading resumes.
import { describe, expect, it, vi } from "vitest";
import { PassThrough } from "node:stream";
import { randomBytes } from "node:crypto";
import { writeContributionsXlsx } from "../../server/exports/formats/contributions.ts";
import type { ContributionBatch } from "../../server/exports/formats/columns.ts";
import { xlsxSheets } from "../exports/support.ts";

const BATCHES = 40;
const ROWS = 500;
const meta = {
  generatedAt: "2026-12-03T10:00:00.000Z",
  scope: "public" as const,
  consultation: { id: "c1", slug: "c", title: "C", accessMode: "open", authorsWithheld: false },
};

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};
/**
 * Event-loop turns and then some wall-clock time: the ZIP's compression runs on libuv's thread pool, so
 * on a loaded machine it can still move rows along after many turns (CI saw 3 batches become 5). "Nothing
 * moves any more" has no event to await; a quiet spell of both kinds is the check.
 */
const quietSpell = async () => {
  await turns(200);
  await new Promise((r) => setTimeout(r, 250));
};

describe("XLSX export backpressure", () => {
  it("stops pulling rows while its reader does not read, and completes every row once it does", async () => {
    let pulled = 0;
    async function* batches(): AsyncGenerator<ContributionBatch> {
      for (let b = 0; b < BATCHES; b++) {
        pulled++;
        const rows = Array.from({ length: ROWS }, (_, i) => {
          const seq = b * ROWS + i + 1;
          // Text that compresses poorly, so the ZIP's output really fills the reader's buffer.
          return { kind: "post", seq, id: `p${seq}`, body: `Contribution ${seq}: ${randomBytes(90).toString("base64")}` };
        });
        yield { kind: "post", rows } as unknown as ContributionBatch;
      }
    }
    const out = new PassThrough({ highWaterMark: 64 * 1024 });
    const writing = writeContributionsXlsx(batches(), out, meta);

    // Nobody reads: the output fills, and then the writer must hold still however long it is given.
    await vi.waitFor(() => expect(out.writableNeedDrain).toBe(true), { timeout: 20_000, interval: 5 });
    // (The buffers between the sheet and the reader still take some rows: wait until nothing moves.)
    let whileStalled = -1;
    for (let round = 0; round < 50 && pulled !== whileStalled; round++) {
      whileStalled = pulled;
      await quietSpell();
    }
    expect(whileStalled).toBeLessThan(BATCHES);
    await quietSpell();
    await quietSpell();
    expect(pulled).toBe(whileStalled);

    // Reading resumes: every row arrives.
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    await writing;
    expect(pulled).toBe(BATCHES);
    const sheet = (await xlsxSheets(Buffer.concat(chunks))).get("posts")!;
    expect(sheet).toHaveLength(BATCHES * ROWS + 1);
    expect(sheet[BATCHES * ROWS]![sheet[0]!.indexOf("seq")]).toBe(String(BATCHES * ROWS));
  }, 60_000);
});
