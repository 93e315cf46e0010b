// Threads anchored to a unit of a draft text (or a span of its words). They are ordinary threads (typed
// replies, moderation modes, flags, Chatham House, live updates all hold); the anchor row says which
// unit of which version they are about.
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { consultationPolicy, visibleContributionWhere } from "../consultations/policy.ts";
import { inTransaction, recordEvent } from "../events/record.ts";
import { preparePost, writePost } from "../posts/write.ts";
import { presentNewPost } from "../posts/service.ts";
import { getThread } from "../threads/service.ts";
import { loadReadableThread } from "../threads/access.ts";
import { wordsOf, type TCreateAnchoredThreadBody } from "../../shared/schemas/texts.ts";
import { loadReadableDocument } from "./service.ts";
import { changeKey, changesSince } from "./changes.ts";
import { anchorLabelKey, anchorLabels } from "./anchor-labels.ts";

/** The unit of the current version an anchor names, and the words it quotes; 400/409 when they do not fit. */
export async function resolveAnchor(db: Tx, documentId: string, currentVersion: number, input: { eId: string; spanStart?: number; spanEnd?: number; quote?: string }) {
  const unit = await db.textUnit.findFirst({ where: { documentId, eId: input.eId, version: { number: currentVersion } } });
  if (!unit) throw errors.invalidInput(`There is no unit ${input.eId} in the current version of this text.`, [{ path: "eId", message: "is not a unit of the current version" }]);
  const words = wordsOf(unit.text);
  if (input.spanStart === undefined) return { unit, spanStart: null, spanEnd: null, quote: unit.text };
  if (input.spanEnd! > words.length) {
    throw errors.invalidInput(`The span ends after the unit's last word (it has ${words.length}).`, [{ path: "spanEnd", message: `must be at most ${words.length}` }]);
  }
  const quote = words.slice(input.spanStart, input.spanEnd).join(" ");
  if (input.quote !== undefined && wordsOf(input.quote).join(" ") !== quote) {
    // The client selected words in a text that has changed since it loaded it.
    throw errors.conflict("The selected words are not the unit's words at that place any more: reload the text.", [{ path: "quote", message: `the words there are "${quote.slice(0, 200)}"` }]);
  }
  return { unit, spanStart: input.spanStart, spanEnd: input.spanEnd!, quote };
}

export async function createAnchoredThread(prisma: PrismaClient, actor: Actor, documentId: string, input: TCreateAnchoredThreadBody) {
  const { document, viewer, consultation } = await loadReadableDocument(prisma, actor, documentId);
  if (!consultationPolicy.startThread(viewer, consultation)) {
    throw errors.forbidden(consultation.status !== "open" ? "This consultation is not open for contributions." : "You cannot start a thread in this consultation.");
  }
  const currentVersion = document.versions.at(-1)!.number;
  const anchor = await resolveAnchor(prisma, document.id, currentVersion, input);
  const prepared = await preparePost(prisma, { consultation, thread: null, threadTitle: input.title, viewer, input: { body: input.body, isOpening: true, onBehalfOfOrganisationId: input.onBehalfOfOrganisationId } });
  const { thread, opening } = await inTransaction(prisma, async (tx) => {
    const thread = await tx.thread.create({ data: { consultationId: consultation.id, title: input.title, authorId: actor.id } });
    const opening = await writePost(tx, prepared, thread.id);
    await tx.threadAnchor.create({
      data: { threadId: thread.id, consultationId: consultation.id, documentId: document.id, eId: input.eId, versionNumber: currentVersion, spanStart: anchor.spanStart, spanEnd: anchor.spanEnd, quote: anchor.spanStart === null ? null : anchor.quote },
    });
    recordEvent(tx, { consultationId: consultation.id, threadId: thread.id, type: "thread:created", payload: { threadId: thread.id } });
    return { thread, opening };
  });
  const anchored = { documentId: document.id, eId: input.eId, versionNumber: currentVersion };
  const label = (await anchorLabels(prisma, document.id, [anchored])).get(anchorLabelKey(anchored)) ?? input.eId;
  return {
    thread: (await getThread(prisma, actor, thread.id)) as object,
    post: presentNewPost(opening, viewer, consultation),
    anchor: presentAnchor({ documentId: document.id, eId: input.eId, versionNumber: currentVersion, spanStart: anchor.spanStart, spanEnd: anchor.spanEnd, quote: anchor.spanStart === null ? null : anchor.quote }, null, label),
  };
}

type AnchorRow = { documentId: string; eId: string; versionNumber: number; spanStart: number | null; spanEnd: number | null; quote: string | null };
/** `label`: the unit as printed ("Article 7(4)(a)"), what readers see; the eId stays for links. */
function presentAnchor(a: AnchorRow, changedSince: unknown, label: string) {
  return { documentId: a.documentId, eId: a.eId, label, version: a.versionNumber, spanStart: a.spanStart, spanEnd: a.spanEnd, quote: a.quote, changedSince };
}

/** Threads about a text (or one unit of it) that the viewer may see, newest first, each with its anchor, a page at a time. */
export async function listAnchoredThreads(prisma: PrismaClient, actor: Actor | null, documentId: string, query: { eId?: string; cursor?: string; limit: number }) {
  const { document, viewer, consultation } = await loadReadableDocument(prisma, actor, documentId);
  const visible = visibleContributionWhere(viewer, consultation);
  const after = query.cursor ? decodeCursor(query.cursor, { createdAt: cursorKeys.instant, id: cursorKeys.id }) : null;
  const rows = await prisma.thread.findMany({
    where: {
      anchor: { documentId: document.id, ...(query.eId ? { eId: query.eId } : {}) },
      posts: { some: { isOpening: true, ...visible } },
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { anchor: true, author: { select: { id: true, displayName: true } } },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const currentVersion = document.versions.at(-1)!.number;
  const changes = await changesSince(prisma, document.id, currentVersion, page.map((r) => r.anchor!));
  const labels = await anchorLabels(prisma, document.id, page.map((r) => r.anchor!));
  return {
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
    items: page.map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      author: consultationPolicy.seeAuthors(viewer, consultation) || t.authorId === viewer.userId ? t.author : null,
      createdAt: t.createdAt.toISOString(),
      anchor: presentAnchor(t.anchor!, changes.get(changeKey(t.anchor!)) ?? null, labels.get(anchorLabelKey(t.anchor!)) ?? t.anchor!.eId),
    })),
  };
}

/** What a thread is about, for its page and permalinks (open the text at the unit); null if not anchored. */
export async function getThreadAnchor(prisma: PrismaClient, actor: Actor | null, threadId: string) {
  await loadReadableThread(prisma, actor, threadId);
  const anchor = await prisma.threadAnchor.findUnique({ where: { threadId } });
  if (!anchor) return { anchor: null };
  const current = await prisma.textVersion.findFirst({ where: { documentId: anchor.documentId }, orderBy: { number: "desc" }, select: { number: true } });
  const changes = await changesSince(prisma, anchor.documentId, current!.number, [anchor]);
  const labels = await anchorLabels(prisma, anchor.documentId, [anchor]);
  return { anchor: presentAnchor(anchor, changes.get(changeKey(anchor)) ?? null, labels.get(anchorLabelKey(anchor)) ?? anchor.eId) };
}
