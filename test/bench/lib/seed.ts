// Seeds a benchmark forum in SQL, matching what the API writes: users with one shared password hash,
// signed-in sessions (rows as express-session stores them, with a CSRF token), an open consultation and
// a thread. Optionally a long thread of posts with endorsements.
import crypto from "node:crypto";
import { hashPassword } from "../../../server/accounts/password.ts";
import type { Sql } from "./database.ts";

export const BENCH_SECRET = "bench-session-secret-0123456789abcdef0123456789";
export const BENCH_PASSWORD = "bench password 1234";
const CATEGORIES = ["child_rights", "civil_society", "digital_rights", "industry", "public_authority", "academia", "individual"];

export interface BenchUser {
  id: string;
  /** The Cookie header of its signed-in session. */
  cookie: string;
  csrf: string;
}

export interface BenchForum {
  consultationId: string;
  threadId: string;
  users: BenchUser[];
}

/** The cookie value express-session expects: "s:" + id + "." + HMAC-SHA256 (cookie-signature). */
function signedCookie(sid: string): string {
  const sig = crypto.createHmac("sha256", BENCH_SECRET).update(sid).digest("base64").replace(/=+$/, "");
  return `roundtable.sid=${encodeURIComponent(`s:${sid}.${sig}`)}`;
}

export async function seedForum(sql: Sql, opts: { users: number }): Promise<BenchForum> {
  const hash = await hashPassword(BENCH_PASSWORD);
  await sql.query(
    `INSERT INTO users (id, email, email_key, display_name, password_hash, category, updated_at)
     SELECT 'bu' || i, 'bench' || i || '@example.org', 'bench' || i || '@example.org', 'Bench user ' || i, $1,
            ($2::text[])[1 + i % 7]::"StakeholderCategory", now()
     FROM generate_series(0, $3 - 1) AS i`,
    [hash, CATEGORIES, opts.users],
  );
  const users: BenchUser[] = [];
  const expires = new Date(Date.now() + 7 * 24 * 3600_000);
  const rows: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < opts.users; i++) {
    const sid = crypto.randomBytes(18).toString("base64url");
    const csrf = crypto.randomBytes(32).toString("hex");
    const data = { cookie: { originalMaxAge: 7 * 24 * 3600_000, expires: expires.toISOString(), secure: false, httpOnly: true, path: "/", sameSite: "lax" }, csrfToken: csrf, passport: { user: `bu${i}` } };
    const n = params.push(sid, JSON.stringify(data), expires);
    // id and sid are the same value (the store runs with dbRecordIdIsSessionId).
    rows.push(`($${n - 2}, $${n - 2}, $${n - 1}, $${n})`);
    users.push({ id: `bu${i}`, cookie: signedCookie(sid), csrf });
    if (rows.length === 500 || i === opts.users - 1) {
      await sql.query(`INSERT INTO sessions (id, sid, data, expires_at) VALUES ${rows.join(", ")}`, params);
      rows.length = 0;
      params.length = 0;
    }
  }
  await sql.query(
    `INSERT INTO consultations (id, slug, title, summary, status, access_mode, moderation_mode, created_by_id, updated_at, opens_at)
     VALUES ('bench_c', 'bench', 'Benchmark consultation', 'Seeded for benchmarks.', 'open', 'open', 'post', 'bu0', now(), now())`,
  );
  await sql.query(`INSERT INTO questions (id, consultation_id, ordinal, text) VALUES ('bench_q1', 'bench_c', 1, 'Is this fast enough?')`);
  await sql.query(`INSERT INTO consultation_members (consultation_id, user_id, role) VALUES ('bench_c', 'bu0', 'organiser')`);
  await sql.query(`INSERT INTO threads (id, consultation_id, question_id, title, author_id) VALUES ('bench_t', 'bench_c', 'bench_q1', 'The benchmark thread', 'bu0')`);
  await sql.query(
    `INSERT INTO posts (id, thread_id, consultation_id, is_opening, author_id, author_category, body_source, body_html, status)
     VALUES ('bench_p0', 'bench_t', 'bench_c', true, 'bu0', 'child_rights', 'The opening post.', '<p>The opening post.</p>', 'published')`,
  );
  return { consultationId: "bench_c", threadId: "bench_t", users };
}
