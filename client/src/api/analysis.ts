// The analysis of formal responses: codebook, coding, results (server/responses/analysis).
import type { TCodeBody, TCodePatchBody } from "../../../shared/schemas/responses.ts";
import type { StakeholderCategory } from "../../../shared/categories.ts";
import { request } from "./client.ts";

export interface Code {
  id: string;
  parentId: string | null;
  label: string;
  definition: string;
  position: number;
  path: string;
  children: Code[];
}

export interface CodingItem {
  responseId: string;
  submissionNumber: string;
  category: StakeholderCategory;
  text: string;
  myCodeIds: string[] | null;
  codedBy: number;
}

export interface Analysis {
  method: string;
  analysts: number;
  codedUnits: number;
  doubleCodedUnits: number;
  codes: { id: string; path: string; definition: string; units: number; byCategory: Record<string, number>; agreement: { units: number; kappa: number | null; observedAgreement: number | null; band: string } }[];
  closed: { questionKey: string; label: string; type: string; counts: Record<string, Record<string, number>>; options: { key: string; label: string }[] }[];
}

const c = (consultation: string) => `/consultations/${encodeURIComponent(consultation)}`;

export const getCodebook = (consultation: string, signal?: AbortSignal) => request<{ codes: Code[]; abilities: { edit: boolean } }>("GET", `${c(consultation)}/codebook`, { signal });
export const createCode = (consultation: string, body: TCodeBody) => request<{ code: Code }>("POST", `${c(consultation)}/codebook/codes`, { body }).then((b) => b.code);
export const updateCode = (id: string, body: TCodePatchBody) => request<{ code: Code }>("PATCH", `/codes/${encodeURIComponent(id)}`, { body }).then((b) => b.code);
export const deleteCode = (id: string) => request<void>("DELETE", `/codes/${encodeURIComponent(id)}`);
export const listCoding = (consultation: string, questionKey: string, cursor?: string, signal?: AbortSignal) =>
  request<{ items: CodingItem[]; nextCursor: string | null }>("GET", `${c(consultation)}/coding`, { query: { questionKey, cursor }, signal });
export const saveCoding = (responseId: string, questionKey: string, codeIds: string[]) =>
  request<{ coding: { codeIds: string[] } }>("PUT", `/responses/${encodeURIComponent(responseId)}/codings/${encodeURIComponent(questionKey)}`, { body: { codeIds } }).then((b) => b.coding);
export const getAnalysis = (consultation: string, signal?: AbortSignal) => request<{ analysis: Analysis }>("GET", `${c(consultation)}/analysis`, { signal }).then((b) => b.analysis);
export const analysisCsvUrl = (consultation: string, table: "codes" | "closed" | "codings") => `/api${c(consultation)}/analysis/${table}.csv`;
