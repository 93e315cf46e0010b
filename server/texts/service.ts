// Draft texts: import (with a preview that saves nothing), publish versions, read a version as a tree,
// compare two versions. Organiser-only writes through textPolicy; reads as public as the consultation.
import type { PrismaClient, Tx } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation, viewerFor } from "../consultations/access.ts";
import { inTransaction, recordEvent, type EventTx } from "../events/record.ts";
import type { TCreateTextBody, TPreviewTextBody, TPublishVersionBody } from "../../shared/schemas/texts.ts";
import { importText, countUnits } from "./import/index.ts";
import { textPolicy } from "./policy.ts";
import { buildTree, flattenTree, type FlatUnit } from "./tree.ts";
import { compareVersions } from "./diff.ts";
import { notifyAboutChangedUnits } from "./notify.ts";
import type { Consultation } from "../db/generated/client.ts";

async function loadManageableConsultation(db: Tx, actor: Actor, idOrSlug: string) {
  const access = await loadReadableConsultation(db, actor, idOrSlug);
  if (!textPolicy.manage(access.viewer, access.consultation)) throw errors.forbidden("Only the consultation's organisers can import and version its texts.");
  return access;
}

/** A document the actor may read (404 as if it did not exist otherwise), with its consultation. */
export async function loadReadableDocument(db: Tx, actor: Actor | null, documentId: string) {
  const document = await db.textDocument.findUnique({ where: { id: documentId }, include: { consultation: true, versions: { orderBy: { number: "asc" }, select: { number: true, note: true, publishedAt: true, sourceFormat: true } } } });
  if (!document) throw errors.notFound("Text");
  const viewer = await viewerFor(db, actor, document.consultationId);
  if (!textPolicy.read(viewer, document.consultation)) throw errors.notFound("Text");
  return { document, viewer, consultation: document.consultation };
}

/** Imports without saving: the tree as recognised and what could not be placed, for the organiser to check. */
export async function previewText(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string, input: TPreviewTextBody) {
  await loadManageableConsultation(prisma, actor, consultationIdOrSlug);
  const imported = await importText(input.format, input.content);
  return { units: imported.units, warnings: imported.warnings, unitCount: countUnits(imported.units) };
}

async function importOrRefuse(input: { format: TPreviewTextBody["format"]; content: string }) {
  const imported = await importText(input.format, input.content);
  if (!imported.units.length) {
    throw errors.invalidInput("No units were recognised in this text; check it with the preview.", [{ path: "content", message: "holds no recognisable article, recital or chapter" }]);
  }
  return { ...imported, flat: flattenTree(imported.units) };
}

async function writeVersion(tx: EventTx, c: Consultation, documentId: string, number: number, actorId: string, input: { format: string; note?: string }, flat: FlatUnit[]) {
  const version = await tx.textVersion.create({ data: { documentId, number, note: input.note ?? null, sourceFormat: input.format, publishedById: actorId } });
  await tx.textUnit.createMany({ data: flat.map((u) => ({ ...u, versionId: version.id, documentId, consultationId: c.id })) });
  recordEvent(tx, { consultationId: c.id, type: "consultation:updated", payload: { consultationId: c.id } });
  return version;
}

export async function createText(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string, input: TCreateTextBody) {
  const { consultation } = await loadManageableConsultation(prisma, actor, consultationIdOrSlug);
  const { flat, warnings } = await importOrRefuse(input);
  const create = () =>
    inTransaction(prisma, async (tx) => {
      const last = await tx.textDocument.findFirst({ where: { consultationId: consultation.id }, orderBy: { ordinal: "desc" }, select: { ordinal: true } });
      const document = await tx.textDocument.create({ data: { consultationId: consultation.id, title: input.title, ordinal: (last?.ordinal ?? 0) + 1, createdById: actor.id } });
      await writeVersion(tx, consultation, document.id, 1, actor.id, input, flat);
      return document;
    });
  let document;
  try {
    document = await create();
  } catch (err) {
    // Two imports at once took the same ordinal: the second goes after the first.
    if (!isUniqueViolation(err)) throw err;
    document = await create();
  }
  return { text: await getText(prisma, actor, document.id, {}), warnings };
}

export async function publishVersion(prisma: PrismaClient, actor: Actor, documentId: string, input: TPublishVersionBody) {
  const { document, viewer, consultation } = await loadReadableDocument(prisma, actor, documentId);
  if (!textPolicy.manage(viewer, consultation)) throw errors.forbidden("Only the consultation's organisers can publish a new version.");
  const current = document.versions.at(-1)!.number;
  if (input.basedOn !== current) throw errors.staleVersion();
  const { flat, warnings } = await importOrRefuse(input);
  const previous = await unitsOf(prisma, document.id, current);
  const changed = compareVersions(previous, flat)
    .filter((u) => u.change === "changed" || u.change === "moved_and_changed" || u.change === "removed")
    .map((u) => u.eId);
  try {
    await inTransaction(prisma, async (tx) => {
      await writeVersion(tx, consultation, document.id, current + 1, actor.id, input, flat);
      await notifyAboutChangedUnits(tx, { consultation, documentId: document.id, title: document.title, version: current + 1, actorId: actor.id, eIds: changed, rows: { next: flat, previous } });
    });
  } catch (err) {
    // Another organiser published from the same version first.
    if (isUniqueViolation(err)) throw errors.staleVersion();
    throw err;
  }
  return { text: await getText(prisma, actor, document.id, {}), warnings };
}

export function presentVersions(versions: { number: number; note: string | null; publishedAt: Date; sourceFormat: string }[]) {
  return versions.map((v) => ({ number: v.number, note: v.note, sourceFormat: v.sourceFormat, publishedAt: v.publishedAt.toISOString() }));
}

export async function listTexts(prisma: PrismaClient, actor: Actor | null, consultationIdOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, consultationIdOrSlug);
  const documents = await prisma.textDocument.findMany({
    where: { consultationId: consultation.id },
    orderBy: { ordinal: "asc" },
    include: { versions: { orderBy: { number: "asc" }, select: { number: true, note: true, publishedAt: true, sourceFormat: true } } },
  });
  return {
    items: documents.map((d) => ({ id: d.id, title: d.title, ordinal: d.ordinal, currentVersion: d.versions.at(-1)?.number ?? null, versions: presentVersions(d.versions) })),
    abilities: { manage: textPolicy.manage(viewer, consultation) },
  };
}

async function unitsOf(db: Tx, documentId: string, number: number) {
  const version = await db.textVersion.findUnique({ where: { documentId_number: { documentId, number } }, select: { id: true } });
  if (!version) throw errors.notFound("Version");
  return db.textUnit.findMany({ where: { versionId: version.id }, orderBy: { ordinal: "asc" } });
}

/** A version (the current one by default) as a tree of units, each with its row id for anchoring. */
export async function getText(prisma: PrismaClient, actor: Actor | null, documentId: string, query: { version?: number }) {
  const { document, viewer, consultation } = await loadReadableDocument(prisma, actor, documentId);
  const number = query.version ?? document.versions.at(-1)!.number;
  const rows = await unitsOf(prisma, document.id, number);
  return {
    id: document.id,
    consultationId: document.consultationId,
    title: document.title,
    version: number,
    currentVersion: document.versions.at(-1)!.number,
    versions: presentVersions(document.versions),
    units: buildTree(rows, (r) => ({ id: r.id })),
    abilities: { manage: textPolicy.manage(viewer, consultation) },
  };
}

export async function diffText(prisma: PrismaClient, actor: Actor | null, documentId: string, query: { fromVersion: number; toVersion: number }) {
  const { document } = await loadReadableDocument(prisma, actor, documentId);
  const [fromRows, toRows] = await Promise.all([unitsOf(prisma, document.id, query.fromVersion), unitsOf(prisma, document.id, query.toVersion)]);
  const units = compareVersions(fromRows, toRows);
  const counts = Object.fromEntries(["unchanged", "changed", "moved", "moved_and_changed", "added", "removed"].map((k) => [k, units.filter((u) => u.change === k).length]));
  return { documentId: document.id, fromVersion: query.fromVersion, toVersion: query.toVersion, counts, units };
}
