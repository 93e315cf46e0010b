// Invitations by mail, to a restricted consultation (with a role) or to an organisation (for an address,
// with or without an account). The link carries a token whose SHA-256 alone is stored; whoever opens it
// sees what they are invited to, and joins only by accepting while logged in with the invited address
// (registering with it first if they have no account). Accepting through the link proves the person
// reads mail at that address, so it also verifies the account. Nobody becomes a member without this.
import type { PrismaClient, Tx } from "../db/index.ts";
import type { EmailInvitation } from "../db/generated/client.ts";
import { inTransaction, recordEvent } from "../events/record.ts";
import { errors } from "../http/errors.ts";
import type { Actor } from "../accounts/actor.ts";
import { emailKey } from "../accounts/service.ts";
import { hashToken, newToken } from "../accounts/email-tokens.ts";
import { canGrantRole, rankValue } from "../accounts/roles.ts";
import { loadReadableConsultation } from "../consultations/access.ts";
import { consultationPolicy, rankIn } from "../consultations/policy.ts";
import { recordAudit } from "../moderation/audit.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { mailText } from "../mail/messages.ts";
import type { ConsultationRole, OrganisationRole } from "../../shared/categories.ts";
import type { TConsultationInvitationBody } from "../../shared/schemas/invitations.ts";

export const INVITATION_TTL_MS = 14 * 24 * 3600_000;

/** Writes the invitation and its mail, in the caller's transaction. Earlier pending ones for the same place and address are replaced. */
export async function createEmailInvitation(
  tx: Tx,
  input: { kind: "organisation" | "consultation"; organisationId?: string; consultationId?: string; email: string; role: string; invitedBy: { id: string; displayName: string }; placeName: string },
): Promise<string> {
  const key = emailKey(input.email);
  const place = input.kind === "organisation" ? { organisationId: input.organisationId! } : { consultationId: input.consultationId! };
  await tx.emailInvitation.updateMany({ where: { ...place, kind: input.kind, emailKey: key, status: "pending" }, data: { status: "declined", decidedAt: new Date() } });
  const token = newToken();
  const invitation = await tx.emailInvitation.create({
    data: { kind: input.kind, ...place, email: input.email.trim(), emailKey: key, role: input.role, invitedById: input.invitedBy.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
  });
  // In the invitee's language when they have an account (else English: nothing else is known of them).
  const account = await tx.user.findUnique({ where: { emailKey: key }, select: { language: true } });
  const language = account?.language ?? null;
  const mailKey = input.kind === "organisation" ? "organisation_invitation" : "consultation_invitation";
  await enqueueMail(tx, { email: input.email.trim(), language }, mailKey, {
    inviter: input.invitedBy.displayName,
    organisation: input.placeName,
    consultation: input.placeName,
    role: mailText(language, `role.${input.role}`),
    token,
  });
  return invitation.id;
}

/**
 * An organiser invites an address to the consultation with a role. The same 202 whatever the address
 * (an account or not, a member already or not): inviting cannot probe for accounts.
 */
export async function inviteToConsultation(prisma: PrismaClient, actor: Actor, idOrSlug: string, input: TConsultationInvitationBody) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!consultationPolicy.manageMembers(viewer, consultation)) throw errors.forbidden("Only organisers can invite members.");
  if (!canGrantRole(rankIn(viewer, consultation), input.role)) throw errors.forbidden(`You cannot grant the role ${input.role}.`);
  const inviter = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, displayName: true } });
  await inTransaction(prisma, async (tx) => {
    const id = await createEmailInvitation(tx, { kind: "consultation", consultationId: consultation.id, email: input.email, role: input.role, invitedBy: inviter, placeName: consultation.title });
    // The invitation's id, not the address: audit logs reach reports and packages.
    await recordAudit(tx, { consultationId: consultation.id, actorId: actor.id, action: "invite_member", targetType: "member", targetId: id, after: { role: input.role } });
  });
  return { email: input.email, role: input.role, status: "sent" as const };
}

/** The pending invitations of a consultation, for its organisers. */
export async function listConsultationInvitations(prisma: PrismaClient, actor: Actor, idOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!consultationPolicy.manageMembers(viewer, consultation)) throw errors.forbidden("Only organisers can see invitations.");
  const rows = await prisma.emailInvitation.findMany({ where: { consultationId: consultation.id, kind: "consultation", status: "pending", expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" }, take: 200 });
  return { items: rows.map((i) => ({ id: i.id, email: i.email, role: i.role, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })) };
}

async function findLive(db: Tx, token: string): Promise<EmailInvitation> {
  const invitation = await db.emailInvitation.findUnique({ where: { tokenHash: hashToken(token) } });
  // Unknown, answered and expired links read alike.
  if (!invitation || invitation.status !== "pending" || invitation.expiresAt <= new Date()) throw errors.notFound("Invitation");
  return invitation;
}

/** What the link invites to: for the page the link opens, before logging in or registering. */
export async function previewInvitation(prisma: PrismaClient, token: string) {
  const i = await findLive(prisma, token);
  const inviter = await prisma.user.findUnique({ where: { id: i.invitedById }, select: { displayName: true } });
  const place =
    i.kind === "organisation"
      ? { organisation: await prisma.organisation.findUnique({ where: { id: i.organisationId! }, select: { id: true, name: true } }) }
      : { consultation: await prisma.consultation.findUnique({ where: { id: i.consultationId! }, select: { id: true, slug: true, title: true } }) };
  const account = await prisma.user.findUnique({ where: { emailKey: i.emailKey }, select: { id: true } });
  return { kind: i.kind, email: i.email, role: i.role, invitedBy: inviter?.displayName ?? null, hasAccount: account !== null, expiresAt: i.expiresAt.toISOString(), ...place };
}

/** Accepts or declines; only the account with the invited address may. */
export async function answerInvitation(prisma: PrismaClient, actor: Actor, token: string, accept: boolean) {
  return inTransaction(prisma, async (tx) => {
    const i = await findLive(tx, token);
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, isAdmin: true, emailKey: true } });
    if (user.emailKey !== i.emailKey) throw errors.forbidden("This invitation is for another email address: log in with that address to answer it.");
    // Conditional: two answers at once count once.
    const { count } = await tx.emailInvitation.updateMany({ where: { id: i.id, status: "pending" }, data: { status: accept ? "accepted" : "declined", decidedAt: new Date() } });
    if (count === 0) throw errors.notFound("Invitation");
    // The link came to this address: the person reads mail there.
    await tx.user.updateMany({ where: { id: user.id, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
    if (!accept) return { kind: i.kind, status: "declined" as const };
    if (i.kind === "organisation") {
      await tx.organisationMembership.upsert({
        where: { userId_organisationId: { userId: user.id, organisationId: i.organisationId! } },
        create: { userId: user.id, organisationId: i.organisationId!, role: i.role as OrganisationRole },
        update: { role: i.role as OrganisationRole },
      });
      // The same invitation shown in the app (for an account that existed) is answered too.
      await tx.organisationInvitation.updateMany({ where: { organisationId: i.organisationId!, inviteeId: user.id, status: "pending" }, data: { status: "accepted", decidedAt: new Date() } });
      await recordAudit(tx, { consultationId: null, actorId: user.id, action: "join_organisation", targetType: "organisation", targetId: i.organisationId!, after: { role: i.role, invitedById: i.invitedById } });
      return { kind: i.kind, status: "accepted" as const, organisationId: i.organisationId };
    }
    const consultationId = i.consultationId!;
    const consultation = await tx.consultation.findUniqueOrThrow({ where: { id: consultationId } });
    const direct = await tx.consultationMember.findUnique({ where: { consultationId_userId: { consultationId, userId: user.id } } });
    // Never a demotion by accepting: an invitation to a role no higher than one already held changes nothing.
    if (!direct || rankValue(i.role as ConsultationRole) > rankValue(direct.role)) {
      await tx.consultationMember.upsert({
        where: { consultationId_userId: { consultationId, userId: user.id } },
        create: { consultationId, userId: user.id, role: i.role as ConsultationRole, addedById: i.invitedById },
        update: { role: i.role as ConsultationRole },
      });
      await recordAudit(tx, { consultationId, actorId: user.id, action: "accept_invitation", targetType: "member", targetId: user.id, after: { role: i.role, invitedById: i.invitedById } });
      recordEvent(tx, { consultationId, type: "access:changed", payload: { userId: user.id } });
    }
    return { kind: i.kind, status: "accepted" as const, consultationId, slug: consultation.slug };
  });
}
