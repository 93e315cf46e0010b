// Amendments to a draft text: propose (replace, delete, insert after a unit or a span), list the
// competing ones per unit, endorse, withdraw (the author only), and the organisers' outcome.
import type { PrismaClient, Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { renderRichText } from "../content/rich-text.ts";
import { viewerFor } from "../consultations/access.ts";
import { canSeeContribution, consultationPolicy, holdsForReview, visibleContributionWhere, type Viewer } from "../consultations/policy.ts";
import { assertNotMuted, countApprovedContributions, resolveSpeaker } from "../posts/write.ts";
import { endorserCategory } from "../posts/endorsements.ts";
import { inTransaction, recordEvent } from "../events/record.ts";
import { recordAudit } from "../moderation/audit.ts";
import type { Consultation } from "../db/generated/client.ts";
import type { TAmendmentOutcomeBody, TCreateAmendmentBody } from "../../shared/schemas/texts.ts";
import { loadReadableDocument } from "../texts/service.ts";
import { resolveAnchor } from "../texts/anchors.ts";
import { changeKey, changesSince } from "../texts/changes.ts";
import { amendmentPolicy } from "./policy.ts";
import { presentAmendment, type AmendmentRow, type EndorsementTally } from "./present.ts";

export const AMENDMENT_INCLUDE = {
  author: { select: { id: true, displayName: true } },
} as const;

async function withOrganisations(db: Tx, rows: (Omit<AmendmentRow, "organisation">)[]): Promise<AmendmentRow[]> {
  const ids = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => !!x))];
  const orgs = ids.length ? await db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return rows.map((r) => ({ ...r, organisation: r.organisationId ? (byId.get(r.organisationId) ?? null) : null }));
}

/** Endorsements by category for many amendments: one grouped query. */
export async function tallyAmendmentEndorsements(db: Tx, ids: string[]): Promise<Map<string, EndorsementTally>> {
  const out = new Map<string, EndorsementTally>();
  if (!ids.length) return out;
  const groups = await db.amendmentEndorsement.groupBy({ by: ["amendmentId", "category"], where: { amendmentId: { in: ids } }, _count: { _all: true } });
  for (const g of groups) {
    const t = out.get(g.amendmentId) ?? { total: 0, byCategory: {} };
    t.total += g._count._all;
    t.byCategory[g.category] = (t.byCategory[g.category] ?? 0) + g._count._all;
    out.set(g.amendmentId, t);
  }
  return out;
}

async function presentMany(db: Tx, rows: Omit<AmendmentRow, "organisation">[], viewer: Viewer, c: Consultation, currentVersion: number) {
  const ids = rows.map((r) => r.id);
  const [full, tallies, mine, changes] = await Promise.all([
    withOrganisations(db, rows),
    tallyAmendmentEndorsements(db, ids),
    viewer.userId && ids.length ? db.amendmentEndorsement.findMany({ where: { userId: viewer.userId, amendmentId: { in: ids } }, select: { amendmentId: true } }) : [],
    rows.length ? changesSince(db, rows[0]!.documentId, currentVersion, rows) : new Map(),
  ]);
  const endorsed = new Set(mine.map((m) => m.amendmentId));
  return full.map((r) => presentAmendment(r, viewer, c, { endorsements: tallies.get(r.id), viewerEndorsed: endorsed.has(r.id), changedSince: changes.get(changeKey(r)) ?? null }));
}

export async function proposeAmendment(prisma: PrismaClient, actor: Actor, documentId: string, input: TCreateAmendmentBody) {
  const { document, viewer, consultation } = await loadReadableDocument(prisma, actor, documentId);
  if (!amendmentPolicy.propose(viewer, consultation)) {
    throw errors.forbidden(consultation.status !== "open" ? "This consultation is not open for contributions." : "You cannot propose amendments in this consultation.");
  }
  const staff = consultationPolicy.moderate(viewer, consultation);
  if (!staff) await assertNotMuted(prisma, consultation.id, actor.id);
  const currentVersion = document.versions.at(-1)!.number;
  const anchor = await resolveAnchor(prisma, document.id, currentVersion, input);
  const speaker = await resolveSpeaker(prisma, actor.id, input.organisationId);
  const approved = consultation.moderationMode === "newcomers" && !staff ? await countApprovedContributions(prisma, consultation.id, actor.id) : 0;
  const status = holdsForReview(viewer, consultation, approved) ? "pending" : "published";
  const row = await inTransaction(prisma, async (tx) => {
    const created = await tx.amendment.create({
      data: {
        consultationId: consultation.id,
        documentId: document.id,
        eId: input.eId,
        versionNumber: currentVersion,
        kind: input.kind,
        spanStart: anchor.spanStart,
        spanEnd: anchor.spanEnd,
        quote: input.kind === "insert_after" ? "" : anchor.quote,
        proposedText: input.proposedText,
        justificationSource: input.justification,
        justificationHtml: renderRichText(input.justification),
        evidence: input.evidence.map((e) => ({ kind: e.kind, citation: e.citation, url: e.url ?? null })),
        declarationOfInterests: input.declarationOfInterests ?? null,
        fundingSources: input.fundingSources ?? null,
        authorId: actor.id,
        organisationId: speaker.organisation?.id ?? null,
        category: speaker.category,
        status,
      },
      include: AMENDMENT_INCLUDE,
    });
    recordEvent(tx, { consultationId: consultation.id, type: "amendment:changed", payload: { amendmentId: created.id } });
    return created;
  });
  return { amendment: (await presentMany(prisma, [row], viewer, consultation, currentVersion))[0]! };
}

/**
 * A text's amendments the viewer may see (one unit's, when eId is given), oldest first, a page at a time;
 * `units` groups the page's amendments per unit (competing ones are shown side by side).
 */
export async function listAmendments(prisma: PrismaClient, actor: Actor | null, documentId: string, query: { eId?: string; cursor?: string; limit: number }) {
  const { document, viewer, consultation } = await loadReadableDocument(prisma, actor, documentId);
  const after = query.cursor ? decodeCursor(query.cursor, { createdAt: cursorKeys.instant, id: cursorKeys.id }) : null;
  const rows = await prisma.amendment.findMany({
    where: {
      documentId: document.id,
      ...(query.eId ? { eId: query.eId } : {}),
      ...visibleContributionWhere(viewer, consultation),
      ...(after ? { AND: [{ OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }] } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    include: AMENDMENT_INCLUDE,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items = await presentMany(prisma, page, viewer, consultation, document.versions.at(-1)!.number);
  const byUnit = new Map<string, typeof items>();
  for (const a of items) byUnit.set(a.eId, [...(byUnit.get(a.eId) ?? []), a]);
  return {
    items,
    units: [...byUnit].map(([eId, amendments]) => ({ eId, competing: amendments.length > 1, amendments: amendments.map((a) => a.id) })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

export async function loadVisibleAmendment(db: Tx, actor: Actor | null, amendmentId: string) {
  const amendment = await db.amendment.findUnique({ where: { id: amendmentId }, include: AMENDMENT_INCLUDE });
  if (!amendment) throw errors.notFound("Amendment");
  const [consultation, viewer] = await Promise.all([db.consultation.findUniqueOrThrow({ where: { id: amendment.consultationId } }), viewerFor(db, actor, amendment.consultationId)]);
  if (!canSeeContribution(viewer, consultation, amendment)) throw errors.notFound("Amendment");
  return { amendment, viewer, consultation };
}

async function currentVersionOf(db: Tx, documentId: string) {
  return (await db.textVersion.findFirstOrThrow({ where: { documentId }, orderBy: { number: "desc" }, select: { number: true } })).number;
}

export async function getAmendment(prisma: PrismaClient, actor: Actor | null, amendmentId: string) {
  const { amendment, viewer, consultation } = await loadVisibleAmendment(prisma, actor, amendmentId);
  return { amendment: (await presentMany(prisma, [amendment], viewer, consultation, await currentVersionOf(prisma, amendment.documentId)))[0]! };
}

/** The author withdraws their amendment; it leaves the public record like a withdrawn post. */
export async function withdrawAmendment(prisma: PrismaClient, actor: Actor, amendmentId: string) {
  const { amendment, viewer, consultation } = await loadVisibleAmendment(prisma, actor, amendmentId);
  if (!amendmentPolicy.withdraw(viewer, consultation, amendment)) throw errors.forbidden("Only its author can withdraw an amendment.");
  await inTransaction(prisma, async (tx) => {
    const { count } = await tx.amendment.updateMany({
      where: { id: amendment.id, authorId: actor.id, status: { in: ["published", "pending"] } },
      data: { status: "withdrawn", outcome: "withdrawn", outcomeReasons: "Withdrawn by its author.", outcomeAt: new Date() },
    });
    if (count === 0) throw errors.conflict("This amendment was withdrawn or removed meanwhile.");
    recordEvent(tx, { consultationId: consultation.id, type: "amendment:changed", payload: { amendmentId: amendment.id } });
  });
}

export async function setAmendmentEndorsement(prisma: PrismaClient, actor: Actor, amendmentId: string, endorse: boolean) {
  const { amendment, viewer, consultation } = await loadVisibleAmendment(prisma, actor, amendmentId);
  if (endorse && !amendmentPolicy.endorse(viewer, consultation, amendment)) throw errors.forbidden("You cannot endorse this amendment.");
  const category = endorse ? await endorserCategory(prisma, actor.id) : null;
  await inTransaction(prisma, async (tx) => {
    const changed = category
      ? (await tx.amendmentEndorsement.createMany({ data: [{ amendmentId, userId: actor.id, category: category as never }], skipDuplicates: true })).count > 0
      : (await tx.amendmentEndorsement.deleteMany({ where: { amendmentId, userId: actor.id } })).count > 0;
    if (changed) recordEvent(tx, { consultationId: consultation.id, type: "amendment:changed", payload: { amendmentId } });
  });
  const tallies = await tallyAmendmentEndorsements(prisma, [amendmentId]);
  return { endorsements: tallies.get(amendmentId) ?? { total: 0, byCategory: {} }, viewerEndorsed: endorse };
}

/** The organisers' answer to an amendment, with reasons: it feeds the report and the response matrix. */
export async function recordAmendmentOutcome(prisma: PrismaClient, actor: Actor, amendmentId: string, input: TAmendmentOutcomeBody) {
  const { amendment, viewer, consultation } = await loadVisibleAmendment(prisma, actor, amendmentId);
  if (!amendmentPolicy.recordOutcome(viewer, consultation, amendment)) {
    throw errors.forbidden(consultationPolicy.edit(viewer, consultation) ? "Only a published amendment can be answered." : "Only the consultation's organisers record outcomes.");
  }
  await inTransaction(prisma, async (tx) => {
    await tx.amendment.update({ where: { id: amendment.id }, data: { outcome: input.outcome, outcomeReasons: input.reasons, outcomeById: actor.id, outcomeAt: new Date() } });
    await recordAudit(tx, {
      consultationId: consultation.id,
      actorId: actor.id,
      action: "amendment_outcome",
      targetType: "amendment",
      targetId: amendment.id,
      statement: input.reasons,
      before: { outcome: amendment.outcome },
      after: { outcome: input.outcome },
    });
    recordEvent(tx, { consultationId: consultation.id, type: "amendment:changed", payload: { amendmentId: amendment.id } });
  });
  return getAmendment(prisma, actor, amendmentId);
}
