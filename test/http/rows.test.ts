// The hot paths read rows with plain statements (server/db/rows.ts) instead of Prisma's query builder;
// what they hand on must be exactly what Prisma would have returned, or presenters and policies would
// judge different facts. Checked here against Prisma's own reads, with every kind of column the mapped
// tables have (nullable timestamps set and unset, enums, integers, booleans).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { addMember, createConsultation, createUser, logIn } from "../support/factories.ts";
import { loadReadableThread } from "../../server/threads/access.ts";
import { loadReadableConsultation } from "../../server/consultations/access.ts";
import { SqlSessionStore } from "../../server/http/session-store.ts";
import type { Actor } from "../../server/accounts/actor.ts";
import { Prisma } from "../../server/db/generated/client.ts";
import { isoTimestamp, readRows } from "../../server/db/direct-reads.ts";
import { postgresErrorCode } from "../../server/db/errors.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

describe("rows read by plain statements", () => {
  it("loadReadableThread gives the thread and consultation exactly as Prisma reads them, and the viewer's role", async () => {
    const organiser = await createUser(t.prisma);
    const reader = await createUser(t.prisma);
    const c = await createConsultation(t.prisma, { createdById: organiser.id, status: "open", moderationMode: "newcomers" });
    await t.prisma.consultation.update({ where: { id: c.id }, data: { opensAt: new Date("2026-01-02T03:04:05.678Z"), closesAt: null, backgroundSource: "## Why\n\nBecause." } });
    await addMember(t.prisma, c.id, reader.id, "moderator");
    const thread = await t.prisma.thread.create({ data: { consultationId: c.id, title: "Rows", authorId: organiser.id, slowModeSeconds: 30, pinned: true } });
    await t.prisma.post.create({ data: { threadId: thread.id, consultationId: c.id, isOpening: true, authorId: organiser.id, authorCategory: "individual", bodySource: "x", bodyHtml: "<p>x</p>", status: "published" } });
    const actor = { id: reader.id, isAdmin: false } as Actor;

    const loaded = await loadReadableThread(t.prisma, actor, thread.id);
    expect(loaded.thread).toEqual(await t.prisma.thread.findUniqueOrThrow({ where: { id: thread.id } }));
    expect(loaded.consultation).toEqual(await t.prisma.consultation.findUniqueOrThrow({ where: { id: c.id } }));
    expect(loaded.consultation.opensAt).toBeInstanceOf(Date);
    expect(loaded.viewer).toEqual({ userId: reader.id, isAdmin: false, role: "moderator" });
    expect(loaded.opening).toEqual({ status: "published", authorId: organiser.id, onBehalfOfOrganisationId: null, quarantined: false });
    // Anonymous: no role, and the same thread.
    expect((await loadReadableThread(t.prisma, null, thread.id)).viewer.userId).toBeNull();

    // loadReadableConsultation: the same consultation by id and by slug, the same role.
    const byId = await loadReadableConsultation(t.prisma, actor, c.id);
    expect(byId.consultation).toEqual(await t.prisma.consultation.findUniqueOrThrow({ where: { id: c.id } }));
    expect(byId.viewer).toEqual({ userId: reader.id, isAdmin: false, role: "moderator" });
    expect((await loadReadableConsultation(t.prisma, actor, c.slug)).consultation).toEqual(byId.consultation);
    expect((await loadReadableConsultation(t.prisma, null, c.slug)).viewer).toEqual({ userId: null, isAdmin: false, role: null });
    // An id wins over a slug that looks like it.
    const decoy = await createConsultation(t.prisma, { createdById: organiser.id, status: "open" });
    await t.prisma.consultation.update({ where: { id: decoy.id }, data: { slug: c.id } });
    expect((await loadReadableConsultation(t.prisma, actor, c.id)).consultation.id).toBe(c.id);
    await expect(loadReadableConsultation(t.prisma, actor, "no-such-consultation")).rejects.toMatchObject({ code: "not_found" });
  });

  it("a reply written by the plain INSERT reads back through Prisma as it was answered", async () => {
    const organiser = await createUser(t.prisma);
    const writer = await createUser(t.prisma, { category: "academia" });
    const c = await createConsultation(t.prisma, { createdById: organiser.id, status: "open" });
    const client = t.client();
    await logIn(client, writer);
    const opened = await client.post(`/api/consultations/${c.id}/threads`, { title: "Insert", body: "Opening" });
    expect(opened.status).toBe(201);
    const reply = await client.post(`/api/threads/${opened.body.thread.id}/posts`, { body: "A **reply**", parentId: opened.body.post.id, replyType: "supports" });
    expect(reply.status).toBe(201);
    const stored = await t.prisma.post.findUniqueOrThrow({ where: { id: reply.body.post.id } });
    expect(stored).toMatchObject({ threadId: opened.body.thread.id, parentId: opened.body.post.id, depth: 1, replyType: "supports", authorCategory: "academia", status: "published", isOpening: false, version: 1, editedAt: null, quarantined: false });
    expect(reply.body.post).toMatchObject({ seq: stored.seq, createdAt: stored.createdAt.toISOString(), depth: 1 });
    // Written as the server's UTC time, like Prisma's own @default(now()).
    expect(Math.abs(stored.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("the session store keeps, expires and destroys sessions", async () => {
    const store = new SqlSessionStore(t.prisma);
    const call = <T,>(fn: (cb: (err?: unknown, v?: T) => void) => void) => new Promise<T | undefined>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
    const live = { cookie: { expires: new Date(Date.now() + 60_000), originalMaxAge: 60_000 }, csrfToken: "abc" };
    await call((cb) => store.set("sid-live", live as never, cb));
    await call((cb) => store.set("sid-old", { ...live, cookie: { ...live.cookie, expires: new Date(Date.now() - 1000) } } as never, cb));
    expect(await call((cb) => store.get("sid-live", cb))).toMatchObject({ csrfToken: "abc" });
    // An expired session reads as none and is removed; the live one stays (positive control).
    expect(await call((cb) => store.get("sid-old", cb))).toBeNull();
    expect(await t.prisma.session.count({ where: { sid: { in: ["sid-live", "sid-old"] } } })).toBe(1);
    // Saving again replaces, never duplicates.
    await call((cb) => store.set("sid-live", { ...live, csrfToken: "def" } as never, cb));
    expect(await call((cb) => store.get("sid-live", cb))).toMatchObject({ csrfToken: "def" });
    await call((cb) => store.destroy("sid-live", cb));
    expect(await call((cb) => store.get("sid-live", cb))).toBeNull();
    await store.shutdown();
  });

  it("readRows gives what $queryRaw gives, on the pool outside a transaction and on the transaction inside one", async () => {
    const user = await createUser(t.prisma);
    await t.prisma.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date("2026-03-04T05:06:07.089Z") } });
    const statement = Prisma.sql`
      SELECT u.id, u.display_name, u.session_epoch, u.is_admin, u.status::text AS status, u.email_verified_at, u.deleted_at,
             json_build_object('n', 1, 'list', json_build_array('a', 'b')) AS doc, ${isoTimestamp("u.email_verified_at")} AS verified_text
      FROM users u WHERE u.id = ${user.id}`;
    const [direct] = await readRows<Record<string, unknown>>(t.prisma, statement);
    const [viaPrisma] = await t.prisma.$queryRaw<Record<string, unknown>[]>(statement);
    expect(direct).toEqual(viaPrisma);
    expect(direct).toMatchObject({ session_epoch: 0, is_admin: false, deleted_at: null, doc: { n: 1, list: ["a", "b"] }, verified_text: "2026-03-04T05:06:07.089Z" });
    expect((direct!.email_verified_at as Date).toISOString()).toBe("2026-03-04T05:06:07.089Z");
    // A statement PostgreSQL refuses names its SQLSTATE the same way on both paths (the error handler's 4xx depend on it).
    const refused = await readRows(t.prisma, Prisma.sql`SELECT ${"not a number"}::int AS n`).catch((err: unknown) => err);
    expect(postgresErrorCode(refused)).toBe("22P02");
    // Inside a transaction it reads on the transaction: its own uncommitted row is there.
    await t.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { displayName: "Uncommitted name" } });
      const [inside] = await readRows<{ display_name: string }>(tx, Prisma.sql`SELECT display_name FROM users WHERE id = ${user.id}`);
      expect(inside!.display_name).toBe("Uncommitted name");
    });
  });
});
