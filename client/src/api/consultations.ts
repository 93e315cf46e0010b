// Consultations: the public list. Types follow the API contract of GET /api/consultations.
import type { Page } from "../../../shared/schemas/common.ts";
import type { AccessMode, ConsultationStatus, ModerationMode } from "../../../shared/schemas/consultations.ts";
import { request } from "./client.ts";

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
