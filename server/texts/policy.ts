// Who may do what with a consultation's draft texts: pure predicates, like consultations/policy.ts.
// Texts are as public as the consultation; only its organisers (and admins) import, edit or version them.
import { consultationPolicy, type ConsultationState, type Viewer } from "../consultations/policy.ts";

export const textPolicy = {
  read: (viewer: Viewer, c: ConsultationState) => consultationPolicy.read(viewer, c),
  /** Import, preview an import, publish a version. Archived consultations are a record: no more versions. */
  manage: (viewer: Viewer, c: ConsultationState) => consultationPolicy.edit(viewer, c) && c.status !== "archived",
};
