// Summary reports: organisers preview the report built from the current record, then publish it as an
// immutable, numbered version (a database trigger refuses updates and deletes) identified by the SHA-256
// of its data. Anyone who may read the consultation lists and downloads published versions; access is
// checked at every download. PDF and DOCX are rendered from the stored snapshot (in the export worker pool,
// once per process, then kept on its disk): the same snapshot always gives the same bytes, so processes
// that each render their own copy serve identical files.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import type { PrismaClient } from "../db/index.ts";
import { isUniqueViolation } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError, errors } from "../http/errors.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { inTransaction, recordEvent } from "../events/record.ts";
import { recordAudit } from "../moderation/audit.ts";
import type { ReportData, ReportFormat } from "../../shared/schemas/exports.ts";
import { buildReportData } from "./report/build.ts";
import { contentHash } from "./report/canonical.ts";
import { renderReportText, REPORT_TYPES } from "./report/render.ts";
import type { ExportWorkerPool } from "./worker/run.ts";

async function loadEditable(prisma: PrismaClient, actor: Actor, idOrSlug: string) {
  const access = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!consultationPolicy.edit(access.viewer, access.consultation)) throw errors.forbidden("Only the consultation's organisers can prepare its summary report.");
  return access;
}

export async function previewSummary(prisma: PrismaClient, actor: Actor, idOrSlug: string, siteUrl: string) {
  const { consultation } = await loadEditable(prisma, actor, idOrSlug);
  const data = await buildReportData(prisma, actor, consultation, { generatedAt: new Date(), siteUrl });
  return { summary: data, contentHash: contentHash(data) };
}

function presentVersion(v: { version: number; contentHash: string; createdAt: Date }, consultationId: string) {
  const base = `/api/consultations/${consultationId}/summary/versions/${v.version}`;
  return {
    version: v.version,
    contentHash: v.contentHash,
    createdAt: v.createdAt.toISOString(),
    downloads: { html: `${base}.html`, md: `${base}.md`, pdf: `${base}.pdf`, docx: `${base}.docx` },
  };
}

export async function publishSummary(prisma: PrismaClient, actor: Actor, idOrSlug: string, siteUrl: string) {
  const { consultation } = await loadEditable(prisma, actor, idOrSlug);
  const generatedAt = new Date();
  const data = await buildReportData(prisma, actor, consultation, { generatedAt, siteUrl });
  const hash = contentHash(data);
  const markdown = renderReportText(data, "md");
  const html = renderReportText(data, "html");
  // Two organisers publishing at once: the unique (consultation, version) decides, the loser retries.
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await inTransaction(prisma, async (tx) => {
        const last = await tx.summaryVersion.findFirst({ where: { consultationId: consultation.id }, orderBy: { version: "desc" }, select: { version: true } });
        const row = await tx.summaryVersion.create({
          data: { consultationId: consultation.id, version: (last?.version ?? 0) + 1, contentHash: hash, data: data as object, markdown, html, createdById: actor.id, createdAt: generatedAt },
          select: { version: true, contentHash: true, createdAt: true },
        });
        await recordAudit(tx, { consultationId: consultation.id, actorId: actor.id, action: "publish_summary", targetType: "consultation", targetId: consultation.id, after: { version: row.version, contentHash: hash } });
        // The lifecycle's "summary published" step is this act: a closed consultation moves on with it.
        const moved = await tx.consultation.updateMany({ where: { id: consultation.id, status: "closed" }, data: { status: "summary_published" } });
        if (moved.count > 0) {
          await recordAudit(tx, { consultationId: consultation.id, actorId: actor.id, action: "status_summary_published", targetType: "consultation", targetId: consultation.id, before: { status: "closed" }, after: { status: "summary_published" } });
          recordEvent(tx, { consultationId: consultation.id, type: "consultation:updated", payload: { consultationId: consultation.id } });
        }
        return row;
      });
      return presentVersion(created, consultation.id);
    } catch (err) {
      if (attempt < 5 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

export async function listSummaryVersions(prisma: PrismaClient, actor: Actor | null, idOrSlug: string) {
  const { consultation } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const rows = await prisma.summaryVersion.findMany({
    where: { consultationId: consultation.id },
    orderBy: { version: "desc" },
    select: { version: true, contentHash: true, createdAt: true },
  });
  return rows.map((r) => presentVersion(r, consultation.id));
}

export interface SummaryFile {
  body: Buffer;
  contentType: string;
  filename: string;
  contentHash: string;
}

/** A published version in one format, for a reader allowed to read the consultation now. */
export async function getSummaryVersionFile(prisma: PrismaClient, pool: ExportWorkerPool, dataDir: string, actor: Actor | null, idOrSlug: string, version: number, format: ReportFormat): Promise<SummaryFile> {
  const { consultation } = await loadReadableConsultation(prisma, actor, idOrSlug);
  const row = await prisma.summaryVersion.findUnique({ where: { consultationId_version: { consultationId: consultation.id, version } } });
  if (!row) throw errors.notFound("Summary version");
  // A snapshot is immutable, but content it quotes may be reported as illegal after publication: such a
  // version is withdrawn from circulation (it stays in the database for the record).
  const quarantined = await prisma.$transaction([
    prisma.post.findMany({ where: { consultationId: consultation.id, quarantined: true }, select: { id: true } }),
    prisma.position.findMany({ where: { consultationId: consultation.id, quarantined: true }, select: { id: true } }),
  ]);
  const snapshot = JSON.stringify(row.data);
  if (quarantined.flat().some((q) => snapshot.includes(q.id))) {
    throw new AppError("gone", "This version quotes a contribution since reported as illegal content; it is no longer distributed. Publish a new version.");
  }
  const file = { contentType: REPORT_TYPES[format], filename: `${consultation.slug}-summary-v${row.version}.${format}`, contentHash: row.contentHash };
  if (format === "html") return { ...file, body: Buffer.from(row.html, "utf8") };
  if (format === "md") return { ...file, body: Buffer.from(row.markdown, "utf8") };
  // The snapshot must still be the one that was published.
  if (contentHash(row.data) !== row.contentHash) throw new Error(`summary version ${row.id} does not match its content hash`);
  const cacheDir = path.join(dataDir, "exports", "summaries");
  const cached = path.join(cacheDir, `${row.id}.${format}`);
  if (fs.existsSync(cached)) return { ...file, body: fs.readFileSync(cached) };
  const body = await pool.render(row.data as unknown as ReportData, format);
  fs.mkdirSync(cacheDir, { recursive: true });
  const partial = `${cached}.${crypto.randomBytes(6).toString("hex")}.partial`;
  fs.writeFileSync(partial, body);
  fs.renameSync(partial, cached);
  return { ...file, body };
}
