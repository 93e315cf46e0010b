// The attack suite's world, seeded once per test file: the eight actors of the authorization matrix, three
// consultations (public, restricted, draft) with one of every kind of object in each, and in the public
// one a post, a thread and a position in each concealed state (pending, hidden, withdrawn, illegal-flagged).
// Everything is made through the API (so the event log, notifications and search index are real), except
// "pending", which a test cannot reach through the API without changing the consultation's moderation mode.
// Every object's text carries its own token, so a test can ask whether it reached someone through a channel.
import type { TestServer } from "../support/server.ts";
import type { TestClient, TestResponse } from "../support/client.ts";
import { addMember, addToOrganisation, createConsultation, createOrganisation, createUser, logIn } from "../support/factories.ts";

export const ACTORS = ["anonymous", "nonMember", "participant", "observer", "otherModerator", "moderator", "organiser", "admin"] as const;
export type ActorName = (typeof ACTORS)[number];

export const CONSULTATIONS = ["public", "restricted", "draft"] as const;
export type ConsultationName = (typeof CONSULTATIONS)[number];

/** Published, or concealed in one of the four ways the issue names. */
export const STATES = ["published", "pending", "hidden", "withdrawn", "illegal"] as const;
export type State = (typeof STATES)[number];

export interface ContentObject {
  kind: "post" | "thread" | "position";
  consultation: ConsultationName;
  state: State;
  id: string;
  /** Threads: the opening post; posts: the thread they are in. */
  threadId: string;
  openingPostId?: string;
  /** Threads: a published reply in it (the permalink way in). */
  replyId?: string;
  token: string;
}

export interface ConsultationObjects {
  id: string;
  questionIds: string[];
  thread: ContentObject;
  reply: ContentObject;
  position: ContentObject;
  textId: string;
  amendmentId: string;
  /** The moderator's decision hiding the consultation's "hidden" post (public only), and the author's appeal. */
  decisionId?: string;
  appealId?: string;
}

export interface MatrixWorld {
  clients: Record<ActorName, TestClient>;
  /** The author of every object: a participant who is not one of the actors. */
  author: TestClient;
  userIds: Record<ActorName | "author", string | null>;
  organisationId: string;
  consultations: Record<ConsultationName, ConsultationObjects>;
  /** The consultation the other moderator moderates (nobody else is a member). */
  otherConsultationId: string;
  /** Every content object: published and concealed, in every consultation. */
  objects: ContentObject[];
}

async function ok<T = any>(res: Promise<TestResponse<T>>, status: number, what: string): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`matrix world: ${what} answered ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

let tokens = 0;
/** A word the full-text search indexes as itself (letters only) and that no other text contains. */
function token(): string {
  const n = tokens++;
  return `zqx${String.fromCharCode(97 + Math.floor(n / 26) % 26)}${String.fromCharCode(97 + (n % 26))}matrix`;
}

export async function buildMatrixWorld(t: TestServer): Promise<MatrixWorld> {
  const names = ["nonMember", "participant", "observer", "otherModerator", "moderator", "organiser", "admin", "author"] as const;
  const users = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await createUser(t.prisma, { displayName: `Matrix ${n}`, isAdmin: n === "admin" })] as const)),
  ) as Record<(typeof names)[number], Awaited<ReturnType<typeof createUser>>>;
  const clients = { anonymous: t.client() } as Record<ActorName, TestClient>;
  const author = t.client();
  await Promise.all([
    ...names.filter((n) => n !== "author").map(async (n) => {
      clients[n as ActorName] = t.client();
      await logIn(clients[n as ActorName], users[n]);
    }),
    logIn(author, users.author),
  ]);
  await clients.anonymous.csrf();
  const org = await createOrganisation(t.prisma, { name: "Matrix Alliance", category: "civil_society", verified: true });
  await addToOrganisation(t.prisma, users.author.id, org.id, "representative");

  const other = await createConsultation(t.prisma, { createdById: users.organiser.id, title: "The other consultation" });
  await addMember(t.prisma, other.id, users.otherModerator.id, "moderator");

  const consultations = {} as Record<ConsultationName, ConsultationObjects>;
  const objects: ContentObject[] = [];
  for (const name of CONSULTATIONS) {
    // All made while open (nothing can be written in a draft); the draft becomes one at the end.
    const c = await createConsultation(t.prisma, {
      createdById: users.organiser.id,
      accessMode: name === "restricted" ? "restricted" : "open",
      title: `Matrix ${name} consultation`,
      questions: ["Q1?", "Q2?", "Q3?", "Q4?", "Q5?"],
    });
    await addMember(t.prisma, c.id, users.moderator.id, "moderator");
    for (const role of ["participant", "observer"] as const) await addMember(t.prisma, c.id, users[role].id, role);
    await addMember(t.prisma, c.id, users.author.id, "participant");
    const questionIds = c.questions.map((q) => q.id);

    const startThread = async (state: State) => {
      const tk = token();
      const started = await ok(author.post(`/api/consultations/${c.id}/threads`, { title: `Thread ${tk}`, body: `Opening ${tk}` }), 201, "thread");
      const reply = await ok(clients.participant.post(`/api/threads/${started.thread.id}/posts`, { body: "A reply to the opening post.", parentId: started.post.id }), 201, "reply");
      // The author answers the participant: the participant's notification names the thread.
      await ok(author.post(`/api/threads/${started.thread.id}/posts`, { body: "An answer to the participant.", parentId: reply.post.id }), 201, "answer");
      const o: ContentObject = { kind: "thread", consultation: name, state, id: started.thread.id, threadId: started.thread.id, openingPostId: started.post.id, replyId: reply.post.id, token: tk };
      return o;
    };
    const thread = await startThread("published");
    // Replies are to the participant's post, so that the participant is notified of them.
    const participantPost = await ok(clients.participant.post(`/api/threads/${thread.id}/posts`, { body: "The participant's point." }), 201, "participant post");
    const replyTo = async (state: State) => {
      const tk = token();
      const r = await ok(author.post(`/api/threads/${thread.id}/posts`, { body: `Reply ${tk}`, parentId: participantPost.post.id }), 201, "reply");
      // Edited once, so that its first wording is a revision.
      await ok(author.patch(`/api/posts/${r.post.id}`, { body: `Reply ${tk}, edited.`, version: 1 }), 200, "edit");
      const o: ContentObject = { kind: "post", consultation: name, state, id: r.post.id, threadId: thread.id, token: tk };
      return o;
    };
    const reply = await replyTo("published");
    const takePosition = async (state: State, q: number) => {
      const tk = token();
      const p = await ok(
        author.put(`/api/consultations/${c.id}/questions/${questionIds[q]}/position`, { organisationId: org.id, stance: "oppose", summary: `Position ${tk}`, argument: `Because ${tk}.` }),
        201,
        "position",
      );
      const o: ContentObject = { kind: "position", consultation: name, state, id: p.position.id, threadId: "", token: tk };
      return o;
    };
    const position = await takePosition("published", 0);
    const text = await ok(clients.organiser.post(`/api/consultations/${c.id}/texts`, { title: `Text of ${name}`, format: "markdown", content: "### Article 1 — Scope\n\n1. It applies." }), 201, "text");
    const amendment = await ok(author.post(`/api/texts/${text.text.id}/amendments`, { eId: "art_1__para_1", kind: "replace", proposedText: "It applies narrowly.", justification: "Proportionality." }), 201, "amendment");
    consultations[name] = { id: c.id, questionIds, thread, reply, position, textId: text.text.id, amendmentId: amendment.amendment.id };
    objects.push(thread, reply, position);

    if (name === "public") {
      const reason = { reasonCode: "off_topic", statement: "Belongs elsewhere." };
      let q = 1;
      for (const state of ["pending", "hidden", "withdrawn", "illegal"] as const) {
        const th = await startThread(state);
        const po = await replyTo(state);
        const pos = await takePosition(state, q++);
        objects.push(th, po, pos);
        for (const o of [th, po, pos]) {
          const kind = o.kind === "position" ? "positions" : "posts";
          const target = o.kind === "thread" ? o.openingPostId! : o.id;
          if (state === "pending") {
            if (o.kind === "position") await t.prisma.position.update({ where: { id: target }, data: { status: "pending" } });
            else await t.prisma.post.update({ where: { id: target }, data: { status: "pending" } });
          } else if (state === "hidden") {
            const d = await ok(clients.moderator.post(`/api/${kind}/${target}/moderation`, { action: "hide", ...reason }), 200, "hide");
            // Removing a position takes a second moderator's confirmation.
            if (o.kind === "position") await ok(clients.organiser.post(`/api/moderation/decisions/${(d.decision?.id ?? d.id) as string}/confirm`), 200, "confirm removal");
            if (o.kind === "post") {
              const decisionId = (d.decision?.id ?? d.id) as string;
              const appeal = await ok(author.post(`/api/moderation/decisions/${decisionId}/appeal`, { message: "It was on topic." }), 201, "appeal");
              Object.assign(consultations.public, { decisionId, appealId: appeal.appeal.id });
            }
          } else if (state === "withdrawn") {
            if (o.kind === "position") await t.prisma.position.update({ where: { id: target }, data: { status: "withdrawn" } });
            else await ok(author.delete(`/api/${kind}/${target}`), 204, "withdraw");
          } else {
            await ok(clients.participant.post(`/api/${kind}/${target}/flags`, { reason: "illegal_content", note: "Unlawful." }), 201, "illegal flag");
          }
        }
      }
    }
    if (name === "draft") await t.prisma.consultation.update({ where: { id: c.id }, data: { status: "draft" } });
  }
  const userIds = { anonymous: null, ...Object.fromEntries(names.map((n) => [n, users[n].id])) } as MatrixWorld["userIds"];
  return { clients, author, userIds, organisationId: org.id, consultations, otherConsultationId: other.id, objects };
}

/** An OpenAPI path ("/api/posts/{id}") with a real row of the public consultation for each parameter, so a request reaches real work. */
export function samplePath(w: MatrixWorld, openApiPath: string): string {
  const c = w.consultations.public;
  const byFirst: Record<string, string> = {
    consultations: c.id, threads: c.thread.id, posts: c.reply.id, positions: c.position.id, texts: c.textId, amendments: c.amendmentId,
    organisations: w.organisationId, users: w.userIds.author!, admin: w.userIds.author!,
  };
  const fixed: Record<string, string> = { questionId: c.questionIds[4]!, userId: w.userIds.author!, version: "1", format: "json", kind: "posts" };
  let id = byFirst[openApiPath.split("/")[2]!] ?? "nosuchobject0";
  if (openApiPath.startsWith("/api/moderation/decisions")) id = c.decisionId!;
  if (openApiPath.startsWith("/api/moderation/appeals")) id = c.appealId!;
  if (openApiPath.startsWith("/api/moderation/quarantine")) id = w.objects.find((o) => o.kind === "post" && o.state === "illegal")!.id;
  return openApiPath.replace(/\{(\w+)\}/g, (_m, name: string) => (name === "id" ? id : (fixed[name] ?? "nosuchobject0")));
}
