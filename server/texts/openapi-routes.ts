// The texts API in the OpenAPI document (spread into API_ROUTES), so the input and fuzz tests cover it.
import { z } from "zod";
import type { ApiRoute } from "../http/openapi.ts";
import {
  zTrackedDocxQuery, zAmendmentDecisionBody, zAmendmentOutcomeBody, zCreateAmendmentBody, zCreateAnchoredThreadBody, zCreateTextBody, zPreviewTextBody, zPublishVersionBody, zTextDiffQuery, zTextVersionQuery, zUnitQuery,
} from "../../shared/schemas/texts.ts";
import { zFlagBody } from "../../shared/schemas/moderation.ts";

const CONSULTATION = { id: "Consultation id or slug" };
const TEXT = { id: "Text (document) id" };
const zTextUnit = z.looseObject({ eId: z.string(), kind: z.string(), num: z.string().nullable(), heading: z.string().nullable(), text: z.string(), children: z.array(z.looseObject({})) }).meta({ id: "TextUnit", description: "A unit with its children: eId (Akoma Ntoso style), number and heading as printed, its own text." });
const zText = z.looseObject({ id: z.string(), title: z.string(), version: z.number().int(), currentVersion: z.number().int(), units: z.array(zTextUnit) }).meta({ id: "Text", description: "A version of a draft text as a tree of units, with the list of versions and the caller's abilities." });
const zImported = z.object({ text: zText, warnings: z.array(z.string()) });
const zAnchor = z.looseObject({ documentId: z.string(), eId: z.string(), version: z.number().int(), spanStart: z.number().int().nullable(), spanEnd: z.number().int().nullable(), quote: z.string().nullable(), changedSince: z.looseObject({}).nullable().meta({ description: "Null unless the unit changed since the version the thread was started on: then the word diff to the current text" }) }).meta({ id: "TextAnchor" });
const zAmendment = z.looseObject({ id: z.string(), eId: z.string(), kind: z.string(), status: z.string() }).meta({ id: "Amendment", description: "A proposed change to a unit: kind, quote, proposedText, justificationHtml, evidence, declaration of interests, category, status, outcome, changedSince, endorsements by category and the caller's abilities." });
const AMENDMENT = { id: "Amendment id" };
const ok = (description: string, schema?: z.ZodType, status: 200 | 201 | 204 = 200) => ({ status, description, schema });
const zTally = z.object({ endorsements: z.object({ total: z.number().int(), byCategory: z.record(z.string(), z.number().int()) }), viewerEndorsed: z.boolean() });

export const TEXT_ROUTES: ApiRoute[] = [
  { method: "get", path: "/api/consultations/:id/texts", summary: "The consultation's draft texts and their versions", tag: "Texts", access: "optional", params: CONSULTATION, errors: ["not_found"], success: [{ status: 200, description: "Documents in order", schema: z.looseObject({ items: z.array(z.looseObject({ id: z.string() })) }) }] },
  {
    method: "post", path: "/api/consultations/:id/texts/preview", summary: "Import a text without saving it: the units as recognised, and what could not be placed (organisers)", tag: "Texts", access: "user", params: CONSULTATION, body: zPreviewTextBody, rateLimited: true, errors: ["forbidden", "not_found"],
    success: [{ status: 200, description: "The recognised tree", schema: z.object({ units: z.array(zTextUnit), warnings: z.array(z.string()), unitCount: z.number().int() }) }],
  },
  { method: "post", path: "/api/consultations/:id/texts", summary: "Import a draft text from Markdown, HTML, DOCX (base64) or Akoma Ntoso XML as version 1 (organisers)", tag: "Texts", access: "user", params: CONSULTATION, body: zCreateTextBody, rateLimited: true, errors: ["forbidden", "not_found"], success: [{ status: 201, description: "Imported", schema: zImported }] },
  { method: "get", path: "/api/texts/:id", summary: "A version of a text (the current one unless ?version=) as a tree of units", tag: "Texts", access: "optional", params: TEXT, query: zTextVersionQuery, errors: ["not_found"], success: [{ status: 200, description: "The text", schema: z.object({ text: zText }) }] },
  { method: "post", path: "/api/texts/:id/versions", summary: "Publish a new version of a text, replacing the one it was based on (organisers)", tag: "Texts", access: "user", params: TEXT, body: zPublishVersionBody, rateLimited: true, errors: ["forbidden", "not_found", "stale_version"], success: [{ status: 201, description: "Published", schema: zImported }] },
  {
    method: "get", path: "/api/texts/:id/diff", summary: "Compare two versions unit by unit (matched by eId) with a word-level diff", tag: "Texts", access: "optional", params: TEXT, query: zTextDiffQuery, errors: ["not_found"],
    success: [{ status: 200, description: "Every unit of either version with its change", schema: z.looseObject({ counts: z.record(z.string(), z.number().int()), units: z.array(z.looseObject({ eId: z.string(), change: z.string() })) }) }],
  },
  {
    method: "get", path: "/api/texts/:id/reading", summary: "The reading view: the text with each unit's comments, amendments and engagement and stances (support, oppose, mixed) by stakeholder category (own and with its descendants; the rule in stanceRule), and the most contested provisions with the measure explained", tag: "Texts", access: "optional", params: TEXT, query: zTextVersionQuery, errors: ["not_found"],
    success: [ok("The reading view", z.object({ text: z.looseObject({ units: z.array(zTextUnit), stanceRule: z.string(), mostContested: z.looseObject({ measure: z.string(), items: z.array(z.looseObject({ eId: z.string(), spread: z.number(), camps: z.number().int() })) }) }) }))],
  },
  { method: "get", path: "/api/texts/:id/text.akn.xml", summary: "A version of the text as Akoma Ntoso XML (the importer reads it back to the same tree)", tag: "Texts", access: "optional", params: TEXT, query: zTextVersionQuery, errors: ["not_found"], success: [ok("application/akn+xml")] },
  { method: "get", path: "/api/texts/:id/tracked.docx", summary: "The current version as DOCX with the accepted (or every proposed) public amendment as Word tracked changes", tag: "Texts", access: "optional", params: TEXT, query: zTrackedDocxQuery, errors: ["not_found"], success: [ok("The DOCX; revisions as w:ins and w:del")] },
  { method: "get", path: "/api/texts/:id/threads", summary: "Threads anchored to the text (or to one unit, ?eId=), newest first", tag: "Texts", access: "optional", params: TEXT, query: zUnitQuery, errors: ["not_found"], success: [ok("Threads with their anchors", z.object({ items: z.array(z.looseObject({ id: z.string(), anchor: zAnchor })) }))] },
  { method: "post", path: "/api/texts/:id/threads", summary: "Start a thread about a unit of the current version, or a span of its words", tag: "Texts", access: "user", params: TEXT, body: zCreateAnchoredThreadBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("Started", z.looseObject({ thread: z.looseObject({}), post: z.looseObject({}), anchor: zAnchor }), 201)] },
  { method: "get", path: "/api/threads/:id/anchor", summary: "The unit a thread is about (null if it is not anchored to a text)", tag: "Texts", access: "optional", params: { id: "Thread id" }, errors: ["not_found"], success: [ok("The anchor", z.object({ anchor: zAnchor.nullable() }))] },
  { method: "get", path: "/api/texts/:id/amendments", summary: "Amendments to the text (or to one unit, ?eId=), with the units that have competing ones", tag: "Amendments", access: "optional", params: TEXT, query: zUnitQuery, errors: ["not_found"], success: [ok("Amendments", z.looseObject({ items: z.array(zAmendment) }))] },
  { method: "post", path: "/api/texts/:id/amendments", summary: "Propose to replace, delete or insert after a unit (or a span of it), with justification, evidence and interests", tag: "Amendments", access: "user", params: TEXT, body: zCreateAmendmentBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("Proposed (pending while moderation holds it)", z.object({ amendment: zAmendment }), 201)] },
  { method: "get", path: "/api/amendments/:id", summary: "An amendment", tag: "Amendments", access: "optional", params: AMENDMENT, errors: ["not_found"], success: [ok("The amendment", z.object({ amendment: zAmendment }))] },
  { method: "delete", path: "/api/amendments/:id", summary: "Withdraw one's amendment (its author only)", tag: "Amendments", access: "user", params: AMENDMENT, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [{ status: 204, description: "Withdrawn" }] },
  { method: "post", path: "/api/amendments/:id/endorsements", summary: "Endorse an amendment", tag: "Amendments", access: "user", params: AMENDMENT, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The tally", zTally)] },
  { method: "delete", path: "/api/amendments/:id/endorsements", summary: "Withdraw one's endorsement of an amendment", tag: "Amendments", access: "user", params: AMENDMENT, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The tally", zTally)] },
  { method: "put", path: "/api/amendments/:id/outcome", summary: "Record the organisers' outcome of an amendment, with reasons", tag: "Amendments", access: "user", params: AMENDMENT, body: zAmendmentOutcomeBody, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The amendment", z.object({ amendment: zAmendment }))] },
  { method: "get", path: "/api/consultations/:id/amendments/moderation", summary: "Amendments held for review or removed, oldest first, for the moderation page (moderators and organisers)", tag: "Moderation", access: "user", params: CONSULTATION, errors: ["forbidden", "not_found"], success: [ok("Amendments awaiting a decision", z.looseObject({ items: z.array(zAmendment) }))] },
  { method: "post", path: "/api/amendments/:id/flags", summary: "Flag an amendment for moderators (not one's own; once per person)", tag: "Moderation", access: "user", params: AMENDMENT, body: zFlagBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("Flagged", z.looseObject({}), 201)] },
  { method: "post", path: "/api/amendments/:id/moderation", summary: "Approve, reject, hide or restore an amendment, or dismiss its flags (moderators)", tag: "Moderation", access: "user", params: AMENDMENT, body: zAmendmentDecisionBody, errors: ["forbidden", "not_found", "conflict"], success: [ok("The decision", z.looseObject({}))] },
];
