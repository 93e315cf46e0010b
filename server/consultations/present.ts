import type { Consultation, Question } from "../db/generated/client.ts";
import { consultationPolicy, holdsForReview, rankIn, type Viewer } from "./policy.ts";
import type { TConsultationView } from "../../shared/schemas/reads.ts";

export function presentConsultationSummary(c: Consultation, counts: { questions: number; threads: number }) {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    status: c.status,
    accessMode: c.accessMode,
    moderationMode: c.moderationMode,
    language: c.language,
    opensAt: c.opensAt?.toISOString() ?? null,
    closesAt: c.closesAt?.toISOString() ?? null,
    questionCount: counts.questions,
    threadCount: counts.threads,
  };
}

export function presentQuestion(q: Question) {
  return { id: q.id, ordinal: q.ordinal, text: q.text, explanation: q.explanation };
}

/** The full consultation with the caller's role and abilities, so the client never recomputes permissions. */
export function presentConsultation(c: Consultation, questions: Question[], viewer: Viewer, counts: { threads: number; approvedByViewer: number; questionsLockedReason: string | null }): TConsultationView {
  return {
    ...presentConsultationSummary(c, { questions: questions.length, threads: counts.threads }),
    backgroundHtml: c.backgroundHtml,
    backgroundSource: consultationPolicy.edit(viewer, c) ? c.backgroundSource : undefined,
    newcomerThreshold: c.newcomerThreshold,
    flagHideThreshold: c.flagHideThreshold,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    questions: questions.map(presentQuestion),
    /** For editors: why the questions can no longer change (null while they can). */
    questionsLockedReason: consultationPolicy.edit(viewer, c) ? counts.questionsLockedReason : null,
    viewer: {
      role: viewer.role,
      rank: rankIn(viewer, c),
      /** Whether the viewer's next contribution will wait for a moderator (shown in the composer). */
      contributionsHeld: viewer.userId ? holdsForReview(viewer, c, counts.approvedByViewer) : false,
    },
    abilities: {
      edit: consultationPolicy.edit(viewer, c),
      /** Editors may change the questions until contributions exist. */
      editQuestions: consultationPolicy.edit(viewer, c) && counts.questionsLockedReason === null,
      manageMembers: consultationPolicy.manageMembers(viewer, c),
      moderate: consultationPolicy.moderate(viewer, c),
      startThread: consultationPolicy.startThread(viewer, c),
      takeStance: consultationPolicy.takeStance(viewer, c),
      seeAuthors: consultationPolicy.seeAuthors(viewer, c),
    },
  };
}
export type ConsultationView = ReturnType<typeof presentConsultation>;
