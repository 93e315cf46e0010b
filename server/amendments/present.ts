// An amendment as a reader may see it: authors withheld under Chatham House, nothing of a quarantined one.
import type { Amendment, Consultation } from "../db/generated/client.ts";
import { consultationPolicy, type Viewer } from "../consultations/policy.ts";
import type { ChangedSince } from "../texts/changes.ts";
import { amendmentPolicy } from "./policy.ts";

export type AmendmentRow = Amendment & { author: { id: string; displayName: string }; organisation: { id: string; name: string } | null };
export interface EndorsementTally {
  total: number;
  byCategory: Record<string, number>;
}

export function presentAmendment(a: AmendmentRow, viewer: Viewer, c: Consultation, extra: { endorsements?: EndorsementTally; viewerEndorsed?: boolean; changedSince?: ChangedSince | null } = {}) {
  const showAuthor = consultationPolicy.seeAuthors(viewer, c) || a.authorId === viewer.userId;
  const hidden = a.quarantined;
  return {
    id: a.id,
    consultationId: a.consultationId,
    documentId: a.documentId,
    eId: a.eId,
    version: a.versionNumber,
    kind: a.kind,
    spanStart: a.spanStart,
    spanEnd: a.spanEnd,
    quote: hidden ? null : a.quote,
    proposedText: hidden ? null : a.proposedText,
    justificationHtml: hidden ? null : a.justificationHtml,
    evidence: hidden ? [] : (a.evidence as unknown[]),
    declarationOfInterests: a.declarationOfInterests,
    fundingSources: a.fundingSources,
    author: showAuthor ? a.author : null,
    organisation: showAuthor ? a.organisation : null,
    category: a.category,
    status: a.status,
    quarantined: a.quarantined,
    outcome: a.outcome ? { outcome: a.outcome, reasons: a.outcomeReasons, decidedAt: a.outcomeAt?.toISOString() ?? null } : null,
    createdAt: a.createdAt.toISOString(),
    changedSince: extra.changedSince ?? null,
    endorsements: extra.endorsements ?? { total: 0, byCategory: {} },
    viewerEndorsed: extra.viewerEndorsed ?? false,
    abilities: {
      withdraw: amendmentPolicy.withdraw(viewer, c, a),
      endorse: amendmentPolicy.endorse(viewer, c, a),
      recordOutcome: amendmentPolicy.recordOutcome(viewer, c, a),
      moderate: amendmentPolicy.moderate(viewer, c),
      flag: amendmentPolicy.flag(viewer, a),
    },
  };
}
