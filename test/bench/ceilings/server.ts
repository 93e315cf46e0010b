// W0's hand-written ceilings, in a process of their own (so their CPU is measured as the server's is):
//   /hello on bare node:http, /hello on Express 5, and the thread page on `pg` + `node:http` answering the
// same JSON as GET /api/threads/:id/posts (checked byte for byte by the benchmark before measuring).
// Signed in, it reads the session row the cookie names, as any server must. Prints its ports as JSON.
import crypto from "node:crypto";
import http from "node:http";
import express from "express";
import pg from "pg";

const DATABASE_URL = process.env.DATABASE_URL!;
const SECRET = process.env.SESSION_SECRET!;
const DISPLAY_DEPTH_MAX = 6;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });

const hello = JSON.stringify({ hello: "world" });

/** The user id of a signed session cookie, or null (the same check as express-session + passport). */
async function userOf(cookieHeader: string | undefined): Promise<string | null> {
  const m = /roundtable\.sid=([^;]+)/.exec(cookieHeader ?? "");
  if (!m) return null;
  const value = decodeURIComponent(m[1]!);
  if (!value.startsWith("s:")) return null;
  const dot = value.lastIndexOf(".");
  const sid = value.slice(2, dot);
  const sig = crypto.createHmac("sha256", SECRET).update(sid).digest("base64").replace(/=+$/, "");
  if (sig !== value.slice(dot + 1)) return null;
  const { rows } = await pool.query<{ data: string }>("SELECT data FROM sessions WHERE sid = $1 AND expires_at > now()", [sid]);
  if (!rows[0]) return null;
  return (JSON.parse(rows[0].data) as { passport?: { user?: string } }).passport?.user ?? null;
}

interface Row {
  id: string; seq: number; thread_id: string; consultation_id: string; parent_id: string | null; depth: number;
  is_opening: boolean; reply_type: string | null; quoted_post_id: string | null; status: string; version: number;
  edited_at: Date | null; created_at: Date; body_html: string; body_source: string; quarantined: boolean;
  author_category: string; author_id: string; author_name: string; org_id: string | null; org_name: string | null;
  tally: Record<string, number> | null; mine: boolean; answered: boolean | null;
}

async function threadPage(threadId: string, after: number, limit: number, userId: string | null) {
  // One query for the thread's readability (an open, public consultation with a published opening post),
  // one for the page with authors, organisations, tallies and the viewer's endorsements.
  const { rows: [thread] } = await pool.query<{ status: string; access_mode: string }>(
    `SELECT c.status, c.access_mode FROM threads t JOIN consultations c ON c.id = t.consultation_id
     WHERE t.id = $1 AND EXISTS (SELECT 1 FROM posts o WHERE o.thread_id = t.id AND o.is_opening AND o.status = 'published')`,
    [threadId],
  );
  if (!thread || thread.status !== "open" || thread.access_mode !== "open") return null;
  const { rows } = await pool.query<Row>(
    `SELECT p.id, p.seq, p.thread_id, p.consultation_id, p.parent_id, p.depth, p.is_opening, p.reply_type, p.quoted_post_id,
            p.status, p.version, p.edited_at, p.created_at, p.body_html, p.body_source, p.quarantined, p.author_category,
            u.id AS author_id, u.display_name AS author_name, o.id AS org_id, o.name AS org_name,
            (SELECT json_object_agg(category, n) FROM (SELECT category, count(*)::int AS n FROM endorsements e WHERE e.post_id = p.id GROUP BY category) g) AS tally,
            ($4::text IS NOT NULL AND EXISTS (SELECT 1 FROM endorsements e WHERE e.post_id = p.id AND e.user_id = $4)) AS mine,
            CASE WHEN p.status IN ('hidden', 'rejected') THEN (SELECT true FROM posts r WHERE r.parent_id = p.id
              AND (r.status IN ('published', 'hidden') OR (r.author_id = $4 AND r.status IN ('pending', 'rejected'))) LIMIT 1) IS NOT NULL END AS answered
     FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN organisations o ON o.id = p.on_behalf_of_organisation_id
     WHERE p.thread_id = $1 AND p.seq > $2 AND (p.status IN ('published', 'hidden') OR (p.status = 'pending' AND p.author_id = $4)
       OR (p.status = 'rejected' AND (SELECT true FROM posts r WHERE r.parent_id = p.id AND r.status IN ('published', 'hidden') LIMIT 1) IS NOT NULL))
     ORDER BY p.seq LIMIT $3`,
    [threadId, after, limit + 1, userId],
  );
  const page = rows.slice(0, limit);
  const items = page.map((p) => {
    const own = userId !== null && p.author_id === userId;
    // Someone else's hidden post, or a rejected one a shown reply answers: a gap that keeps the replies
    // attached (the bench has no moderation decisions, so no reason code).
    if (!own && (p.status === "hidden" || p.status === "rejected")) {
      return { kind: "removed", seq: p.seq, parentId: p.parent_id, depth: p.depth, displayDepth: Math.min(p.depth, DISPLAY_DEPTH_MAX), anchorId: p.answered ? p.id : null, reasonCode: null };
    }
    const live = p.status === "published" || p.status === "pending";
    const byCategory = p.tally ?? {};
    let total = 0;
    for (const k in byCategory) total += byCategory[k]!;
    return {
      id: p.id, seq: p.seq, threadId: p.thread_id, consultationId: p.consultation_id, parentId: p.parent_id, depth: p.depth,
      displayDepth: Math.min(p.depth, DISPLAY_DEPTH_MAX), isOpening: p.is_opening, replyType: p.reply_type, quotedPostId: p.quoted_post_id,
      status: p.status, version: p.version, edited: p.edited_at !== null, editedAt: p.edited_at?.toISOString() ?? null,
      createdAt: p.created_at.toISOString(), bodyHtml: p.quarantined ? null : p.body_html, quarantined: p.quarantined,
      bodySource: own && live && !p.quarantined ? p.body_source : undefined, category: p.author_category,
      author: { id: p.author_id, displayName: p.author_name }, onBehalfOf: p.org_id ? { id: p.org_id, name: p.org_name } : null,
      endorsements: { total, byCategory }, viewerEndorsed: p.mine,
      abilities: { edit: own && live, withdraw: own && live, endorse: userId !== null && !own && p.status === "published", seeRevisions: false },
    };
  });
  const nextCursor = rows.length > limit ? Buffer.from(JSON.stringify({ seq: page.at(-1)!.seq })).toString("base64url") : null;
  return { items, nextCursor };
}

const bare = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/hello") {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(hello);
    return;
  }
  const m = /^\/api\/threads\/([^/]+)\/posts$/.exec(url.pathname);
  if (!m) return void res.writeHead(404).end();
  try {
    const cursor = url.searchParams.get("cursor");
    const after = cursor ? (JSON.parse(Buffer.from(cursor, "base64url").toString()) as { seq: number }).seq : 0;
    const body = await threadPage(m[1]!, after, Number(url.searchParams.get("limit") ?? 50), await userOf(req.headers.cookie));
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});

const app = express();
app.disable("x-powered-by");
app.get("/hello", (_req, res) => void res.json({ hello: "world" }));
const expressServer = http.createServer(app);

await Promise.all([new Promise<void>((r) => bare.listen(0, "127.0.0.1", r)), new Promise<void>((r) => expressServer.listen(0, "127.0.0.1", r))]);
const port = (s: http.Server) => (s.address() as { port: number }).port;
console.log(JSON.stringify({ bare: port(bare), express: port(expressServer) }));
process.on("SIGTERM", () => {
  bare.close();
  expressServer.close();
  void pool.end().then(() => process.exit(0));
});
