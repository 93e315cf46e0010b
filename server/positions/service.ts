// Position statements: an organisation's one current position per question, revised with history,
// listed as cards with counts by stakeholder category x stance, endorsable.
import type { PrismaClient, Tx } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { renderRichText } from "../content/rich-text.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { loadReadableConsultation, viewerFor } from "../consultations/access.ts";
import { canSeeContribution, consultationPolicy, contributionPolicy, holdsForReview, visibleContributionWhere, type Viewer } from "../consultations/policy.ts";
import { assertNotMuted, countApprovedContributions, resolveSpeaker } from "../posts/write.ts";
import { addEndorsement, endorsedBy, endorserCategory, removeEndorsement, tallyEndorsements } from "../posts/endorsements.ts";
import type { Consultation, Position, PositionCitation, PositionEvidence } from "../db/generated/client.ts";
import { textPolicy } from "../texts/policy.ts";
import { checkCitations, writeCitations } from "./citations.ts";
import type { TPutPositionBody } from "../../shared/schemas/positions.ts";
import { STANCES } from "../../shared/schemas/positions.ts";
import { STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";
import type { EndorsementTally } from "../posts/present.ts";
import { inTransaction, recordEvent } from "../events/record.ts";

const POSITION_INCLUDE = {
  evidence: { orderBy: { ordinal: "asc" as const } },
  citations: { orderBy: { ordinal: "asc" as const } },
  organisation: { select: { id: true, name: true, country: true, verified: true } },
  author: { select: { id: true, displayName: true } },
} as const;
type PositionRow = Position & {
  evidence: PositionEvidence[];
  citations: PositionCitation[];
  organisation: { id: string; name: string; country: string; verified: boolean };
  author: { id: string; displayName: string };
};

const presentCitation = (u: { documentId: string; eId: string; label: string }) => ({ textId: u.documentId, eId: u.eId, label: u.label });

function presentPosition(p: PositionRow, viewer: Viewer, c: Consultation, extra: { endorsements?: EndorsementTally; viewerEndorsed?: boolean } = {}) {
  const showAuthor = consultationPolicy.seeAuthors(viewer, c) || p.authorId === viewer.userId;
  return {
    id: p.id,
    consultationId: p.consultationId,
    questionId: p.questionId,
    // Chatham House: the organisation is withheld like an author's name; only its category remains.
    organisation: showAuthor ? { id: p.organisation.id, name: p.organisation.name, country: p.organisation.country } : null,
    author: showAuthor ? p.author : null,
    category: p.category,
    stance: p.stance,
    // Reported as illegal: never redistributed, not even to staff in lists (they open it explicitly, logged).
    summary: p.quarantined ? null : p.summary,
    argumentHtml: p.quarantined ? null : p.argumentHtml,
    /** The Markdown as typed, for the organisation's representative who revises it. */
    argumentSource: p.authorId === viewer.userId && !p.quarantined ? p.argumentSource : undefined,
    amendmentText: p.quarantined ? null : p.amendmentText,
    evidence: p.quarantined ? [] : p.evidence.map((e) => ({ kind: e.kind, citation: e.citation, url: e.url })),
    /** The provisions of the draft texts it is about; only for whoever may read the texts. */
    citedUnits: p.quarantined || !textPolicy.read(viewer, c) ? [] : p.citations.map(presentCitation),
    quarantined: p.quarantined,
    // Written by the same hand as the rest: quarantined with it.
    declarationOfInterests: p.quarantined ? null : p.declarationOfInterests,
    fundingSources: p.quarantined ? null : p.fundingSources,
    status: p.status,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    endorsements: extra.endorsements ?? { total: 0, byCategory: {} },
    viewerEndorsed: extra.viewerEndorsed ?? false,
    abilities: { endorse: contributionPolicy.endorse(viewer, c, p) },
  };
}

async function presentPositions(db: Tx, rows: PositionRow[], viewer: Viewer, c: Consultation) {
  const ids = rows.map((r) => r.id);
  const [tallies, mine] = await Promise.all([tallyEndorsements(db, "positionId", ids), endorsedBy(db, viewer.userId, "positionId", ids)]);
  return rows.map((r) => presentPosition(r, viewer, c, { endorsements: tallies.get(r.id), viewerEndorsed: mine.has(r.id) }));
}

function snapshotOf(p: PositionRow) {
  return {
    stance: p.stance,
    summary: p.summary,
    argumentHtml: p.argumentHtml,
    argumentSource: p.argumentSource,
    amendmentText: p.amendmentText,
    declarationOfInterests: p.declarationOfInterests,
    fundingSources: p.fundingSources,
    evidence: p.evidence.map((e) => ({ kind: e.kind, citation: e.citation, url: e.url })),
    citedUnits: p.citations.map(presentCitation),
    status: p.status,
    authorId: p.authorId,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Publishes or revises the organisation's position on a question. */
export async function putPosition(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string, questionId: string, input: TPutPositionBody) {
  const run = () =>
    inTransaction(prisma, async (tx) => {
      const { consultation, viewer } = await loadReadableConsultation(tx, actor, consultationIdOrSlug);
      if (!consultationPolicy.takeStance(viewer, consultation)) {
        throw errors.forbidden(consultation.status !== "open" ? "This consultation is not open for contributions." : "You cannot publish positions in this consultation.");
      }
      if (!consultationPolicy.moderate(viewer, consultation)) await assertNotMuted(tx, consultation.id, actor.id);
      const question = await tx.question.findUnique({ where: { id: questionId } });
      if (!question || question.consultationId !== consultation.id) throw errors.notFound("Question");
      const speaker = await resolveSpeaker(tx, actor.id, input.organisationId);
      const approved = await countApprovedContributions(tx, consultation.id, actor.id);
      const status = holdsForReview(viewer, consultation, approved) ? "pending" : "published";
      const fields = {
        stance: input.stance,
        summary: input.summary,
        argumentSource: input.argument,
        argumentHtml: renderRichText(input.argument),
        amendmentText: input.amendmentText ?? null,
        declarationOfInterests: input.declarationOfInterests ?? null,
        fundingSources: input.fundingSources ?? null,
        category: speaker.category,
        status: status as "pending" | "published",
        authorId: actor.id,
      };
      const citations = await checkCitations(tx, consultation.id, input.citedUnits);
      const evidence = input.evidence.map((e, i) => ({ ordinal: i + 1, kind: e.kind, citation: e.citation, url: e.url ?? null }));
      const existing = await tx.position.findUnique({
        where: { questionId_organisationId: { questionId, organisationId: input.organisationId } },
        include: POSITION_INCLUDE,
      });
      const published = (id: string) => recordEvent(tx, { consultationId: consultation.id, type: "position:published", payload: { positionId: id } });
      if (!existing) {
        if (input.version !== undefined && input.version !== 0) throw errors.staleVersion();
        const { id } = await tx.position.create({ data: { ...fields, consultationId: consultation.id, questionId, organisationId: input.organisationId, evidence: { create: evidence } } });
        await writeCitations(tx, id, citations);
        published(id);
        return { created: true, consultation, viewer, id };
      }
      if (input.version !== undefined && input.version !== existing.version) throw errors.staleVersion();
      // A revision must not undo a moderator's removal: removed positions are appealed, not re-posted.
      if (!["published", "pending"].includes(existing.status) || existing.quarantined) {
        throw errors.conflict("A moderator removed this position; appeal the decision instead of revising it.", [{ path: "organisationId", message: "this organisation's position was removed" }]);
      }
      const { count } = await tx.position.updateMany({
        where: { id: existing.id, version: existing.version, status: { in: ["published", "pending"] }, quarantined: false },
        data: { ...fields, version: { increment: 1 }, updatedAt: new Date() },
      });
      if (count === 0) throw errors.staleVersion();
      await tx.positionRevision.create({ data: { positionId: existing.id, version: existing.version, snapshot: snapshotOf(existing), authorId: existing.authorId } });
      await tx.positionEvidence.deleteMany({ where: { positionId: existing.id } });
      await tx.positionEvidence.createMany({ data: evidence.map((e) => ({ ...e, positionId: existing.id })) });
      await writeCitations(tx, existing.id, citations);
      published(existing.id);
      return { created: false, consultation, viewer, id: existing.id };
    });
  let result;
  try {
    result = await run();
  } catch (err) {
    // Two first publications raced: the loser retries as a revision of the winner's.
    if (!isUniqueViolation(err)) throw err;
    result = await run();
  }
  const row = await prisma.position.findUniqueOrThrow({ where: { id: result.id }, include: POSITION_INCLUDE });
  return { created: result.created, position: (await presentPositions(prisma, [row], result.viewer, result.consultation))[0]! };
}

export async function listPositions(
  prisma: PrismaClient,
  actor: Actor | null,
  consultationIdOrSlug: string,
  query: { questionId?: string; stance?: string; category?: string; textId?: string; eId?: string; cursor?: string; limit: number },
) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, consultationIdOrSlug);
  const base = { consultationId: consultation.id, ...(query.questionId ? { questionId: query.questionId } : {}), ...visibleContributionWhere(viewer, consultation) };
  const after = query.cursor ? decodeCursor(query.cursor, { id: cursorKeys.id }) : null;
  const [rows, groups] = await Promise.all([
    prisma.position.findMany({
      where: { ...base, ...(query.stance ? { stance: query.stance as never } : {}), ...(query.category ? { category: query.category as never } : {}),
        // A unit's panel: the positions citing it (the counts table stays over every visible position).
        ...(query.textId && query.eId ? { citations: { some: { documentId: query.textId, eId: query.eId } } } : {}),
        ...(after ? { id: { gt: after.id } } : {}) },
      orderBy: { id: "asc" },
      take: query.limit + 1,
      include: POSITION_INCLUDE,
    }),
    // Counts by category x stance over all visible positions (the filters narrow the cards, not the table).
    prisma.position.groupBy({ by: ["category", "stance"], where: base, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(
    STAKEHOLDER_CATEGORIES.map((cat) => [cat, Object.fromEntries(STANCES.map((s) => [s, 0]))]),
  ) as Record<string, Record<string, number>>;
  for (const g of groups) counts[g.category]![g.stance] = g._count._all;
  const page = rows.slice(0, query.limit);
  return {
    items: await presentPositions(prisma, page, viewer, consultation),
    nextCursor: rows.length > query.limit ? encodeCursor({ id: page.at(-1)!.id }) : null,
    counts,
  };
}

async function loadVisiblePosition(db: Tx, actor: Actor | null, positionId: string) {
  const position = await db.position.findUnique({ where: { id: positionId }, include: { ...POSITION_INCLUDE, consultation: true } });
  if (!position) throw errors.notFound("Position");
  const viewer = await viewerFor(db, actor, position.consultationId);
  if (!canSeeContribution(viewer, position.consultation, position)) throw errors.notFound("Position");
  return { position, viewer, consultation: position.consultation };
}

export async function getPosition(prisma: PrismaClient, actor: Actor | null, positionId: string) {
  const { position, viewer, consultation } = await loadVisiblePosition(prisma, actor, positionId);
  const revisions = await prisma.positionRevision.findMany({ where: { positionId }, orderBy: { version: "desc" } });
  const showAuthor = consultationPolicy.seeAuthors(viewer, consultation) || position.authorId === viewer.userId;
  if (position.quarantined) return { ...(await presentPositions(prisma, [position], viewer, consultation))[0]!, history: [] };
  return {
    ...(await presentPositions(prisma, [position], viewer, consultation))[0]!,
    // Revising keeps the history, public like the position itself (authors withheld under Chatham House).
    // Only versions that were public are history the public may read (never a held or removed one).
    history: revisions.filter((r) => (r.snapshot as ReturnType<typeof snapshotOf>).status === "published").map((r) => {
      const s = r.snapshot as ReturnType<typeof snapshotOf>;
      return { version: r.version, stance: s.stance, summary: s.summary, argumentHtml: s.argumentHtml, amendmentText: s.amendmentText, evidence: s.evidence, replacedAt: r.createdAt.toISOString(), authorId: showAuthor ? s.authorId : null };
    }),
  };
}

export async function setPositionEndorsement(prisma: PrismaClient, actor: Actor, positionId: string, endorse: boolean) {
  const { position, viewer, consultation } = await loadVisiblePosition(prisma, actor, positionId);
  if (endorse && !contributionPolicy.endorse(viewer, consultation, position)) throw errors.forbidden("You cannot endorse this position.");
  const category = endorse ? await endorserCategory(prisma, actor.id) : null;
  await inTransaction(prisma, async (tx) => {
    const changed = category ? await addEndorsement(tx, actor.id, category, { positionId }) : await removeEndorsement(tx, actor.id, { positionId });
    if (changed) recordEvent(tx, { consultationId: consultation.id, type: "endorsement:changed", payload: { positionId } });
  });
  const tallies = await tallyEndorsements(prisma, "positionId", [positionId]);
  return { endorsements: tallies.get(positionId) ?? { total: 0, byCategory: {} }, viewerEndorsed: endorse };
}
