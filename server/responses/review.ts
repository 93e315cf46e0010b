// The consultation's staff review every submitted response (published or not): to mark one as suspected
// automated, or to withhold one of its files, a moderator must be able to find it. The list carries what
// those decisions need (channel, the mark and its reason, each file with why it is withheld) and the
// counts a moderator watches; never the answers' text (the response itself is one click away, audited).
import type { PrismaClient } from "../db/index.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import type { TReviewResponsesQuery } from "../../shared/schemas/responses.ts";
import { ATTACHMENT_META, presentAttachment } from "./attachments.ts";
import { responsePolicy } from "./policy.ts";

export async function listResponsesForReview(prisma: PrismaClient, actor: Actor, idOrSlug: string, query: TReviewResponsesQuery) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  // Answered like a missing consultation: whether responses exist is not for those who cannot review them.
  if (!responsePolicy.readAll(viewer, consultation)) throw errors.notFound("Consultation");
  const base: Prisma.ResponseWhereInput = { consultationId: consultation.id, status: "submitted" };
  const filters: Prisma.ResponseWhereInput[] = [base];
  if (query.suspected !== undefined) filters.push({ suspectedAutomatedAt: query.suspected === "true" ? { not: null } : null });
  if (query.channel) filters.push({ channel: query.channel });
  const where: Prisma.ResponseWhereInput = { AND: filters };
  const after = query.cursor ? decodeCursor(query.cursor, { seq: cursorKeys.seq }).seq : undefined;
  const [rows, total, suspectedAutomated, byChannel, withheldFiles] = await Promise.all([
    prisma.response.findMany({
      where: after === undefined ? where : { AND: [where, { seq: { lt: after } }] },
      // Redactions without their text: a moderator lifts one from here.
      include: { attachments: { select: ATTACHMENT_META, orderBy: { createdAt: "asc" } }, redactions: { select: { id: true, questionKey: true, start: true, end: true, reason: true, createdAt: true }, orderBy: { createdAt: "asc" } } },
      orderBy: { seq: "desc" },
      take: query.limit + 1,
    }),
    prisma.response.count({ where: base }),
    prisma.response.count({ where: { ...base, suspectedAutomatedAt: { not: null } } }),
    prisma.response.groupBy({ by: ["channel"], where: base, _count: { _all: true } }),
    prisma.responseAttachment.count({ where: { response: base, withheldAt: { not: null } } }),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      submissionNumber: r.submissionNumber,
      category: r.category,
      country: r.country,
      channel: r.channel,
      consent: r.consent,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      suspectedAutomated: r.suspectedAutomatedAt !== null,
      suspectedAutomatedReason: r.suspectedAutomatedReason,
      attachments: r.attachments.map((a) => presentAttachment(a, r.id, { reason: true })),
      redactions: r.redactions.map((x) => ({ id: x.id, questionKey: x.questionKey, start: x.start, end: x.end, reason: x.reason, createdAt: x.createdAt.toISOString() })),
    })),
    nextCursor: rows.length > query.limit ? encodeCursor({ seq: page[page.length - 1]!.seq }) : null,
    // Of every submitted response, whatever the filters: what the summary report will count apart.
    counts: { total, suspectedAutomated, withheldFiles, byChannel: Object.fromEntries(byChannel.map((g) => [g.channel, g._count._all])) },
  };
}
