// Reading the record: the audit log (organisers and admins, filterable, CSV) and the public
// transparency report (aggregates only, no personal data).
import type { Response } from "express";
import { csvSafeRecord } from "../exports/formats/csv-safe.ts";
import { stringify } from "csv-stringify";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { rankIn } from "../consultations/policy.ts";
import { moderationPolicy } from "./policy.ts";

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** Moderation actions, with their proposals and confirmations and appeal outcomes: what moderators may read. */
export const MODERATION_LOG_ACTIONS = [
  "approve", "reject", "hide", "restore", "edit", "move", "lock", "unlock", "pin", "unpin", "slow_mode", "mute", "remove_position",
  "propose_remove_position", "confirm_remove_position", "dismiss_flags", "appeal_lodged", "appeal_upheld", "appeal_overturned", "open_quarantined",
];

/** The consultation and which actions the reader may see: all of them, or the moderation log only. */
async function auditScope(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, consultationIdOrSlug);
  const rank = rankIn(viewer, consultation);
  if (moderationPolicy.readAuditLog(rank)) return { consultation, actions: null };
  if (moderationPolicy.readModerationLog(rank)) return { consultation, actions: MODERATION_LOG_ACTIONS };
  throw errors.forbidden("Only staff read the moderation log.");
}

function auditWhere(scope: { consultation: { id: string }; actions: string[] | null }, f: AuditFilter) {
  const actions = f.action ? (scope.actions && !scope.actions.includes(f.action) ? [] : [f.action]) : scope.actions;
  return {
    consultationId: scope.consultation.id,
    ...(actions ? { action: { in: actions } } : {}),
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.targetId ? { targetId: f.targetId } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lte: new Date(f.to) } : {}) } } : {}),
  };
}

function presentEntry(e: { id: string; seq: number; actorId: string | null; automated: boolean; action: string; targetType: string; targetId: string; reasonCode: string | null; statement: string | null; before: unknown; after: unknown; createdAt: Date }) {
  return { id: e.id, seq: e.seq, actorId: e.actorId, automated: e.automated, action: e.action, targetType: e.targetType, targetId: e.targetId, reasonCode: e.reasonCode, statement: e.statement, before: e.before, after: e.after, createdAt: e.createdAt.toISOString() };
}

export async function readAuditLog(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string, filter: AuditFilter) {
  const scope = await auditScope(prisma, actor, consultationIdOrSlug);
  const after = filter.cursor ? decodeCursor(filter.cursor, { seq: cursorKeys.seq }).seq : null;
  const rows = await prisma.auditEntry.findMany({
    where: { ...auditWhere(scope, filter), ...(after !== null ? { seq: { lt: after } } : {}) },
    orderBy: { seq: "desc" },
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const actors = await prisma.user.findMany({ where: { id: { in: [...new Set(page.map((r) => r.actorId).filter((x): x is string => !!x))] } }, select: { id: true, displayName: true } });
  const names = new Map(actors.map((a) => [a.id, a.displayName]));
  return {
    items: page.map((e) => ({ ...presentEntry(e), actorName: e.actorId ? (names.get(e.actorId) ?? null) : null })),
    nextCursor: rows.length > filter.limit ? encodeCursor({ seq: page.at(-1)!.seq }) : null,
  };
}

/** Streams the (filtered) audit log as CSV in keyset batches: never the whole log in memory. */
export async function streamAuditCsv(prisma: PrismaClient, actor: Actor, consultationIdOrSlug: string, filter: AuditFilter, res: Response) {
  const scope = await auditScope(prisma, actor, consultationIdOrSlug);
  const { consultation } = scope;
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="audit-${consultation.slug}.csv"`);
  res.setHeader("Cache-Control", "no-store");
  const csv = stringify({ header: true, columns: ["seq", "createdAt", "actorId", "automated", "action", "targetType", "targetId", "reasonCode", "statement", "before", "after"] });
  csv.pipe(res);
  let after = 0;
  for (;;) {
    const batch = await prisma.auditEntry.findMany({ where: { ...auditWhere(scope, filter), seq: { gt: after } }, orderBy: { seq: "asc" }, take: 500 });
    for (const e of batch) {
      const row = presentEntry(e);
      // Statements and JSON snapshots hold what people typed: no cell may start a formula (csv-safe.ts).
      const ok = csv.write(csvSafeRecord({ ...row, before: e.before === null ? "" : JSON.stringify(e.before), after: e.after === null ? "" : JSON.stringify(e.after) }));
      if (!ok) await new Promise((r) => csv.once("drain", r));
    }
    if (batch.length < 500) break;
    after = batch.at(-1)!.seq;
  }
  csv.end();
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Public figures for a consultation: counts only, never who. */
export async function transparencyReport(prisma: PrismaClient, actor: Actor | null, consultationIdOrSlug: string) {
  const { consultation } = await loadReadableConsultation(prisma, actor, consultationIdOrSlug);
  const where = { consultationId: consultation.id, confirmedAt: { not: null } };
  const [byAction, byReason, byAutomation, byCategory, timings, appeals, flagsReceived] = await Promise.all([
    prisma.moderationDecision.groupBy({ by: ["action"], where, _count: { _all: true } }),
    prisma.moderationDecision.groupBy({ by: ["reasonCode"], where: { ...where, reasonCode: { not: null } }, _count: { _all: true } }),
    prisma.moderationDecision.groupBy({ by: ["automated"], where, _count: { _all: true } }),
    prisma.moderationDecision.groupBy({ by: ["subjectCategory"], where: { ...where, subjectCategory: { not: null } }, _count: { _all: true } }),
    prisma.moderationDecision.findMany({ where: { ...where, queuedAt: { not: null }, automated: false }, select: { queuedAt: true, createdAt: true } }),
    prisma.appeal.groupBy({ by: ["status"], where: { decision: { consultationId: consultation.id } }, _count: { _all: true } }),
    prisma.flag.count({ where: { consultationId: consultation.id } }),
  ]);
  const tally = <R extends { _count: { _all: number } }>(rows: R[], key: (r: R) => unknown) =>
    Object.fromEntries(rows.map((r) => [String(key(r)), r._count._all]));
  const waits = timings.map((t) => (t.createdAt.getTime() - t.queuedAt!.getTime()) / 1000);
  const medianSeconds = median(waits);
  return {
    consultationId: consultation.id,
    decisions: {
      total: byAction.reduce((n, r) => n + r._count._all, 0),
      byAction: tally(byAction, (r) => r.action),
      byReasonCode: tally(byReason, (r) => r.reasonCode),
      automated: byAutomation.find((r) => r.automated)?._count._all ?? 0,
      human: byAutomation.find((r) => !r.automated)?._count._all ?? 0,
      byAuthorCategory: tally(byCategory, (r) => r.subjectCategory),
    },
    flags: {
      received: flagsReceived,
      /** Reviews that found the flags unfounded: the item stayed as it was. */
      rejected: byAction.find((r) => r.action === "dismiss_flags")?._count._all ?? 0,
    },
    appeals: {
      lodged: appeals.reduce((n, r) => n + r._count._all, 0),
      byOutcome: tally(appeals, (r) => r.status),
    },
    medianSecondsToDecision: medianSeconds === null ? null : Math.round(medianSeconds),
  };
}
