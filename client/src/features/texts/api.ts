// Draft texts and amendments: the reading view, versions and their diff, anchored threads, amendments,
// and the organisers' import. Types follow server/texts/*.ts and server/amendments/present.ts.
import type { StakeholderCategory } from "../../../../shared/categories.ts";
import type {
  AmendmentKind, AmendmentOutcome, DiffPart, TAmendmentDecisionBody, TAmendmentOutcomeBody, TCreateAmendmentBody, TCreateAnchoredThreadBody, TCreateTextBody, TextSourceFormat, TextUnitKind, TPreviewTextBody, TPublishVersionBody, UnitChange,
} from "../../../../shared/schemas/texts.ts";
import type { PostStatus } from "../../../../shared/schemas/threads.ts";
import { request } from "../../api/client.ts";
import type { EndorsementState, EndorsementTally, Post, ThreadSummary } from "../../api/threads.ts";
import type { EvidenceKind } from "../../api/positions.ts";

const enc = encodeURIComponent;

export interface CategoryCounts {
  comments: number;
  amendments: number;
  endorsements: number;
  /** Positions of the category citing the unit. */
  positions: number;
  /** Stances on the unit (server/texts/reading.ts STANCE_RULE). */
  support: number;
  oppose: number;
  mixed: number;
}
export interface UnitCounts {
  comments: number;
  amendments: number;
  /** Positions on a question citing the unit. */
  positions: number;
  byCategory: Partial<Record<StakeholderCategory, CategoryCounts>>;
}

export interface TextUnit {
  id: string;
  kind: TextUnitKind;
  eId: string;
  num: string | null;
  heading: string | null;
  text: string;
  children: TextUnit[];
}
export interface ReadingUnit extends TextUnit {
  /** The unit's own comments and amendments; `totals` adds its descendants'. */
  counts: UnitCounts;
  totals: UnitCounts;
  children: ReadingUnit[];
}

export interface TextVersion {
  number: number;
  note: string | null;
  sourceFormat: TextSourceFormat;
  publishedAt: string;
}

export interface ContestedItem {
  eId: string;
  /** Highest lean minus lowest (0 to 2), leans from -1 (all oppose) to 1 (all support). */
  spread: number;
  leans: Partial<Record<StakeholderCategory, number>>;
  camps: number;
  categories: number;
  engagement: number;
  firstChoices: Partial<Record<StakeholderCategory, string>>;
}

export interface ReadingView {
  id: string;
  consultationId: string;
  title: string;
  version: number;
  currentVersion: number;
  versions: TextVersion[];
  abilities: { manage: boolean };
  units: ReadingUnit[];
  /** The server's wording of how stances are counted (the page shows its translation). */
  stanceRule: string;
  mostContested: { measure: string; items: ContestedItem[] };
}

export interface TextSummary {
  id: string;
  title: string;
  ordinal: number;
  currentVersion: number | null;
  versions: TextVersion[];
}

export interface ChangedSince {
  sinceVersion: number;
  currentVersion: number;
  removed: boolean;
  diff: DiffPart[];
}

export interface Anchor {
  documentId: string;
  eId: string;
  /** The unit as printed: "Article 7(4)(a)". */
  label: string;
  version: number;
  spanStart: number | null;
  spanEnd: number | null;
  quote: string | null;
  changedSince: ChangedSince | null;
}

export interface AnchoredThread {
  id: string;
  title: string;
  status: ThreadSummary["status"];
  author: { id: string; displayName: string } | null;
  createdAt: string;
  anchor: Anchor;
}

export interface Amendment {
  id: string;
  consultationId: string;
  documentId: string;
  eId: string;
  version: number;
  kind: AmendmentKind;
  spanStart: number | null;
  spanEnd: number | null;
  /** The words replaced or deleted (the whole unit when no span); null while quarantined. */
  quote: string | null;
  proposedText: string | null;
  /** Sanitised by the server when it was written: safe to render as HTML. */
  justificationHtml: string | null;
  evidence: { kind: EvidenceKind; citation: string; url: string | null }[];
  declarationOfInterests: string | null;
  fundingSources: string | null;
  author: { id: string; displayName: string } | null;
  organisation: { id: string; name: string } | null;
  category: StakeholderCategory;
  status: PostStatus | "withdrawn";
  quarantined: boolean;
  outcome: { outcome: AmendmentOutcome; reasons: string | null; decidedAt: string | null } | null;
  createdAt: string;
  changedSince: ChangedSince | null;
  endorsements: EndorsementTally;
  viewerEndorsed: boolean;
  abilities: { withdraw: boolean; endorse: boolean; recordOutcome: boolean; moderate: boolean; flag: boolean };
}

type DiffSide = { num: string | null; heading: string | null; text: string; parentEId: string | null };
export interface DiffUnit {
  eId: string;
  change: UnitChange;
  kind: TextUnitKind;
  from: DiffSide | null;
  to: DiffSide | null;
  /** Word by word from the older to the newer text; empty when the text is the same, or added/removed. */
  diff: DiffPart[];
  headingDiff: DiffPart[];
}

export interface TextDiff {
  fromVersion: number;
  toVersion: number;
  counts: Record<UnitChange, number>;
  units: DiffUnit[];
}

export interface Imported {
  units: TextUnit[];
  warnings: string[];
  unitCount: number;
}

export function listTexts(consultationId: string, signal?: AbortSignal) {
  return request<{ items: TextSummary[]; abilities: { manage: boolean } }>("GET", `/consultations/${enc(consultationId)}/texts`, { signal });
}

export async function getReadingView(id: string, version: number | undefined, signal?: AbortSignal): Promise<ReadingView> {
  return (await request<{ text: ReadingView }>("GET", `/texts/${enc(id)}/reading`, { query: { version }, signal })).text;
}

export function getTextDiff(id: string, fromVersion: number, toVersion: number, signal?: AbortSignal) {
  return request<TextDiff>("GET", `/texts/${enc(id)}/diff`, { query: { fromVersion, toVersion }, signal });
}

/** Every page of a paged list (a unit's threads or amendments: a panel shows them all, however many). */
async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<{ items: T[] }> {
  const items: T[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.nextCursor) return { items };
    cursor = page.nextCursor;
  }
}

/** The threads anchored to one unit, newest first. */
export function listAnchoredThreads(id: string, eId: string, signal?: AbortSignal) {
  return allPages((cursor) => request<{ items: AnchoredThread[]; nextCursor: string | null }>("GET", `/texts/${enc(id)}/threads`, { query: { eId, cursor, limit: 200 }, signal }));
}

export function createAnchoredThread(id: string, input: TCreateAnchoredThreadBody) {
  return request<{ thread: ThreadSummary; post: Post; anchor: Anchor }>("POST", `/texts/${enc(id)}/threads`, { body: input });
}

export function getThreadAnchor(threadId: string, signal?: AbortSignal) {
  return request<{ anchor: Anchor | null }>("GET", `/threads/${enc(threadId)}/anchor`, { signal });
}

/** The amendments to one unit, oldest first. */
export function listAmendments(id: string, eId: string, signal?: AbortSignal) {
  return allPages((cursor) => request<{ items: Amendment[]; nextCursor: string | null }>("GET", `/texts/${enc(id)}/amendments`, { query: { eId, cursor, limit: 200 }, signal }));
}

export async function proposeAmendment(id: string, input: TCreateAmendmentBody): Promise<Amendment> {
  return (await request<{ amendment: Amendment }>("POST", `/texts/${enc(id)}/amendments`, { body: input })).amendment;
}

export function withdrawAmendment(id: string): Promise<void> {
  return request<void>("DELETE", `/amendments/${enc(id)}`);
}

export function setAmendmentEndorsement(id: string, endorse: boolean): Promise<EndorsementState> {
  return request<EndorsementState>(endorse ? "POST" : "DELETE", `/amendments/${enc(id)}/endorsements`);
}

export async function recordAmendmentOutcome(id: string, input: TAmendmentOutcomeBody): Promise<Amendment> {
  return (await request<{ amendment: Amendment }>("PUT", `/amendments/${enc(id)}/outcome`, { body: input })).amendment;
}

export function previewText(consultationId: string, input: TPreviewTextBody) {
  return request<Imported>("POST", `/consultations/${enc(consultationId)}/texts/preview`, { body: input });
}

export function createText(consultationId: string, input: TCreateTextBody) {
  return request<{ text: { id: string }; warnings: string[] }>("POST", `/consultations/${enc(consultationId)}/texts`, { body: input });
}

export function publishVersion(id: string, input: TPublishVersionBody) {
  return request<{ text: { id: string; version: number }; warnings: string[] }>("POST", `/texts/${enc(id)}/versions`, { body: input });
}

export const aknPath = (id: string) => `/api/texts/${enc(id)}/text.akn.xml`;
export const trackedDocxPath = (id: string, amendments: "accepted" | "proposed") => `/api/texts/${enc(id)}/tracked.docx?amendments=${amendments}`;

export interface ModerationAmendment {
  id: string;
  documentId: string;
  documentTitle: string;
  eId: string;
  kind: AmendmentKind;
  status: "pending" | "hidden" | "rejected";
  quarantined: boolean;
  quote: string | null;
  proposedText: string | null;
  justificationHtml: string | null;
  category: StakeholderCategory;
  author: { id: string; displayName: string };
  organisation: { id: string; name: string } | null;
  createdAt: string;
}

export function listAmendmentsForModeration(consultationId: string, signal?: AbortSignal) {
  return request<{ items: ModerationAmendment[] }>("GET", `/consultations/${enc(consultationId)}/amendments/moderation`, { signal });
}

export function decideOnAmendment(id: string, body: TAmendmentDecisionBody) {
  return request<{ decision: { id: string; action: string }; status: string }>("POST", `/amendments/${enc(id)}/moderation`, { body });
}
