// The text's files for readers: Akoma Ntoso XML of a version, and a DOCX of the current version with
// the accepted (or all visible proposed) amendments as tracked changes. Access as for the text; the
// amendments are those the caller may see, attributed as the reading view names them.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { consultationPolicy, visibleContributionWhere } from "../consultations/policy.ts";
import { CATEGORY_LABELS } from "../../shared/categories.ts";
import { getText, loadReadableDocument } from "./service.ts";
import { toAkomaNtoso, toTrackedDocx } from "./outputs.ts";
import { changeKey, changesSince } from "./changes.ts";

export async function exportAkomaNtoso(prisma: PrismaClient, actor: Actor | null, documentId: string, query: { version?: number }) {
  const text = await getText(prisma, actor, documentId, query);
  return { filename: `text-${text.id}-v${text.version}.akn.xml`, xml: toAkomaNtoso(text.title, text.version, text.units) };
}

export async function exportTrackedDocx(prisma: PrismaClient, actor: Actor | null, documentId: string, query: { amendments: "accepted" | "proposed" }) {
  const { viewer, consultation } = await loadReadableDocument(prisma, actor, documentId);
  const text = await getText(prisma, actor, documentId, {});
  const rows = await prisma.amendment.findMany({
    where: {
      documentId,
      ...visibleContributionWhere(viewer, consultation),
      // Staff see held and removed ones in lists; a document for Word carries public ones only.
      status: "published",
      ...(query.amendments === "accepted" ? { outcome: { in: ["accepted", "partly_accepted"] } } : {}),
    },
    orderBy: { createdAt: "asc" },
  });
  const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => !!x))];
  const orgs = new Map((await prisma.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  const named = consultationPolicy.seeAuthors(viewer, consultation);
  // An amendment's word offsets are into the words of the version it was written on: only a change of
  // those words (not of the number or heading) keeps it out of the new text.
  const changes = await changesSince(prisma, documentId, text.version, rows);
  const wordsChanged = (r: (typeof rows)[number]) => {
    const c = changes.get(changeKey(r));
    return !!c && (c.removed || c.diff.some((p) => p.op !== "equal"));
  };
  const amendments = rows.map((r) => ({
    ...r,
    textChangedSince: wordsChanged(r) ? r.versionNumber : null,
    // Chatham House: the category, never the organisation.
    author: (named && r.organisationId ? orgs.get(r.organisationId) : null) ?? CATEGORY_LABELS[r.category as keyof typeof CATEGORY_LABELS] ?? r.category,
  }));
  const bytes = await toTrackedDocx(text.title, text.version, text.units, amendments);
  return { filename: `text-${text.id}-v${text.version}-${query.amendments}.docx`, bytes };
}
