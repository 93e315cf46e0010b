// Who may do what with amendments: pure predicates over the consultation policy's facts. Amendments are
// contributions (the same visibility rule as posts and positions), proposals are stances (no observers),
// and nobody edits an amendment, not even its author: they withdraw it and propose another.
import { consultationPolicy, contributionPolicy, type ConsultationState, type ContributionState, type Viewer } from "../consultations/policy.ts";

export const amendmentPolicy = {
  propose: (viewer: Viewer, c: ConsultationState) => consultationPolicy.takeStance(viewer, c),
  withdraw: (viewer: Viewer, c: ConsultationState, a: ContributionState) => contributionPolicy.withdraw(viewer, c, a),
  endorse: (viewer: Viewer, c: ConsultationState, a: ContributionState) => contributionPolicy.endorse(viewer, c, a),
  /** The organisers answer amendments (accepted, partly accepted, …), while open and after closing. */
  recordOutcome: (viewer: Viewer, c: ConsultationState, a: ContributionState) => consultationPolicy.edit(viewer, c) && a.status === "published",
  moderate: (viewer: Viewer, c: ConsultationState) => consultationPolicy.moderate(viewer, c),
  /** Flagging for the moderators: a signed-in reader, not its author, on a published amendment (the service also checks it is visible). */
  flag: (viewer: Viewer, a: ContributionState) => viewer.userId !== null && a.authorId !== viewer.userId && a.status === "published",
};
