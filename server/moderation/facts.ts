// Loads the facts the moderation policy needs about a decider and the person a decision affects.
import type { Tx } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import type { Consultation } from "../db/generated/client.ts";
import { viewerFor } from "../consultations/access.ts";
import { rankIn } from "../consultations/policy.ts";
import type { DecisionFacts } from "./policy.ts";

export async function loadDecisionFacts(
  db: Tx,
  actor: Actor,
  consultation: Consultation,
  subject: { userId: string; onBehalfOfOrganisationId: string | null },
): Promise<DecisionFacts> {
  const [actorViewer, memberships, subjectUser] = await Promise.all([
    viewerFor(db, actor, consultation.id),
    db.organisationMembership.findMany({ where: { userId: actor.id }, select: { organisationId: true } }),
    db.user.findUnique({ where: { id: subject.userId }, select: { id: true, isAdmin: true } }),
  ]);
  const subjectViewer = subjectUser ? await viewerFor(db, { id: subjectUser.id, isAdmin: subjectUser.isAdmin }, consultation.id) : null;
  return {
    actorRank: rankIn(actorViewer, consultation),
    actorId: actor.id,
    actorOrganisationIds: memberships.map((m) => m.organisationId),
    subjectId: subject.userId,
    subjectRank: subjectViewer ? rankIn(subjectViewer, consultation) : "none",
    onBehalfOfOrganisationId: subject.onBehalfOfOrganisationId,
  };
}
