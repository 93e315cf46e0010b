// Questionnaires, one's own responses, published responses and campaigns.
import type { TAnswers, TPutQuestionnaireBody, TPutResponseBody, TQuestionnaire, ConsentChoice } from "../../../shared/schemas/responses.ts";
import type { StakeholderCategory } from "../../../shared/categories.ts";
import { request } from "./client.ts";

export type { TPutQuestionnaireBody };

export interface Questionnaire extends TQuestionnaire {
  id: string;
  consultationId: string;
  version: number;
  lockedReason: string | null;
  abilities: { edit: boolean; respond: boolean };
}

export interface OwnResponse {
  id: string;
  organisation: { id: string; name: string; transparencyRegisterId: string | null } | null;
  category: StakeholderCategory;
  country: string | null;
  status: "draft" | "submitted";
  consent: ConsentChoice | null;
  answers: TAnswers;
  submissionNumber: string | null;
  version: number;
  submittedAt: string | null;
  amendedAt: string | null;
  redactions: { id: string; questionKey: string; start: number; end: number; reason: string }[];
  attachments: Attachment[];
  suspectedAutomated: boolean;
  abilities: { edit: boolean };
}

export interface Attachment {
  id: string;
  questionKey: string;
  fileName: string;
  mediaType: string;
  size: number;
  pageCount: number | null;
  /** The download path (authorized on every request). */
  url: string;
  withheld: boolean;
  withheldReason?: string | null;
  /** Pages of a PDF replaced by a blank page in the published copy; the reason only for the respondent and staff. */
  redactedPages?: { page: number; reasonCode: string; reason?: string }[];
}

export interface PublishedResponse {
  id: string;
  submissionNumber: string;
  respondent: string | null;
  organisation: { name: string; registerNumber: string | null } | null;
  anonymous: boolean;
  category: StakeholderCategory;
  country: string | null;
  answers: TAnswers;
  attachments: Attachment[];
  redacted: boolean;
  suspectedAutomated: boolean;
  reportedImpersonation: boolean;
  submittedAt: string;
}

export interface PublishedList {
  items: PublishedResponse[];
  nextCursor: string | null;
  total: number;
  counts: { byCategory: Record<string, number>; suspectedAutomated: number; reportedImpersonation: number };
}

export interface CampaignSummary {
  id: string;
  count: number;
  published: number;
  byCategory: Record<string, number>;
  byCountry: Record<string, number>;
  sharedText: string | null;
}

export interface Campaign extends CampaignSummary {
  consultationId: string;
  notPublished: number;
  members: { submissionNumber: string; respondent: string | null; organisation: { name: string; registerNumber: string | null } | null; anonymous: boolean; category: StakeholderCategory; country: string | null; addedText: string }[];
}

export const getQuestionnaire = (consultation: string, signal?: AbortSignal) =>
  request<{ questionnaire: Questionnaire }>("GET", `/consultations/${encodeURIComponent(consultation)}/questionnaire`, { signal }).then((b) => b.questionnaire);
export const putQuestionnaire = (consultation: string, body: TPutQuestionnaireBody) =>
  request<{ questionnaire: Questionnaire }>("PUT", `/consultations/${encodeURIComponent(consultation)}/questionnaire`, { body }).then((b) => b.questionnaire);
export const listMyResponses = (consultation: string, signal?: AbortSignal) =>
  request<{ items: OwnResponse[] }>("GET", `/consultations/${encodeURIComponent(consultation)}/responses/mine`, { signal }).then((b) => b.items);
export const saveMyResponse = (consultation: string, body: TPutResponseBody) =>
  request<{ response: OwnResponse }>("PUT", `/consultations/${encodeURIComponent(consultation)}/responses/mine`, { body }).then((b) => b.response);
export const listPublished = (consultation: string, query: Record<string, string | undefined>, signal?: AbortSignal) =>
  request<PublishedList>("GET", `/consultations/${encodeURIComponent(consultation)}/responses`, { query, signal });
/** The campaigns, and how many just-submitted responses grouping has yet to look at. */
export const listCampaigns = (consultation: string, signal?: AbortSignal) =>
  request<{ items: CampaignSummary[]; waitingForGrouping: number }>("GET", `/consultations/${encodeURIComponent(consultation)}/campaigns`, { signal });
export const getCampaign = (id: string, signal?: AbortSignal) => request<{ campaign: Campaign }>("GET", `/campaigns/${encodeURIComponent(id)}`, { signal }).then((b) => b.campaign);
export const receiptUrl = (responseId: string, format: "html" | "pdf") => `/api/responses/${encodeURIComponent(responseId)}/receipt.${format}`;

export function uploadAttachment(responseId: string, questionKey: string, file: File): Promise<Attachment> {
  const body = new FormData();
  body.append("file", file, file.name);
  return request<{ attachment: Attachment }>("POST", `/responses/${encodeURIComponent(responseId)}/attachments`, { body, query: { questionKey } }).then((b) => b.attachment);
}
export const deleteAttachment = (responseId: string, attachmentId: string) =>
  request<void>("DELETE", `/responses/${encodeURIComponent(responseId)}/attachments/${encodeURIComponent(attachmentId)}`);
export const reportImpersonation = (responseId: string, body: { email: string; statement: string }) =>
  request<{ received: true }>("POST", `/responses/${encodeURIComponent(responseId)}/impersonation-reports`, { body });
export const verifyImpersonationReport = (token: string) => request<{ verified: true; responseId: string }>("POST", "/impersonation-reports/verify", { body: { token } });
