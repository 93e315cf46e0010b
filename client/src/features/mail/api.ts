// Mail-backed flows: verification, password reset, mail settings, the admins' outbox, invitations by mail.
import type { SessionUser } from "../../api/accounts.ts";
import { request } from "../../api/client.ts";
import type { MailDelivery, OutboxMailView } from "../../../../shared/schemas/mail.ts";

export function verifyEmail(token: string): Promise<void> {
  return request<void>("POST", "/auth/verify-email", { body: { token } });
}

export function resendVerification(): Promise<void> {
  return request<void>("POST", "/me/email-verification", { body: {} });
}

export function requestPasswordReset(email: string): Promise<void> {
  return request<void>("POST", "/password-reset/request", { body: { email } });
}

export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return request<void>("POST", "/password-reset/confirm", { body: { token, password } });
}

export async function updateMailSettings(body: { replies: MailDelivery; decisions: MailDelivery }): Promise<SessionUser> {
  return (await request<{ user: SessionUser }>("PUT", "/me/mail-settings", { body })).user;
}

export function listOutbox(query: { cursor?: string }, signal?: AbortSignal): Promise<{ items: OutboxMailView[]; nextCursor: string | null }> {
  return request("GET", "/admin/outbox", { query: { limit: 25, ...query }, signal });
}

export interface InvitationPreview {
  kind: "organisation" | "consultation";
  email: string;
  role: string;
  invitedBy: string | null;
  hasAccount: boolean;
  expiresAt: string;
  organisation?: { id: string; name: string } | null;
  consultation?: { id: string; slug: string; title: string } | null;
}

export async function previewInvitation(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
  return (await request<{ invitation: InvitationPreview }>("GET", "/invitations/preview", { query: { token }, signal })).invitation;
}

export async function answerInvitation(token: string, accept: boolean): Promise<{ kind: string; status: string; slug?: string }> {
  return (await request<{ invitation: { kind: string; status: string; slug?: string } }>("POST", accept ? "/invitations/accept" : "/invitations/decline", { body: { token } })).invitation;
}

export function inviteToConsultation(consultationId: string, body: { email: string; role: string }): Promise<unknown> {
  return request("POST", `/consultations/${encodeURIComponent(consultationId)}/invitations`, { body });
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: string;
  createdAt: string;
  expiresAt: string;
}

export function listConsultationInvitations(consultationId: string, signal?: AbortSignal): Promise<{ items: PendingInvitation[] }> {
  return request("GET", `/consultations/${encodeURIComponent(consultationId)}/invitations`, { signal });
}
