// Consultations: the list, one consultation with the caller's abilities, lifecycle moves and members.
// Types follow the API contract (server/consultations/present.ts).
import type { ConsultationRole } from "../../../shared/categories.ts";
import type { Page } from "../../../shared/schemas/common.ts";
import type { AccessMode, ConsultationStatus, ModerationMode } from "../../../shared/schemas/consultations.ts";
import { request } from "./client.ts";
import type { TConsultationView } from "../../../shared/schemas/reads.ts";

export interface ConsultationSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  status: ConsultationStatus;
  accessMode: AccessMode;
  moderationMode: ModerationMode;
  language: string;
  opensAt: string | null;
  closesAt: string | null;
  questionCount: number;
  threadCount: number;
}

export interface ConsultationFilters {
  status?: ConsultationStatus;
  accessMode?: AccessMode;
  language?: string;
}

export function listConsultations(
  filters: ConsultationFilters & { cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<ConsultationSummary>> {
  return request<Page<ConsultationSummary>>("GET", "/consultations", { query: { ...filters }, signal });
}

export interface Question {
  id: string;
  ordinal: number;
  text: string;
  explanation: string | null;
}

/** GET /api/consultations/:idOrSlug: the consultation with the caller's role and abilities (shared/schemas/reads.ts). */
export type ConsultationDetail = TConsultationView;
export type ConsultationAbilities = TConsultationView["abilities"];

export async function getConsultation(idOrSlug: string, signal?: AbortSignal): Promise<ConsultationDetail> {
  const body = await request<{ consultation: ConsultationDetail }>("GET", `/consultations/${encodeURIComponent(idOrSlug)}`, { signal });
  return body.consultation;
}

export async function updateConsultation(id: string, input: { status?: ConsultationStatus }): Promise<ConsultationDetail> {
  const body = await request<{ consultation: ConsultationDetail }>("PATCH", `/consultations/${encodeURIComponent(id)}`, { body: input });
  return body.consultation;
}

export interface AddedMember {
  kind: "user" | "organisation";
  displayName?: string;
  name?: string;
  role: ConsultationRole;
}

export async function addMember(id: string, input: { email: string; role: ConsultationRole }): Promise<AddedMember> {
  const body = await request<{ member: AddedMember }>("POST", `/consultations/${encodeURIComponent(id)}/members`, { body: input });
  return body.member;
}
