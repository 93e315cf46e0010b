// Full-text search across consultations, threads, posts and positions (GET /api/search).
import type { StakeholderCategory } from "../../../shared/categories.ts";
import type { Stance } from "../../../shared/schemas/positions.ts";
import type { SEARCH_TYPES } from "../../../shared/schemas/search.ts";
import { request } from "./client.ts";

export type SearchType = (typeof SEARCH_TYPES)[number];

export interface SearchQuery {
  q: string;
  consultationId?: string;
  type?: SearchType;
  category?: StakeholderCategory;
  stance?: Stance;
  /** ISO 8601 date-times with an offset. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  type: SearchType;
  id: string;
  consultation: { id: string; slug: string; title: string };
  threadId: string | null;
  title: string;
  /** Plain-text segments; highlighted ones matched the query. Never HTML. */
  snippet: { text: string; highlight: boolean }[];
  category: StakeholderCategory | null;
  stance: Stance | null;
  /** Draft-text hits (text_unit, amendment): the document and unit the reading view opens at. */
  text?: { documentId: string; eId: string };
  createdAt: string;
}

export function search(query: SearchQuery, signal?: AbortSignal): Promise<{ items: SearchResult[]; total: number }> {
  return request("GET", "/search", { query: { ...query }, signal });
}
