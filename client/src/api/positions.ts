// Position statements: list with counts by category x stance, publish or revise, endorse.
// Types follow server/positions/service.ts.
import type { StakeholderCategory } from "../../../shared/categories.ts";
import type { EVIDENCE_KINDS, Stance, TPutPositionBody } from "../../../shared/schemas/positions.ts";
import type { PostStatus } from "../../../shared/schemas/threads.ts";
import { request } from "./client.ts";
import type { EndorsementState, EndorsementTally } from "./threads.ts";

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Position {
  id: string;
  consultationId: string;
  questionId: string;
  /** Null under the Chatham House rule: only the category is shown then. */
  organisation: { id: string; name: string; country: string } | null;
  author: { id: string; displayName: string } | null;
  category: StakeholderCategory;
  stance: Stance;
  summary: string;
  /** Sanitised by the server when it was written: safe to render as HTML. */
  argumentHtml: string;
  /** The Markdown source, if the server sends it (for revising); otherwise it is rebuilt from argumentHtml. */
  argumentSource?: string;
  amendmentText: string | null;
  evidence: { kind: EvidenceKind; citation: string; url: string | null }[];
  /** Units of the consultation's draft texts the position concerns, labelled as printed ("Article 7(4)"). */
  citedUnits: { textId: string; eId: string; label: string }[];
  declarationOfInterests: string | null;
  fundingSources: string | null;
  status: PostStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  endorsements: EndorsementTally;
  viewerEndorsed: boolean;
  abilities: { endorse: boolean };
}

/** counts[category][stance]: every visible position of the question(s), whatever the filters. */
export type PositionCounts = Record<StakeholderCategory, Record<Stance, number>>;

export interface PositionList {
  items: Position[];
  nextCursor: string | null;
  counts: PositionCounts;
}

const enc = encodeURIComponent;

export function listPositions(
  consultationId: string,
  query: { questionId?: string; stance?: Stance; category?: StakeholderCategory; textId?: string; eId?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<PositionList> {
  return request<PositionList>("GET", `/consultations/${enc(consultationId)}/positions`, { query, signal });
}

export async function getPosition(id: string, signal?: AbortSignal): Promise<Position> {
  return (await request<{ position: Position }>("GET", `/positions/${enc(id)}`, { signal })).position;
}

export async function putPosition(consultationId: string, questionId: string, input: TPutPositionBody): Promise<Position> {
  const body = await request<{ position: Position }>("PUT", `/consultations/${enc(consultationId)}/questions/${enc(questionId)}/position`, { body: input });
  return body.position;
}

export function setPositionEndorsement(id: string, endorse: boolean): Promise<EndorsementState> {
  return request<EndorsementState>(endorse ? "POST" : "DELETE", `/positions/${enc(id)}/endorsements`);
}
