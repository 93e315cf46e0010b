// What the moderation queue shows of a held amendment besides its text: the draft text and the unit it
// amends, cited as printed in the current version, and the organisation it speaks for.
import type { PrismaClient } from "../db/index.ts";
import { citation, type CitableRow } from "../texts/cite.ts";

type Held = { documentId: string; eId: string; quote: string; quarantined: boolean; organisationId: string | null };

export async function loadAmendmentContext(prisma: PrismaClient, slug: string, held: Held[]) {
  const documentIds = [...new Set(held.map((a) => a.documentId))];
  const [documents, organisations] = await Promise.all([
    documentIds.length
      ? prisma.textDocument.findMany({ where: { id: { in: documentIds } }, select: { id: true, title: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } } })
      : [],
    prisma.organisation.findMany({ where: { id: { in: [...new Set(held.map((a) => a.organisationId).filter((x): x is string => !!x))] } }, select: { id: true, name: true, verified: true } }),
  ]);
  const units = documents.length
    ? await prisma.textUnit.findMany({ where: { versionId: { in: documents.map((d) => d.versions[0]?.id).filter((v): v is string => !!v) } }, select: { documentId: true, eId: true, parentEId: true, kind: true, num: true, heading: true } })
    : [];
  const byDocument = new Map<string, Map<string, CitableRow>>();
  for (const u of units) (byDocument.get(u.documentId) ?? byDocument.set(u.documentId, new Map()).get(u.documentId)!).set(u.eId, u);
  const title = new Map(documents.map((d) => [d.id, d.title]));
  const organisation = new Map(organisations.map((o) => [o.id, o]));
  return (a: Held) => {
    const byEId = byDocument.get(a.documentId);
    const unit = byEId?.get(a.eId);
    return {
      text: { id: a.documentId, title: title.get(a.documentId) ?? "", consultationSlug: slug },
      eId: a.eId,
      unitLabel: unit && byEId ? citation(unit, byEId) : a.eId,
      // The words it replaces or deletes: the author's choice of span, withheld with the rest if quarantined.
      quote: a.quarantined ? null : a.quote,
      organisation: a.organisationId ? (organisation.get(a.organisationId) ?? null) : null,
    };
  };
}
