// Joining an organisation takes the invitee's consent: a representative invites, the invitee accepts or
// declines. Nobody (a moderator, an admin, anyone) is ever made a member by someone else, and the answer to
// an invitation is the same whether or not the email has an account, so inviting cannot probe for accounts.
import { about } from "../notifications/about.ts";
import type { PrismaClient } from "../db/index.ts";
import { inTransaction, recordEvent } from "../events/record.ts";
import { errors } from "../http/errors.ts";
import type { Actor } from "../accounts/actor.ts";
import { emailKey } from "../accounts/service.ts";
import type { OrganisationRole } from "../../shared/categories.ts";
import type { TAddOrganisationMemberBody } from "../../shared/schemas/organisations.ts";
import { notify } from "../notifications/service.ts";
import { recordAudit } from "../moderation/audit.ts";
import { organisationPolicy } from "./policy.ts";
import { createEmailInvitation } from "../invitations/service.ts";

async function loadManagedOrganisation(prisma: PrismaClient, actor: Actor, organisationId: string) {
  const org = await prisma.organisation.findUnique({ where: { id: organisationId } });
  if (!org) throw errors.notFound("Organisation");
  const membership = await prisma.organisationMembership.findUnique({ where: { userId_organisationId: { userId: actor.id, organisationId } } });
  if (!organisationPolicy.manageMembers(actor, { verified: org.verified, actorRole: membership?.role ?? null })) {
    throw errors.forbidden("Only the organisation's representatives can invite members.");
  }
  return org;
}

/**
 * The same answer for every email. The address gets a mail with a link that lets its owner accept, having
 * registered first if there is no account (server/invitations); an existing account also gets a pending
 * invitation in the app and a notification. A member already in that role, or one already invited, gets nothing new.
 */
export async function inviteOrganisationMember(prisma: PrismaClient, actor: Actor, organisationId: string, input: TAddOrganisationMemberBody) {
  const org = await loadManagedOrganisation(prisma, actor, organisationId);
  const answer = { email: input.email, role: input.role, status: "sent" as const };
  const invitee = await prisma.user.findUnique({ where: { emailKey: emailKey(input.email) }, select: { id: true } });
  const inviter = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, displayName: true } });
  await inTransaction(prisma, async (tx) => {
    const mailed = { kind: "organisation" as const, organisationId, email: input.email, role: input.role, invitedBy: inviter, placeName: org.name };
    if (!invitee) {
      const pendingByMail = await tx.emailInvitation.findFirst({ where: { organisationId, emailKey: emailKey(input.email), status: "pending", role: input.role, expiresAt: { gt: new Date() } } });
      if (!pendingByMail) await createEmailInvitation(tx, mailed);
      return;
    }
    const member = await tx.organisationMembership.findUnique({ where: { userId_organisationId: { userId: invitee.id, organisationId } } });
    const pending = await tx.organisationInvitation.findFirst({ where: { organisationId, inviteeId: invitee.id, status: "pending" } });
    if (member?.role === input.role || pending) return;
    const invitation = await tx.organisationInvitation.create({
      data: { organisationId, inviteeId: invitee.id, invitedById: actor.id, role: input.role as OrganisationRole },
    });
    await notify(tx, invitee.id, "organisation_invitation", { invitationId: invitation.id, organisationId, about: about.organisation(org.name), role: input.role });
    await createEmailInvitation(tx, mailed);
  });
  return answer;
}

function presentInvitation(i: { id: string; role: string; status: string; createdAt: Date; organisation: { id: string; name: string; verified: boolean }; invitedBy: { displayName: string } }) {
  return {
    id: i.id,
    role: i.role,
    status: i.status,
    createdAt: i.createdAt.toISOString(),
    organisation: { id: i.organisation.id, name: i.organisation.name, verified: i.organisation.verified },
    invitedBy: { displayName: i.invitedBy.displayName },
  };
}

const INVITATION_VIEW = { organisation: { select: { id: true, name: true, verified: true } }, invitedBy: { select: { displayName: true } } } as const;

export async function listMyOrganisationInvitations(prisma: PrismaClient, actor: Actor) {
  const rows = await prisma.organisationInvitation.findMany({ where: { inviteeId: actor.id, status: "pending" }, include: INVITATION_VIEW, orderBy: { createdAt: "desc" } });
  return { items: rows.map(presentInvitation) };
}

/** Only the invitee answers; anyone else's invitation is a 404, like a missing one. */
export async function answerOrganisationInvitation(prisma: PrismaClient, actor: Actor, invitationId: string, accept: boolean) {
  return inTransaction(prisma, async (tx) => {
    const invitation = await tx.organisationInvitation.findUnique({ where: { id: invitationId }, include: INVITATION_VIEW });
    if (!invitation || invitation.inviteeId !== actor.id) throw errors.notFound("Invitation");
    if (invitation.status !== "pending") throw errors.conflict("This invitation has already been answered.");
    const updated = await tx.organisationInvitation.update({
      where: { id: invitation.id },
      data: { status: accept ? "accepted" : "declined", decidedAt: new Date() },
      include: INVITATION_VIEW,
    });
    if (accept) {
      await tx.organisationMembership.upsert({
        where: { userId_organisationId: { userId: actor.id, organisationId: invitation.organisationId } },
        create: { userId: actor.id, organisationId: invitation.organisationId, role: invitation.role },
        update: { role: invitation.role },
      });
      await recordAudit(tx, { consultationId: null, actorId: actor.id, action: "join_organisation", targetType: "organisation", targetId: invitation.organisationId, after: { role: invitation.role, invitedById: invitation.invitedById } });
    }
    return presentInvitation(updated);
  });
}

/** Anyone may leave an organisation they belong to. */
export async function leaveOrganisation(prisma: PrismaClient, actor: Actor, organisationId: string) {
  await inTransaction(prisma, async (tx) => {
    const membership = await tx.organisationMembership.findUnique({ where: { userId_organisationId: { userId: actor.id, organisationId } } });
    if (!membership) throw errors.notFound("Membership");
    await tx.organisationMembership.delete({ where: { userId_organisationId: { userId: actor.id, organisationId } } });
    await recordAudit(tx, { consultationId: null, actorId: actor.id, action: "leave_organisation", targetType: "organisation", targetId: organisationId, before: { role: membership.role } });
    // Roles the organisation held in consultations were the person's too: their sockets, on every device
    // and process, are re-admitted to those consultations' rooms with what is left (requests re-read roles).
    const granted = await tx.consultationOrganisation.findMany({ where: { organisationId }, select: { consultationId: true } });
    for (const { consultationId } of granted) recordEvent(tx, { consultationId, type: "access:changed", payload: { userId: actor.id } });
  });
}
