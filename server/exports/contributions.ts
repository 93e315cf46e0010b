// Streaming a consultation's contributions over HTTP: read in keyset batches, written as they come
// (CSV lines, a JSON array writer, ExcelJS's streaming workbook), never held whole. On PostgreSQL the CSV's
// posts and endorsements come straight from COPY (csv-copy.ts).
import type { Response } from "express";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import type { ContributionFormat, ExportScope } from "../../shared/schemas/exports.ts";
import { authorizeExport, type ExportAudience } from "./scope.ts";
import { contributionBatches } from "./rows.ts";
import { copyContributionsCsv } from "./csv-copy.ts";
import { copiesDirectly } from "../db/direct-reads.ts";
import { withCopySlot } from "../db/copy-slots.ts";
import { CONTRIBUTION_TYPES, CONTRIBUTION_WRITERS, type ContributionsMeta } from "./formats/contributions.ts";

export function contributionsMeta(a: ExportAudience, generatedAt: Date): ContributionsMeta {
  const c = a.consultation;
  return {
    generatedAt: generatedAt.toISOString(),
    scope: a.scope,
    consultation: { id: c.id, slug: c.slug, title: c.title, accessMode: c.accessMode, authorsWithheld: !a.showAuthors },
  };
}

export async function streamContributions(prisma: PrismaClient, actor: Actor | null, idOrSlug: string, format: ContributionFormat, scope: ExportScope, res: Response) {
  if (scope === "staff" && !actor) throw errors.unauthenticated();
  const audience = await authorizeExport(prisma, actor, idOrSlug, scope);
  const headers = () => {
    res.setHeader("Content-Type", CONTRIBUTION_TYPES[format]);
    res.setHeader("Content-Disposition", `attachment; filename="${audience.consultation.slug}-contributions-${scope}.${format}"`);
    res.setHeader("Cache-Control", "no-store");
  };
  // COPY holds a pool connection until the reader has everything: one of the few streaming slots (a busy
  // server answers 503 before any header).
  if (format === "csv" && copiesDirectly(prisma)) return withCopySlot(() => (headers(), copyContributionsCsv(prisma, audience, res)));
  headers();
  await CONTRIBUTION_WRITERS[format](contributionBatches(prisma, audience), res, contributionsMeta(audience, new Date()));
}
