// Who may do what with questionnaires and formal responses: pure predicates over the viewer, the
// consultation's state and the response, built on the consultation policy (the one place that says who
// reads and who contributes). Tested as a matrix in test/policies/responses.test.ts.
import { consultationPolicy, rankIn, type ConsultationState, type Viewer } from "../consultations/policy.ts";
import { rankValue } from "../accounts/roles.ts";

export interface ClosingState extends ConsultationState {
  closesAt: Date | null;
}

export interface ResponseState {
  /** Null for a response taken in from another channel: nobody's own. */
  respondentId: string | null;
  status: "draft" | "submitted";
}

/** Answers are taken while the consultation is open and its closing date has not passed (the scheduler may lag). */
const beforeClosing = (c: ClosingState, now: Date) => c.status === "open" && (c.closesAt === null || c.closesAt > now);

export const responsePolicy = {
  /** Building the questionnaire: the consultation's organisers (and admins). */
  editQuestionnaire: (viewer: Viewer, c: ConsultationState) => consultationPolicy.edit(viewer, c),
  /** Answering (saving a draft, submitting, amending): whoever may take a stance, until closing. */
  respond: (viewer: Viewer, c: ClosingState, now: Date) => beforeClosing(c, now) && consultationPolicy.takeStance(viewer, c),
  /** One's own response, drafts included, and its receipt: the respondent only, while they may read the consultation. */
  readOwn: (viewer: Viewer, c: ConsultationState, r: ResponseState) => viewer.userId !== null && viewer.userId === r.respondentId && consultationPolicy.read(viewer, c),
  /** Every submitted response as it was written (consent and redaction aside): the consultation's staff. */
  readAll: (viewer: Viewer, c: ConsultationState) => consultationPolicy.moderate(viewer, c),
  /**
   * Coding the responses and reading the analysis: analysts and the staff above them. Analysts read every
   * submitted response's text as written (coding needs it), without names: coding is blind to who wrote.
   */
  analyse: (viewer: Viewer, c: ConsultationState) => consultationPolicy.read(viewer, c) && rankValue(rankIn(viewer, c)) >= rankValue("analyst"),
  /** The codebook: the consultation's organisers (and admins). */
  manageCodebook: (viewer: Viewer, c: ConsultationState) => consultationPolicy.edit(viewer, c),
};
