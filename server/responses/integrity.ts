// Responses whose authenticity is in doubt are counted apart, never removed (ACUS's recommendation):
//  - "submitted in my name without my consent": anyone who can read a published response may report it;
//    the report counts once the reporter proves they hold the email address they gave (a token mailed to
//    it, stored only as a hash, valid for a limited time). Who reported, and what they said, is for staff.
//  - "suspected automated": a moderator's mark, with a reason, audited; it can be lifted the same way.
// Both appear on the published response, in the counts and in the summary report.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError, errors } from "../http/errors.ts";
import { viewerFor } from "../consultations/access.ts";
import { consultationPolicy } from "../consultations/policy.ts";
import { inTransaction } from "../events/record.ts";
import { recordAudit } from "../moderation/audit.ts";
import { isPublished } from "./publication.ts";
import { responsePolicy } from "./policy.ts";
import { enqueueMail } from "../mail/outbox.ts";

export const IMPERSONATION_TOKEN_HOURS = 48;
/** Reports per response and address that wait for verification at once: one is enough, more is abuse. */
const PENDING_PER_EMAIL = 1;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Staff see a response as written; anyone else only a published one (and never learns whether a hidden one exists). */
async function loadReportable(prisma: PrismaClient, actor: Actor | null, responseId: string) {
  const response = await prisma.response.findUnique({ where: { id: responseId }, include: { consultation: true } });
  if (!response) throw errors.notFound("Response");
  const viewer = await viewerFor(prisma, actor, response.consultationId);
  const staff = response.status === "submitted" && responsePolicy.readAll(viewer, response.consultation);
  if (!staff && !(consultationPolicy.read(viewer, response.consultation) && isPublished(response))) throw errors.notFound("Response");
  return response;
}

export async function reportImpersonation(prisma: PrismaClient, actor: Actor | null, responseId: string, input: { email: string; statement: string }) {
  const response = await loadReportable(prisma, actor, responseId);
  const email = input.email.trim().toLowerCase();
  const token = randomBytes(32).toString("base64url");
  await inTransaction(prisma, async (tx) => {
    const pending = await tx.responseImpersonationReport.count({ where: { responseId, email, verifiedAt: null, expiresAt: { gt: new Date() } } });
    const verified = await tx.responseImpersonationReport.count({ where: { responseId, email, verifiedAt: { not: null } } });
    // Answered like a new report either way: whether this address reported before is nobody else's business.
    if (pending >= PENDING_PER_EMAIL || verified > 0) return false;
    await tx.responseImpersonationReport.create({
      data: { responseId, email, statement: input.statement, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + IMPERSONATION_TOKEN_HOURS * 3600_000) },
    });
    // In the outbox, in the same transaction: the mail exists if and only if the report does. The reporter
    // may have no account, so no language is known: the mail goes in English (server/mail/messages.ts).
    await enqueueMail(tx, { email, language: null }, "impersonation_report", { number: response.submissionNumber ?? "", token, hours: IMPERSONATION_TOKEN_HOURS });
    return true;
  });
  return { received: true as const };
}

export async function verifyImpersonationReport(prisma: PrismaClient, token: string) {
  return inTransaction(prisma, async (tx) => {
    const report = await tx.responseImpersonationReport.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!report) throw errors.notFound("Report");
    if (report.expiresAt <= new Date()) throw new AppError("gone", "This confirmation link has expired: report the response again to get a new one.");
    // The token is spent: cleared, so the same link cannot be replayed.
    await tx.responseImpersonationReport.update({ where: { id: report.id }, data: { verifiedAt: new Date(), tokenHash: null } });
    // Recounted by the indexing queue: the published counts show verified reports apart.
    await tx.response.update({ where: { id: report.responseId }, data: { indexedAt: null } });
    return { verified: true as const, responseId: report.responseId };
  });
}

/** The verified reports on a response, for its consultation's staff. */
export async function listImpersonationReports(prisma: PrismaClient, actor: Actor, responseId: string) {
  const response = await prisma.response.findUnique({ where: { id: responseId }, include: { consultation: true } });
  if (!response) throw errors.notFound("Response");
  const viewer = await viewerFor(prisma, actor, response.consultationId);
  if (!responsePolicy.readAll(viewer, response.consultation)) throw errors.notFound("Response");
  const rows = await prisma.responseImpersonationReport.findMany({ where: { responseId, verifiedAt: { not: null } }, orderBy: { verifiedAt: "asc" } });
  return rows.map((r) => ({ id: r.id, email: r.email, statement: r.statement, verifiedAt: r.verifiedAt!.toISOString() }));
}

/** Marks (or clears) a submitted response as suspected automated. Staff only; audited with its reason. */
export async function markSuspectedAutomated(prisma: PrismaClient, actor: Actor, responseId: string, input: { suspected: boolean; reason?: string | undefined }) {
  return inTransaction(prisma, async (tx) => {
    const response = await tx.response.findUnique({ where: { id: responseId }, include: { consultation: true } });
    if (!response) throw errors.notFound("Response");
    const viewer = await viewerFor(tx, actor, response.consultationId);
    if (!responsePolicy.readAll(viewer, response.consultation)) throw errors.notFound("Response");
    if (response.status !== "submitted") throw errors.conflict("Only submitted responses are marked.");
    if (input.suspected && !input.reason) throw errors.invalidInput("The request is invalid: reason is required to mark a response", [{ path: "reason", message: "is required to mark a response" }]);
    // Back in the indexing queue (indexedAt null): the published counts show the mark apart.
    const data = input.suspected
      ? { suspectedAutomatedAt: new Date(), suspectedAutomatedReason: input.reason!, suspectedAutomatedById: actor.id, indexedAt: null }
      : { suspectedAutomatedAt: null, suspectedAutomatedReason: null, suspectedAutomatedById: null, indexedAt: null };
    const row = await tx.response.update({ where: { id: responseId }, data });
    await recordAudit(tx, { consultationId: response.consultationId, actorId: actor.id, action: input.suspected ? "mark_automated" : "unmark_automated", targetType: "response", targetId: responseId, statement: input.reason ?? null });
    return { id: row.id, suspectedAutomated: row.suspectedAutomatedAt !== null, reason: row.suspectedAutomatedReason };
  });
}
