// Exports and summary reports: the organisers' preview of the summary report, its published versions,
// the response matrix (an outcome per question), direct downloads of the contributions, and long
// export jobs. Types follow the API contract (server/exports/*.ts, shared/schemas/exports.ts).
import type { ContributionFormat, ExportJobKind, ExportJobStatus, ExportScope, QuestionOutcomeKind, ReportData, ReportFormat } from "../../../shared/schemas/exports.ts";
import { request, withQuery } from "./client.ts";

const enc = encodeURIComponent;

/** GET /api/consultations/:id/summary (organisers and admins): the report as it would be published now. */
export interface SummaryPreview {
  summary: ReportData;
  contentHash: string;
}

export function getSummaryPreview(consultationId: string, signal?: AbortSignal): Promise<SummaryPreview> {
  return request<SummaryPreview>("GET", `/consultations/${enc(consultationId)}/summary`, { signal });
}

export interface SummaryVersion {
  version: number;
  contentHash: string;
  createdAt: string;
  /** Site-relative download addresses, one per format. */
  downloads: Record<ReportFormat, string>;
}

export async function listSummaryVersions(consultationId: string, signal?: AbortSignal): Promise<SummaryVersion[]> {
  const body = await request<{ items: SummaryVersion[] }>("GET", `/consultations/${enc(consultationId)}/summary/versions`, { signal });
  return body.items;
}

export function publishSummaryVersion(consultationId: string): Promise<SummaryVersion> {
  return request<SummaryVersion>("POST", `/consultations/${enc(consultationId)}/summary/versions`);
}

export interface QuestionOutcomeRow {
  questionId: string;
  ordinal: number;
  text: string;
  outcome: QuestionOutcomeKind | null;
  reasons: string | null;
  updatedAt: string | null;
}

export async function listOutcomes(consultationId: string, signal?: AbortSignal): Promise<QuestionOutcomeRow[]> {
  const body = await request<{ items: QuestionOutcomeRow[] }>("GET", `/consultations/${enc(consultationId)}/outcomes`, { signal });
  return body.items;
}

export async function saveOutcome(consultationId: string, questionId: string, input: { outcome: QuestionOutcomeKind; reasons: string }): Promise<QuestionOutcomeRow> {
  const body = await request<{ outcome: QuestionOutcomeRow }>("PUT", `/consultations/${enc(consultationId)}/questions/${enc(questionId)}/outcome`, { body: input });
  return body.outcome;
}

/** Direct downloads: plain links, so the browser streams the file with the session cookie. */
export function contributionsUrl(consultationId: string, format: ContributionFormat, scope: ExportScope): string {
  return "/api" + withQuery(`/consultations/${enc(consultationId)}/exports/contributions.${format}`, { scope });
}

export const CONTRIBUTIONS_SCHEMA_URL = "/api/exports/contributions.schema.json";

export interface ExportJob {
  id: string;
  consultationId: string;
  kind: ExportJobKind;
  scope: ExportScope;
  status: ExportJobStatus;
  /** 0..100 */
  progress: number;
  error: string | null;
  size: number | null;
  sha256: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Until when a done job's file can be downloaded; after that the job is "expired". */
  expiresAt: string | null;
  downloadUrl: string | null;
}

export async function startExportJob(consultationId: string, input: { kind: ExportJobKind; scope: ExportScope }): Promise<ExportJob> {
  const body = await request<{ job: ExportJob }>("POST", `/consultations/${enc(consultationId)}/exports/jobs`, { body: input });
  return body.job;
}

export async function getExportJob(jobId: string, signal?: AbortSignal): Promise<ExportJob> {
  const body = await request<{ job: ExportJob }>("GET", `/exports/jobs/${enc(jobId)}`, { signal });
  return body.job;
}

export async function cancelExportJob(jobId: string): Promise<ExportJob> {
  const body = await request<{ job: ExportJob }>("DELETE", `/exports/jobs/${enc(jobId)}`);
  return body.job;
}
