// The organiser console's calls: create and edit a consultation, its member list, roles and removal.
// Shapes follow server/consultations/service.ts (listMembers, addMember) and present.ts.
import type { ConsultationRole, StakeholderCategory } from "../../../../shared/categories.ts";
import type { TCreateConsultationBody, TUpdateConsultationBody } from "../../../../shared/schemas/consultations.ts";
import type { z } from "zod";
import type { zCreateConsultationBody, zUpdateConsultationBody } from "../../../../shared/schemas/consultations.ts";
import { request } from "../../api/client.ts";
import type { ConsultationDetail } from "../../api/consultations.ts";

/** What the client sends: dates as ISO strings (the schema's input side), not Date objects. */
export type CreateConsultationInput = z.input<typeof zCreateConsultationBody>;
export type UpdateConsultationInput = z.input<typeof zUpdateConsultationBody>;
export type { TCreateConsultationBody, TUpdateConsultationBody };

export async function createConsultation(input: CreateConsultationInput): Promise<ConsultationDetail> {
  const body = await request<{ consultation: ConsultationDetail }>("POST", "/consultations", { body: input });
  return body.consultation;
}

export async function saveConsultation(id: string, input: UpdateConsultationInput): Promise<ConsultationDetail> {
  const body = await request<{ consultation: ConsultationDetail }>("PATCH", `/consultations/${encodeURIComponent(id)}`, { body: input });
  return body.consultation;
}

export interface MemberRow {
  userId: string;
  displayName: string;
  category: StakeholderCategory;
  role: ConsultationRole;
  organisations: { id: string; name: string; role: string }[];
  addedAt: string;
}
export interface OrganisationMemberRow {
  organisationId: string;
  name: string;
  category: StakeholderCategory;
  role: ConsultationRole;
  addedAt: string;
}
export interface MemberPage {
  users: MemberRow[];
  nextCursor: string | null;
  organisations: OrganisationMemberRow[];
}

export function listMembers(id: string, query: { q?: string; role?: ConsultationRole; cursor?: string; limit?: number }, signal?: AbortSignal): Promise<MemberPage> {
  return request<MemberPage>("GET", `/consultations/${encodeURIComponent(id)}/members`, { query, signal });
}

export async function addMember(id: string, input: { email: string; role: ConsultationRole } | { organisationId: string; role: ConsultationRole }) {
  const body = await request<{ member: { kind: "user" | "organisation"; displayName?: string; name?: string; role: ConsultationRole } }>(
    "POST",
    `/consultations/${encodeURIComponent(id)}/members`,
    { body: input },
  );
  return body.member;
}

export function removeMember(id: string, userId: string): Promise<void> {
  return request<void>("DELETE", `/consultations/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`);
}

export interface OrganisationOption {
  id: string;
  name: string;
  category: StakeholderCategory;
  verified: boolean;
}
export function searchOrganisations(q: string, signal?: AbortSignal): Promise<{ items: OrganisationOption[]; nextCursor: string | null }> {
  return request("GET", "/organisations", { query: { q, limit: 20 }, signal });
}

export async function saveMemberRole(id: string, userId: string, role: ConsultationRole) {
  const body = await request<{ member: { userId: string; role: ConsultationRole } }>("PATCH", `/consultations/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`, { body: { role } });
  return body.member;
}
