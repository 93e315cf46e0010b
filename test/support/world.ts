// A small, complete forum for tests that walk every route: one of each kind of row a path can name
// (consultation, question, thread, posts, position, decision, appeal, notification, organisation),
// made through the API where it matters, plus the helpers to check that a refused request changed nothing.
import { expect } from "vitest";
import { ERROR_CODES } from "../../shared/errors.ts";
import { ERROR_STATUS } from "../../server/http/errors.ts";
import type { TestServer } from "./server.ts";
import type { TestClient, TestResponse } from "./client.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "./factories.ts";

export interface World {
  users: Record<"organiser" | "participant" | "admin" | "outsider", Awaited<ReturnType<typeof createUser>>>;
  clients: { anonymous: TestClient; participant: TestClient; organiser: TestClient; admin: TestClient; outsider: TestClient };
  consultation: { id: string; slug: string };
  /** Members only: the outsider may not read it. */
  restricted: { id: string; slug: string };
  questionId: string;
  organisationId: string;
  threadId: string;
  /** The participant's opening post, and the organiser's reply to it. */
  openingPostId: string;
  replyPostId: string;
  /** A post of the participant's that the organiser hid, and the appeal against it. */
  hiddenPostId: string;
  decisionId: string;
  appealId: string;
  positionId: string;
  notificationId: string;
  /** A draft text of the consultation (version 1), imported by the organiser. */
  textId: string;
  /** The participant's amendment to the text's Article 7(1). */
  amendmentId: string;
}

async function ok<T = any>(res: Promise<TestResponse<T>>, status: number): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`fixture request failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function buildWorld(t: TestServer): Promise<World> {
  const organiser = await createUser(t.prisma, { displayName: "Olga Organiser" });
  const participant = await createUser(t.prisma, { displayName: "Pat Participant" });
  const admin = await createUser(t.prisma, { displayName: "Ada Admin", isAdmin: true });
  const outsider = await createUser(t.prisma, { displayName: "Otto Outsider" });
  const clients = { anonymous: t.client(), participant: t.client(), organiser: t.client(), admin: t.client(), outsider: t.client() };
  await logIn(clients.organiser, organiser);
  await logIn(clients.participant, participant);
  await logIn(clients.admin, admin);
  await logIn(clients.outsider, outsider);

  const consultation = await createConsultation(t.prisma, { createdById: organiser.id, title: "Detection orders" });
  const restricted = await createConsultation(t.prisma, { createdById: organiser.id, accessMode: "restricted", title: "Members only" });
  await addMember(t.prisma, consultation.id, participant.id, "participant");
  await addMember(t.prisma, restricted.id, participant.id, "participant");
  const org = await createOrganisation(t.prisma, { name: "Open Channels", category: "digital_rights", verified: true });
  await addToOrganisation(t.prisma, participant.id, org.id, "representative");
  const questionId = consultation.questions[0]!.id;

  const started = await ok(clients.participant.post(`/api/consultations/${consultation.id}/threads`, { title: "Client-side scanning", body: "It breaks **encryption**." }), 201);
  const reply = await ok(clients.organiser.post(`/api/threads/${started.thread.id}/posts`, { body: "Why?", parentId: started.post.id, replyType: "question" }), 201);
  const hidden = await ok(clients.participant.post(`/api/threads/${started.thread.id}/posts`, { body: "Off-topic aside." }), 201);
  const decision = await ok(clients.organiser.post(`/api/posts/${hidden.post.id}/moderation`, { action: "hide", reasonCode: "off_topic", statement: "Belongs elsewhere." }), 200);
  const decisionId = (decision.decision?.id ?? decision.id) as string;
  const appeal = await ok(clients.participant.post(`/api/moderation/decisions/${decisionId}/appeal`, { message: "It was on topic." }), 201);
  const position = await ok(
    clients.participant.put(`/api/consultations/${consultation.id}/questions/${questionId}/position`, {
      organisationId: org.id,
      stance: "oppose",
      summary: "Detection orders break encryption.",
      argument: "Client-side scanning is mass surveillance.",
    }),
    201,
  );
  const notification = await t.prisma.notification.findFirst({ where: { userId: participant.id }, orderBy: { createdAt: "desc" } });
  if (!notification) throw new Error("fixture: the participant has no notification");
  const text: { text: { id: string } } = await ok(clients.organiser.post(`/api/consultations/${consultation.id}/texts`, { title: "The proposal", format: "markdown", content: "### Article 7 — Detection orders\n\n1. A detection order may be issued." }), 201);
  const amendment = await ok(clients.participant.post(`/api/texts/${text.text.id}/amendments`, { eId: "art_7__para_1", kind: "replace", proposedText: "A detection order may be issued only as a last resort.", justification: "Proportionality." }), 201);

  return {
    users: { organiser, participant, admin, outsider },
    clients,
    consultation: { id: consultation.id, slug: consultation.slug },
    restricted: { id: restricted.id, slug: restricted.slug },
    questionId,
    organisationId: org.id,
    threadId: started.thread.id,
    openingPostId: started.post.id,
    replyPostId: reply.post.id,
    hiddenPostId: hidden.post.id,
    decisionId,
    appealId: appeal.appeal.id,
    positionId: position.position.id,
    notificationId: notification.id,
    textId: text.text.id,
    amendmentId: amendment.amendment.id,
  };
}

const fingerprintSql = new WeakMap<TestServer, Promise<string>>();

/**
 * Row count and newest row version (xmin) of every application table: any insert, update or delete
 * changes it. Sessions (touched by every request) and settings are left out.
 */
export async function databaseFingerprint(t: TestServer): Promise<string> {
  if (!fingerprintSql.has(t)) {
    fingerprintSql.set(
      t,
      // ::text: @prisma/adapter-pg 6 cannot read PostgreSQL's `name` type (prisma/orm#27403).
      t.prisma
        .$queryRawUnsafe<{ tablename: string }[]>(
          `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('sessions', 'settings', '_prisma_migrations') ORDER BY tablename`,
        )
        // The outbox's rows are updated in the background as the sender delivers them: only new rows count.
        .then((tables) => tables.map(({ tablename }) => `SELECT '${tablename}' AS t, count(*)::text AS n, ${tablename === "outbox_mail" ? "'0'" : "coalesce(max(xmin::text::bigint), 0)::text"} AS x FROM "${tablename}"`).join(" UNION ALL ")),
    );
  }
  const rows = await t.prisma.$queryRawUnsafe<{ t: string; n: string; x: string }[]>(await fingerprintSql.get(t)!);
  return rows.map((r) => `${r.t}=${r.n}@${r.x}`).sort().join(" ");
}

/** The one error body: { error: { code, message, details? } } with a status that matches the code. */
export function expectErrorShape(res: TestResponse, where: string): void {
  expect(res.headers.get("content-type") ?? "", where).toMatch(/^application\/json/);
  expect(Object.keys(res.body ?? {}), where).toEqual(["error"]);
  const { error } = res.body;
  expect(Object.keys(error).sort(), where).toEqual(Object.keys(error).includes("details") ? ["code", "details", "message"] : ["code", "message"]);
  expect(ERROR_CODES, where).toContain(error.code);
  expect(ERROR_STATUS[error.code as keyof typeof ERROR_STATUS], where).toBe(res.status);
  expect(typeof error.message === "string" && error.message.length > 0, where).toBe(true);
  for (const d of error.details ?? []) {
    expect(Object.keys(d).sort(), where).toEqual(["message", "path"]);
    expect(typeof d.path === "string" && typeof d.message === "string", where).toBe(true);
  }
}
