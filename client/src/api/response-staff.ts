// Staff screens of formal responses: imports of email and paper responses, partners' API keys, and the
// review list where moderators mark suspected-automated responses, withhold files and lift redactions
// (server/responses).
import type { ConsentChoice, ResponseChannel, TPageRedactionBody, TSuspectedAutomatedBody } from "../../../shared/schemas/responses.ts";
import type { StakeholderCategory } from "../../../shared/categories.ts";
import type { Attachment } from "./responses.ts";
import { request } from "./client.ts";

const c = (consultation: string) => `/consultations/${encodeURIComponent(consultation)}`;
const r = (responseId: string) => `/responses/${encodeURIComponent(responseId)}`;

export interface ImportResult {
  imported: number;
  byChannel: Record<string, number>;
  files: number;
}

export interface Partner {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  revoked: boolean;
  responses: number;
}

export interface ReviewItem {
  id: string;
  submissionNumber: string | null;
  category: StakeholderCategory;
  country: string | null;
  channel: ResponseChannel;
  consent: ConsentChoice | null;
  submittedAt: string | null;
  suspectedAutomated: boolean;
  suspectedAutomatedReason: string | null;
  attachments: (Attachment & { withheldReason: string | null })[];
  /** Moderators' redactions of spans of text answers, without the text (the response itself has it). */
  redactions: { id: string; questionKey: string; start: number; end: number; reason: string }[];
}

export interface ReviewPage {
  items: ReviewItem[];
  nextCursor: string | null;
  counts: { total: number; suspectedAutomated: number; withheldFiles: number; byChannel: Record<string, number> };
}

export function importResponses(consultation: string, file: File): Promise<ImportResult> {
  const body = new FormData();
  body.append("file", file, file.name);
  return request<ImportResult>("POST", `${c(consultation)}/responses/import`, { body });
}
export const listPartners = (consultation: string, signal?: AbortSignal) => request<{ items: Partner[]; rateLimit: { requests: number; perSeconds: number } }>("GET", `${c(consultation)}/partners`, { signal });
export const createPartner = (consultation: string, name: string) => request<{ partner: Partner; apiKey: string }>("POST", `${c(consultation)}/partners`, { body: { name } });
export const revokePartner = (id: string) => request<void>("DELETE", `/partners/${encodeURIComponent(id)}`);
export const listForReview = (consultation: string, query: { suspected?: string; channel?: string; cursor?: string }, signal?: AbortSignal) =>
  request<ReviewPage>("GET", `${c(consultation)}/responses/review`, { query, signal });
export const markSuspectedAutomated = (responseId: string, body: TSuspectedAutomatedBody) =>
  request<{ response: { id: string; suspectedAutomated: boolean; reason: string | null } }>("PUT", `${r(responseId)}/suspected-automated`, { body }).then((b) => b.response);
export const withholdAttachment = (responseId: string, attachmentId: string, reason: string) =>
  request<{ attachment: Attachment }>("POST", `${r(responseId)}/attachments/${encodeURIComponent(attachmentId)}/withhold`, { body: { reason } }).then((b) => b.attachment);
export const releaseAttachment = (responseId: string, attachmentId: string) =>
  request<{ attachment: Attachment }>("DELETE", `${r(responseId)}/attachments/${encodeURIComponent(attachmentId)}/withhold`).then((b) => b.attachment);
export const liftRedaction = (responseId: string, redactionId: string, reason: string) =>
  request<void>("DELETE", `${r(responseId)}/redactions/${encodeURIComponent(redactionId)}`, { body: { reason } });
export const liftAttachmentPageRedaction = (responseId: string, attachmentId: string, page: number, reason: string) =>
  request<{ attachment: Attachment }>("DELETE", `${r(responseId)}/attachments/${encodeURIComponent(attachmentId)}/page-redactions/${page}`, { body: { reason } }).then((b) => b.attachment);
export const redactAttachmentPage = (responseId: string, attachmentId: string, body: TPageRedactionBody) =>
  request<{ attachment: Attachment }>("POST", `${r(responseId)}/attachments/${encodeURIComponent(attachmentId)}/page-redactions`, { body }).then((b) => b.attachment);
