// Who an export is written for, and therefore what it may contain. Exports never carry their own
// visibility rules: they ask the consultation policy, like every other channel.
//
//   public: exactly what an anonymous reader may see (visibleContributionWhere with ANONYMOUS), minus
//           quarantined items, minus posts whose thread's opening post is not published (such a thread
//           does not exist for the public). Summary reports are always built in this scope: they are
//           for publication, even when an organiser generates them.
//   staff:  every status, with moderation states and reasons; organisers and admins only.
// In both, text reported as illegal is withheld and e-mail addresses are never selected.
import type { Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import type { Consultation } from "../db/generated/client.ts";
import { errors } from "../http/errors.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { ANONYMOUS, consultationPolicy, visibleContributionWhere, type Viewer } from "../consultations/policy.ts";
import type { ExportScope } from "../../shared/schemas/exports.ts";

export const WITHHELD = "[withheld: reported as illegal content]";

export interface ExportAudience {
  consultation: Consultation;
  scope: ExportScope;
  /** The viewer the rules are asked for: ANONYMOUS for public exports, the staff member otherwise. */
  viewer: Viewer;
  /** Whether names and organisations may be written (false under Chatham House for the public). */
  showAuthors: boolean;
}

/** Loads the consultation for the requester and checks they may have this scope (404 / 403 otherwise). */
export async function authorizeExport(db: Tx, actor: Actor | null, idOrSlug: string, scope: ExportScope): Promise<ExportAudience> {
  const { consultation, viewer } = await loadReadableConsultation(db, actor, idOrSlug);
  if (scope === "staff" && !consultationPolicy.edit(viewer, consultation)) throw errors.forbidden("Only the consultation's organisers and admins can export staff data.");
  return audienceFor(consultation, scope, viewer);
}

/** The audience of an export, once access has been checked. */
export function audienceFor(consultation: Consultation, scope: ExportScope, staffViewer?: Viewer): ExportAudience {
  const viewer = scope === "public" ? ANONYMOUS : staffViewer!;
  return { consultation, scope, viewer, showAuthors: consultationPolicy.seeAuthors(viewer, consultation) };
}

/** Posts of the consultation the audience may see. */
export function postScopeWhere(a: ExportAudience) {
  const visible = visibleContributionWhere(a.viewer, a.consultation);
  if (a.scope === "staff") return { consultationId: a.consultation.id, ...visible };
  return {
    consultationId: a.consultation.id,
    ...visible,
    quarantined: false,
    // A thread exists for the public only while its opening post is visible to them.
    thread: { posts: { some: { isOpening: true, ...visible, quarantined: false } } },
  };
}

/** Positions of the consultation the audience may see. */
export function positionScopeWhere(a: ExportAudience) {
  const visible = visibleContributionWhere(a.viewer, a.consultation);
  if (a.scope === "staff") return { consultationId: a.consultation.id, ...visible };
  return { consultationId: a.consultation.id, ...visible, quarantined: false };
}

/** Endorsements of contributions the audience may see. */
export function endorsementScopeWhere(a: ExportAudience) {
  return { OR: [{ post: postScopeWhere(a) }, { position: positionScopeWhere(a) }] };
}
