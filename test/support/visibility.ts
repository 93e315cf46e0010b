// The shared "can this reader see it?" probe: asks every channel a reader has (REST reads, lists,
// counts, search, profiles, notifications) and returns what came back, so a test can assert that a
// piece of content, or a secret token in it, appears nowhere. Sockets and exports add their channels here.
import ExcelJS from "exceljs";
import type { TestClient } from "./client.ts";
import { docxText } from "../exports/support.ts";

export interface Probe {
  consultationId: string;
  threadId?: string;
  postId?: string;
  positionId?: string;
  authorId?: string;
  /** A draft text: its versions, anchored threads and amendments are channels too. */
  textId?: string;
  /** How many versions the text has: the diff between the first and the last is a channel too. */
  textVersions?: number;
  amendmentId?: string;
  /** A formal response that this reader must not read directly (not theirs, or not published). */
  responseId?: string;
  /** A word only the probed content contains, to search for. */
  token: string;
}

export interface ChannelResult {
  channel: string;
  status: number;
  body: unknown;
}

async function allPages(client: TestClient, path: string): Promise<ChannelResult> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  let status = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res: { status: number; body: { items?: unknown[]; nextCursor?: string | null } } = await client.get(`${path}${cursor ? `${sep}cursor=${cursor}` : ""}`);
    status = res.status;
    if (status !== 200) return { channel: path, status, body: res.body };
    items.push(...(res.body.items ?? []));
    cursor = res.body.nextCursor ?? null;
  } while (cursor);
  return { channel: path, status, body: { items } };
}

export async function probeChannels(client: TestClient, p: Probe): Promise<ChannelResult[]> {
  const results: ChannelResult[] = [];
  const get = async (path: string) => {
    const res = await client.get(path);
    results.push({ channel: path, status: res.status, body: res.body });
  };
  await get(`/api/consultations/${p.consultationId}`);
  results.push(await allPages(client, `/api/consultations/${p.consultationId}/threads`));
  results.push(await allPages(client, `/api/consultations/${p.consultationId}/positions`));
  // Formal responses: the published list, and the public CSV export of it.
  results.push(await allPages(client, `/api/consultations/${p.consultationId}/responses`));
  await get(`/api/consultations/${p.consultationId}/exports/responses.csv`);
  await get(`/api/search?q=${encodeURIComponent(p.token)}&limit=50`);
  if (p.threadId) {
    await get(`/api/threads/${p.threadId}`);
    results.push(await allPages(client, `/api/threads/${p.threadId}/posts`));
  }
  if (p.postId) await get(`/api/posts/${p.postId}`);
  if (p.positionId) await get(`/api/positions/${p.positionId}`);
  if (p.authorId) await get(`/api/users/${p.authorId}`);
  if (p.textId) {
    await get(`/api/consultations/${p.consultationId}/texts`);
    await get(`/api/texts/${p.textId}`);
    await get(`/api/texts/${p.textId}/reading`);
    await get(`/api/texts/${p.textId}/threads`);
    await get(`/api/texts/${p.textId}/amendments`);
    // The text's files: Akoma Ntoso (as text) and the tracked-changes DOCX, accepted and proposed (its XML as text).
    const akn = await fetchBytes(client, `/api/texts/${p.textId}/text.akn.xml`);
    results.push({ channel: `/api/texts/${p.textId}/text.akn.xml`, status: akn.status, body: akn.bytes.toString("utf8") });
    for (const which of ["accepted", "proposed"]) {
      const path = `/api/texts/${p.textId}/tracked.docx?amendments=${which}`;
      const docx = await fetchBytes(client, path);
      results.push({ channel: path, status: docx.status, body: docx.status === 200 ? await docxText(docx.bytes) : docx.bytes.toString("utf8") });
    }
    if (p.textVersions && p.textVersions > 1) await get(`/api/texts/${p.textId}/diff?fromVersion=1&toVersion=${p.textVersions}`);
    if (p.threadId) await get(`/api/threads/${p.threadId}/anchor`);
  }
  if (p.amendmentId) await get(`/api/amendments/${p.amendmentId}`);
  if (p.responseId) {
    for (const path of [`/api/responses/${p.responseId}`, `/api/responses/${p.responseId}/versions`, `/api/responses/${p.responseId}/receipt.html`]) await get(path);
  }
  if (client.sessionCookie()) results.push(await allPages(client, `/api/notifications`));
  return results;
}

/** Every object with an `id` field anywhere in a response (list items, nested posts, search hits). */
function idsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => idsIn(v, into));
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.id === "string") into.add(o.id);
    Object.values(o).forEach((v) => idsIn(v, into));
  }
  return into;
}

/**
 * Names every channel where the content shows up: its secret token anywhere, the item itself in a list
 * (a reply may still name it as its parent: that reveals a gap, not content), or a direct read not 404.
 * A channel that failed (5xx) is a finding too: an error page proves nothing about what it would show.
 */
export function leaks(results: ChannelResult[], p: Probe): string[] {
  const found: string[] = [];
  for (const r of results) {
    if (r.status >= 500 || r.status === 0) found.push(`${r.channel} failed with ${r.status}, so it proves nothing`);
    const text = JSON.stringify(r.body);
    if (text.includes(p.token)) found.push(`${r.channel} contains the token`);
    const ids = idsIn(r.body);
    for (const id of [p.postId, p.positionId, p.amendmentId, p.responseId]) {
      if (id && ids.has(id)) found.push(`${r.channel} contains the item ${id}`);
    }
    const direct = [p.postId && `/api/posts/${p.postId}`, p.positionId && `/api/positions/${p.positionId}`, p.amendmentId && `/api/amendments/${p.amendmentId}`];
    if (direct.includes(r.channel)) {
      if (r.status !== 404) found.push(`${r.channel} answered ${r.status}`);
    }
    // An anonymous reader is asked to log in first (401), which reveals nothing either.
    if (p.responseId && r.channel.startsWith(`/api/responses/${p.responseId}`) && r.status !== 404 && r.status !== 401) found.push(`${r.channel} answered ${r.status}`);
  }
  return found;
}

async function fetchBytes(client: TestClient, path: string): Promise<{ status: number; bytes: Buffer }> {
  const cookie = client.cookieHeader();
  const res = await fetch(client.baseUrl + path, { headers: cookie ? { cookie } : {} });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/**
 * The export channels: the contributions export in CSV, JSON and XLSX (cells read back as text) for a
 * scope, and every published summary version as HTML and Markdown. PDF and DOCX need text extraction:
 * test/exports adds them.
 */
export async function probeExports(client: TestClient, consultationId: string, scope: "public" | "staff" = "public"): Promise<ChannelResult[]> {
  const results: ChannelResult[] = [];
  const base = `/api/consultations/${consultationId}/exports/contributions`;
  for (const format of ["csv", "json"] as const) {
    const res = await client.get(`${base}.${format}?scope=${scope}`);
    results.push({ channel: `${base}.${format}?scope=${scope}`, status: res.status, body: res.body });
  }
  const xlsx = await fetchBytes(client, `${base}.xlsx?scope=${scope}`);
  let cells = "";
  if (xlsx.status === 200) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    wb.eachSheet((ws) => ws.eachRow((row) => (cells += `${(row.values as unknown[]).slice(1).join("\t")}\n`)));
  }
  results.push({ channel: `${base}.xlsx?scope=${scope}`, status: xlsx.status, body: xlsx.status === 200 ? cells : xlsx.bytes.toString("utf8") });
  const versions = await client.get(`/api/consultations/${consultationId}/summary/versions`);
  results.push({ channel: "summary versions", status: versions.status, body: versions.body });
  for (const v of (versions.body?.items ?? []) as { downloads: { html: string; md: string } }[]) {
    for (const path of [v.downloads.html, v.downloads.md]) {
      const res = await fetchBytes(client, path);
      results.push({ channel: path, status: res.status, body: res.bytes.toString("utf8") });
    }
  }
  return results;
}
