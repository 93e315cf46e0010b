// The OpenAPI 3.1 description of the JSON API, generated from the shared zod schemas.
// API_ROUTES is the one list of what the API offers; test/http/openapi.test.ts walks the Express app and
// fails when a registered route is missing here, so the document cannot drift from the routers unnoticed.
import type { RequestHandler } from "express";
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "../../shared/errors.ts";
import { LIMITS } from "../../shared/limits.ts";
import { zId, zPageQuery } from "../../shared/schemas/common.ts";
import { zLoginBody, zRegisterBody, zUpdateMeBody } from "../../shared/schemas/accounts.ts";
import { zAdminAuditQuery, zListUsersQuery, zUpdateUserBody } from "../../shared/schemas/admin.ts";
import { zAddOrganisationMemberBody, zAdminOrganisationsQuery, zCreateOrganisationBody, zListOrganisationsQuery, zRepresentationDecisionBody, zRepresentationRequestBody, zRepresentationRequestView, zVerifyOrganisationBody } from "../../shared/schemas/organisations.ts";
import { zAddMemberBody, zChangeMemberRoleBody, zCreateConsultationBody, zListConsultationsQuery, zListMembersQuery, zUpdateConsultationBody } from "../../shared/schemas/consultations.ts";
import { zChangePasswordBody } from "../../shared/schemas/profile.ts";
import { zCreatePostBody, zCreateThreadBody, zEditPostBody, zIdempotencyKey, zListThreadsQuery, zPreviewBody } from "../../shared/schemas/threads.ts";
import { zListPositionsQuery, zPutPositionBody } from "../../shared/schemas/positions.ts";
import { zSearchQuery } from "../../shared/schemas/search.ts";
import { QUARANTINE_KINDS, zAppealBody, zAppealDecisionBody, zAuditLogQuery, zContentDecisionBody, zFlagBody, zMarkNotificationsReadBody, zMuteBody, zThreadDecisionBody } from "../../shared/schemas/moderation.ts";
import { CONTRIBUTION_FORMATS, EXPORT_JOB_STATUSES, REPORT_FORMATS, zCreateExportJobBody, zExportQuery, zPutOutcomeBody, zReportVersion } from "../../shared/schemas/exports.ts";
import { zCodeBody, zCodePatchBody, zCodingBody, zCodingQueueQuery, zCreatePartnerBody, zImpersonationReportBody, zPartnerResponseBody, zListResponsesQuery, zPutQuestionnaireBody, zPutResponseBody, zRedactionBody, zSuspectedAutomatedBody, zUploadQuery, zVerifyImpersonationBody, zWithholdBody, zReviewResponsesQuery, zPageRedactionBody, zLiftRedactionBody, zPageParam } from "../../shared/schemas/responses.ts";
import { RECEIPT_FORMATS } from "../responses/routes.ts";
import { zAnalysisTable } from "../responses/analysis/routes.ts";
import { SESSION_COOKIE } from "./session.ts";
import { ERROR_STATUS } from "./errors.ts";
import { TEXT_ROUTES } from "../texts/openapi-routes.ts";
import { TWO_FACTOR_ROUTES } from "../accounts/two-factor-openapi.ts";
import { PRIVACY_ROUTES } from "../privacy/openapi-routes.ts";
import { zConsultationView, zMeTwoFactor, zMeView, zPostView, zThreadPostsPage } from "../../shared/schemas/reads.ts";
import { MAIL_ROUTES } from "../mail/openapi-routes.ts";

// ---- Response shapes. Documentation only: the presenters are the truth, these name the envelopes. ----
// `.meta({ id })` returns a copy, so the shared schemas the routes validate with are left untouched.

const zErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.array(z.object({ path: z.string().meta({ description: 'Dotted field path, e.g. "questions.2.text"; empty for the body as a whole.' }), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error", description: "The one error body every failing request returns." });

// The main reads have response schemas of their own (shared/schemas/reads.ts), which the presenters satisfy.
const zMe = zMeView.meta({ id: "Me", description: "The logged-in account, with its organisations and consultation roles." });

/** A resource whose presenter has no zod schema: its id is certain, the rest is described in prose. */
const resource = (id: string, description: string) => z.looseObject({ id: z.string() }).meta({ id, description });
const zOrganisation = resource("Organisation", "An organisation, with `members` (null unless the caller may see them) and the caller's `abilities`.");
const zAccount = resource("Account", "An account as admins see it: email, displayName, category, isAdmin, status, createdAt.");
const zConsultation = zConsultationView.meta({ id: "Consultation", description: "A consultation with its questions, the caller's role and `abilities`." });
const zThread = resource("Thread", "A discussion thread.");
const zPost = zPostView.meta({ id: "Post", description: "A contribution; the body is sanitised HTML." });
const zPosition = resource("Position", "An organisation's formal position on one question.");
const zInvitationSent = z.object({ email: z.string(), role: z.string(), status: z.literal("sent") }).meta({ id: "InvitationSent", description: "What an invitation answers, whether or not the email has an account." });
const zOrganisationInvitation = z.looseObject({ id: z.string(), role: z.string(), status: z.enum(["pending", "accepted", "declined"]), organisation: z.looseObject({ id: z.string(), name: z.string() }) }).meta({ id: "OrganisationInvitation", description: "An invitation to join an organisation, as its invitee sees it." });
const zQuestionnaire = resource("Questionnaire", "A questionnaire: title, sections of typed questions, version, lockedReason and the caller's abilities.");
const zOwnResponse = resource("OwnResponse", "The caller's own response: status (draft or submitted), answers, consent, submissionNumber, version.");
const zMember = z.looseObject({ role: z.string() }).meta({ id: "Member", description: "A membership that was added." });

const zDecision = z.looseObject({ id: z.string(), action: z.string() }).meta({ id: "ModerationDecision", description: "A recorded moderation decision." });
const zAppeal = resource("Appeal", "An appeal against a moderation decision.");
const zNotification = resource("Notification", "A notification for the logged-in account.");
const zAuditEntry = resource("AuditEntry", "One entry of a consultation's moderation log.");

const zOutcome = z
  .object({ questionId: z.string(), ordinal: z.number().int(), text: z.string(), outcome: z.string().nullable(), reasons: z.string().nullable(), updatedAt: z.string().nullable() })
  .meta({ id: "QuestionOutcome", description: "The organisers' response to one question." });
const zSummaryVersion = z
  .looseObject({ version: z.number().int(), contentHash: z.string().meta({ description: "SHA-256 of the report data as canonical JSON" }), createdAt: z.string() })
  .meta({ id: "SummaryVersion", description: "A published, immutable version of the summary report, with download links." });
const zExportJob = z
  .looseObject({
    id: z.string(),
    kind: z.string(),
    scope: z.string(),
    status: z.enum(EXPORT_JOB_STATUSES),
    progress: z.number().int().min(0).max(100),
    error: z.string().nullable().meta({ description: "Why a failed job failed, for its requester" }),
    expiresAt: z.string().nullable().meta({ description: "Until when a done job can be downloaded; then it is expired" }),
    downloadUrl: z.string().nullable(),
  })
  .meta({ id: "ExportJob", description: "A long export: status, progress 0-100, and a download link once done (until it expires)." });

const zUserEnvelope = z.object({ user: zMe }).meta({ id: "UserEnvelope" });
const zSessionEnvelope = z.object({ user: zMe.nullable(), twoFactor: zMeTwoFactor.optional() }).meta({ id: "SessionEnvelope", description: "The logged-in account, or null when nobody is logged in." });
const zCsrfToken = z.object({ token: z.string() }).meta({ id: "CsrfToken", description: "Send it back in X-CSRF-Token on every state-changing request." });
const zHealth = z.object({ status: z.enum(["ok", "degraded"]), database: z.enum(["ok", "unreachable"]) }).meta({ id: "Health" });
const zReady = z.object({ status: z.enum(["ready", "stopping", "degraded"]), stage: z.enum(["draining", "closing"]).optional(), database: z.literal("unreachable").optional() }).meta({ id: "Readiness" });
const zEndorsements = z
  .object({ endorsements: z.object({ total: z.number().int(), byCategory: z.record(z.string(), z.number().int()) }), viewerEndorsed: z.boolean() })
  .meta({ id: "Endorsements" });

/** The keyset-paginated list envelope every list endpoint returns. */
const page = (id: string, item: z.ZodType, extra: z.ZodRawShape = {}) =>
  z
    .object({ items: z.array(item), nextCursor: z.string().nullable().meta({ description: "Pass back as `cursor` for the next page; null on the last page." }), ...extra })
    .meta({ id });

const wrap = (key: string, schema: z.ZodType) => z.object({ [key]: schema });

// ---- The routes: one line of facts per route; the generator below turns them into OpenAPI. ----

type Method = "get" | "post" | "put" | "patch" | "delete";
/**
 * public: no session involved; optional: anonymous callers see what is public, a session may see more;
 * user: 401 without a session; admin: 401 without a session, 404 for non-admins (the route is hidden);
 * partner: a partner's API key (Authorization: Bearer), never the session, so no CSRF token either.
 */
type Access = "public" | "optional" | "user" | "admin" | "partner";

interface Success {
  status: 200 | 201 | 202 | 204;
  description: string;
  schema?: z.ZodType;
  headers?: z.ZodObject;
  /** Also answers text/csv (with ?format=csv). */
  csv?: boolean;
}

export interface ApiRoute {
  method: Method;
  /** Express form, including the /api prefix: "/api/consultations/:id". */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** Path parameters: a description (the value is an id) or a schema; every `:name` in the path is documented either way. */
  params?: Record<string, string | z.ZodType>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body may also be multipart/form-data of these parts (a JSON part and files, say). */
  multipart?: { schema: z.ZodObject; encoding?: Record<string, { contentType: string }> };
  headers?: z.ZodObject;
  success: Success[];
  /** Errors specific to the route; the ones every route of its kind may return are added automatically. */
  errors?: ErrorCode[];
  /** Counted against a rate limit (429 with Retry-After). */
  rateLimited?: boolean;
}

const CONSULTATION = { id: "Consultation id or slug" };
const zPerson = z.object({ id: z.string(), displayName: z.string() }).nullable();
const zDecisionHistoryEntry = z
  .object({
    id: z.string(), action: z.string(), reasonCode: z.string().nullable(), statement: z.string().nullable(), automated: z.boolean(),
    decidedBy: zPerson, confirmedBy: zPerson, confirmed: z.boolean(), createdAt: z.string(),
    appeal: z.object({ status: z.string(), outcomeStatement: z.string().nullable(), decidedBy: zPerson, decidedAt: z.string().nullable(), createdAt: z.string() }).nullable(),
  })
  .meta({ id: "DecisionHistoryEntry" });
const zModerationOverview = z
  .object({ total: z.number().int(), consultations: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), waiting: z.number().int() })) })
  .meta({ id: "ModerationOverview" });
const ok = (description: string, schema?: z.ZodType, status: Success["status"] = 200): Success => ({ status, description, schema });
const noContent = (description: string): Success => ({ status: 204, description });

export const API_ROUTES: readonly ApiRoute[] = [
  // Meta
  { method: "get", path: "/api/health", summary: "Liveness and database check", tag: "Meta", access: "public", success: [ok("Server and database are up", zHealth)] },
  { method: "get", path: "/api/health/ready", summary: "Readiness: fails first when the server stops, so a balancer moves on", tag: "Meta", access: "public", success: [ok("Ready for traffic", zReady)] },
  { method: "get", path: "/api/csrf", summary: "Get the CSRF token for this session (starts a session if there is none)", tag: "Meta", access: "public", success: [ok("The token", zCsrfToken)] },
  { method: "get", path: "/api/openapi.json", summary: "This document", tag: "Meta", access: "public", success: [ok("OpenAPI 3.1 document", z.looseObject({ openapi: z.string() }))] },
  // Accounts
  { method: "post", path: "/api/auth/register", summary: "Create an account and log in", tag: "Accounts", access: "public", body: zRegisterBody, rateLimited: true, errors: ["conflict"], success: [ok("Registered and logged in; a new session cookie is set", zUserEnvelope, 201)] },
  { method: "post", path: "/api/auth/login", summary: "Log in with email and password", tag: "Accounts", access: "public", body: zLoginBody, rateLimited: true, errors: ["invalid_credentials"], success: [ok("Logged in; the session id changes, so fetch a new CSRF token", zUserEnvelope)] },
  { method: "post", path: "/api/auth/logout", summary: "Log out and destroy the session", tag: "Accounts", access: "public", success: [noContent("Logged out")] },
  { method: "get", path: "/api/me/sessions", summary: "My active sessions: device (user agent), when each began and was last used; the current one first", tag: "Accounts", access: "user", success: [ok("Active sessions", z.object({ items: z.array(z.looseObject({ id: z.string(), current: z.boolean(), userAgent: z.string().nullable(), createdAt: z.string().nullable(), lastSeenAt: z.string().nullable() })) }))] },
  { method: "post", path: "/api/me/sessions/end-others", summary: "Log out everywhere else: every other session and socket of my account ends at once", tag: "Accounts", access: "user", success: [noContent("Other sessions ended")] },
  { method: "delete", path: "/api/me/sessions/:id", summary: "Log out one of my sessions (and its sockets)", tag: "Accounts", access: "user", params: { id: "Session handle from GET /api/me/sessions" }, errors: ["not_found"], success: [noContent("Ended")] },
  { method: "get", path: "/api/me", summary: "The logged-in account, or null when signed out", tag: "Accounts", access: "public", success: [ok("The account, or { user: null }", zSessionEnvelope)] },
  { method: "patch", path: "/api/me", summary: "Change one's display name, category or interface language", tag: "Accounts", access: "user", body: zUpdateMeBody, rateLimited: true, errors: [], success: [ok("The account", zUserEnvelope)] },
  { method: "post", path: "/api/me/password", summary: "Change one's password (other sessions end)", tag: "Accounts", access: "user", body: zChangePasswordBody, rateLimited: true, errors: [], success: [ok("How many other sessions ended", z.object({ otherSessionsEnded: z.number().int() }))] },
  { method: "get", path: "/api/users/:id", summary: "A participant's public profile and recent visible contributions", tag: "Accounts", access: "optional", params: { id: "User id" }, errors: ["not_found"], success: [ok("The profile", wrap("user", resource("Profile", "Public profile: displayName, category, memberSince, organisations, recentPosts.")))] },
  // Organisations
  { method: "get", path: "/api/organisations", summary: "List organisations", tag: "Organisations", access: "optional", query: zListOrganisationsQuery, success: [ok("A page of organisations", page("OrganisationPage", zOrganisation))] },
  { method: "post", path: "/api/organisations", summary: "Create an organisation (the creator becomes its representative)", tag: "Organisations", access: "user", body: zCreateOrganisationBody, rateLimited: true, errors: ["conflict"], success: [ok("Created", wrap("organisation", zOrganisation), 201)] },
  { method: "get", path: "/api/organisations/:id", summary: "Get an organisation", tag: "Organisations", access: "optional", params: { id: "Organisation id" }, errors: ["not_found"], success: [ok("The organisation", wrap("organisation", zOrganisation))] },
  { method: "post", path: "/api/organisations/:id/members", summary: "Invite someone (by email) to join an organisation; they accept or decline. The same answer whether or not the email has an account", tag: "Organisations", access: "user", params: { id: "Organisation id" }, body: zAddOrganisationMemberBody, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("Invitation sent (if the email has an account)", wrap("invitation", zInvitationSent), 202)] },
  { method: "delete", path: "/api/organisations/:id/members/me", summary: "Leave an organisation", tag: "Organisations", access: "user", params: { id: "Organisation id" }, errors: ["not_found"], success: [noContent("Left")] },
  { method: "get", path: "/api/me/organisation-invitations", summary: "My pending invitations to organisations", tag: "Organisations", access: "user", success: [ok("Pending invitations", z.object({ items: z.array(zOrganisationInvitation) }))] },
  { method: "post", path: "/api/organisation-invitations/:id/accept", summary: "Accept an invitation to an organisation (the invitee only)", tag: "Organisations", access: "user", params: { id: "Invitation id" }, errors: ["not_found", "conflict"], success: [ok("Accepted: now a member", wrap("invitation", zOrganisationInvitation))] },
  { method: "post", path: "/api/organisation-invitations/:id/decline", summary: "Decline an invitation to an organisation (the invitee only)", tag: "Organisations", access: "user", params: { id: "Invitation id" }, errors: ["not_found", "conflict"], success: [ok("Declined", wrap("invitation", zOrganisationInvitation))] },
  { method: "post", path: "/api/organisations/:id/representation-requests", summary: "Ask to represent an organisation (one pending request at a time); its verified representatives or an admin decide", tag: "Organisations", access: "user", params: { id: "Organisation id" }, body: zRepresentationRequestBody, rateLimited: true, errors: ["not_found", "conflict"], success: [ok("Asked", wrap("request", zRepresentationRequestView), 201)] },
  { method: "get", path: "/api/me/representation-requests", summary: "My requests to represent organisations, newest first", tag: "Organisations", access: "user", success: [ok("My requests", z.object({ items: z.array(zRepresentationRequestView) }))] },
  { method: "get", path: "/api/representation-requests", summary: "Pending requests the caller may decide (representatives of verified organisations: theirs; admins: all)", tag: "Organisations", access: "user", success: [ok("Requests to decide", z.object({ items: z.array(zRepresentationRequestView) }))] },
  { method: "post", path: "/api/representation-requests/:id/decision", summary: "Approve (the requester becomes a representative) or refuse with a reason the requester is told; audited", tag: "Organisations", access: "user", params: { id: "Request id" }, body: zRepresentationDecisionBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("Decided", wrap("request", zRepresentationRequestView))] },
  { method: "put", path: "/api/organisations/:id/verification", summary: "Verify an organisation, or refuse or withdraw its verification with a reason its representatives are told (admins)", tag: "Organisations", access: "user", params: { id: "Organisation id" }, body: zVerifyOrganisationBody, errors: ["forbidden", "not_found"], success: [ok("The organisation", wrap("organisation", zOrganisation))] },
  // Admin
  { method: "get", path: "/api/admin/organisations", summary: "Organisations for the admin console: pending verification first, with member counts (admins)", tag: "Admin", access: "admin", query: zAdminOrganisationsQuery, success: [ok("A page of organisations", page("AdminOrganisationPage", z.looseObject({ id: z.string(), verification: z.enum(["pending", "verified", "refused"]), members: z.number().int() })))] },
  { method: "get", path: "/api/admin/audit", summary: "The site's audit of admin actions (verifications, suspensions, grants), newest first (admins)", tag: "Admin", access: "admin", query: zAdminAuditQuery, success: [ok("A page of entries", page("AdminAuditPage", z.looseObject({ id: z.string(), action: z.string(), createdAt: z.string() })))] },
  { method: "get", path: "/api/admin/users", summary: "List accounts (admins)", tag: "Admin", access: "admin", query: zListUsersQuery, success: [ok("A page of accounts", page("AccountPage", zAccount))] },
  { method: "post", path: "/api/admin/users/:id/sessions/end", summary: "End every session of an account, without suspending it (admins)", tag: "Admin", access: "admin", params: { id: "User id" }, errors: ["forbidden"], success: [ok("How many sessions ended", z.object({ userId: z.string(), sessionsEnded: z.number().int() }))] },
  { method: "patch", path: "/api/admin/users/:id", summary: "Suspend, reinstate or make admin (admins; never an equal or oneself)", tag: "Admin", access: "admin", params: { id: "User id" }, body: zUpdateUserBody, errors: ["forbidden"], success: [ok("The account", wrap("user", zAccount))] },
  // Consultations
  { method: "get", path: "/api/consultations", summary: "List the consultations the caller may see", tag: "Consultations", access: "optional", query: zListConsultationsQuery, success: [ok("A page of consultations", page("ConsultationPage", zConsultation))] },
  { method: "post", path: "/api/consultations", summary: "Create a consultation (as a draft)", tag: "Consultations", access: "user", body: zCreateConsultationBody, rateLimited: true, errors: ["forbidden", "conflict"], success: [ok("Created", wrap("consultation", zConsultation), 201)] },
  { method: "get", path: "/api/consultations/:id", summary: "Get a consultation", tag: "Consultations", access: "optional", params: CONSULTATION, errors: ["not_found"], success: [ok("The consultation", wrap("consultation", zConsultation))] },
  { method: "patch", path: "/api/consultations/:id", summary: "Edit a consultation or move it through its lifecycle", tag: "Consultations", access: "user", params: CONSULTATION, body: zUpdateConsultationBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("The consultation", wrap("consultation", zConsultation))] },
  { method: "get", path: "/api/consultations/:id/members", summary: "Members (staff): a page of people, searchable by name or email and filterable by role, and the member organisations", tag: "Consultations", access: "user", params: CONSULTATION, query: zListMembersQuery, errors: ["forbidden", "not_found"], success: [ok("People and organisations with their roles", z.object({ users: z.array(z.looseObject({ userId: z.string(), role: z.string(), addedAt: z.string() })), nextCursor: z.string().nullable(), organisations: z.array(z.looseObject({ organisationId: z.string(), role: z.string() })) }))] },
  { method: "post", path: "/api/consultations/:id/members", summary: "Add a user (by email) or an organisation with a role", tag: "Consultations", access: "user", params: CONSULTATION, body: zAddMemberBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("Added", wrap("member", zMember), 201)] },
  { method: "patch", path: "/api/consultations/:id/members/:userId", summary: "Change a member's role", tag: "Consultations", access: "user", params: { ...CONSULTATION, userId: "User id" }, body: zChangeMemberRoleBody, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("Changed", wrap("member", zMember))] },
  { method: "delete", path: "/api/consultations/:id/members/:userId", summary: "Remove a member", tag: "Consultations", access: "user", params: { ...CONSULTATION, userId: "User id" }, errors: ["forbidden", "not_found"], success: [noContent("Removed")] },
  // Threads and posts
  { method: "get", path: "/api/consultations/:id/threads", summary: "List threads, pinned first", tag: "Threads", access: "optional", params: CONSULTATION, query: zListThreadsQuery, errors: ["not_found"], success: [ok("A page of threads", page("ThreadPage", zThread))] },
  { method: "post", path: "/api/consultations/:id/threads", summary: "Start a thread with its opening post", tag: "Threads", access: "user", params: CONSULTATION, body: zCreateThreadBody, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("Created", z.object({ thread: zThread, post: zPost }), 201)] },
  { method: "get", path: "/api/threads/:id", summary: "Get a thread", tag: "Threads", access: "optional", params: { id: "Thread id" }, errors: ["not_found"], success: [ok("The thread", wrap("thread", zThread))] },
  { method: "get", path: "/api/threads/:id/posts", summary: "List a thread's posts in order", tag: "Threads", access: "optional", params: { id: "Thread id" }, query: zPageQuery, errors: ["not_found"], success: [ok("A page of posts, with gaps where hidden posts were", zThreadPostsPage.meta({ id: "PostPage" }))] },
  {
    method: "post", path: "/api/threads/:id/posts", summary: "Reply in a thread", tag: "Posts", access: "user", params: { id: "Thread id" }, body: zCreatePostBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"],
    headers: z.object({ "Idempotency-Key": zIdempotencyKey.optional().meta({ description: "Retrying with the same key returns the first reply (200, Idempotent-Replayed: true) instead of posting twice." }) }),
    success: [ok("Posted", wrap("post", zPost), 201), { ...ok("A replay of an earlier request with the same Idempotency-Key", wrap("post", zPost)), headers: z.object({ "Idempotent-Replayed": z.literal("true") }) }],
  },
  { method: "get", path: "/api/posts/:id", summary: "A post with its visible ancestors and its thread (permalink)", tag: "Posts", access: "optional", params: { id: "Post id" }, errors: ["not_found"], success: [ok("The post in context", z.object({ post: zPost, ancestors: z.array(zPost), thread: z.looseObject({ id: z.string() }) }))] },
  { method: "patch", path: "/api/posts/:id", summary: "Edit one's post (optimistic concurrency on version)", tag: "Posts", access: "user", params: { id: "Post id" }, body: zEditPostBody, rateLimited: true, errors: ["forbidden", "not_found", "stale_version"], success: [ok("The post", wrap("post", zPost))] },
  { method: "delete", path: "/api/posts/:id", summary: "Withdraw one's post", tag: "Posts", access: "user", params: { id: "Post id" }, errors: ["forbidden", "not_found"], success: [noContent("Withdrawn")] },
  { method: "get", path: "/api/posts/:id/revisions", summary: "A post's earlier versions (moderators)", tag: "Posts", access: "user", params: { id: "Post id" }, errors: ["forbidden", "not_found"], success: [ok("Revisions, newest first", z.object({ revisions: z.array(z.looseObject({})) }))] },
  { method: "post", path: "/api/posts/:id/endorsements", summary: "Endorse a post", tag: "Posts", access: "user", params: { id: "Post id" }, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The tally", zEndorsements)] },
  { method: "delete", path: "/api/posts/:id/endorsements", summary: "Withdraw one's endorsement of a post", tag: "Posts", access: "user", params: { id: "Post id" }, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The tally", zEndorsements)] },
  // Positions
  {
    method: "get", path: "/api/consultations/:id/positions", summary: "List positions, with counts by category and stance", tag: "Positions", access: "optional", params: CONSULTATION, query: zListPositionsQuery, errors: ["not_found"],
    success: [ok("A page of positions", page("PositionPage", zPosition, { counts: z.record(z.string(), z.record(z.string(), z.number().int())) }))],
  },
  { method: "put", path: "/api/consultations/:id/questions/:questionId/position", summary: "Submit or revise an organisation's position on a question", tag: "Positions", access: "user", params: { ...CONSULTATION, questionId: "Question id" }, body: zPutPositionBody, rateLimited: true, errors: ["forbidden", "not_found", "stale_version"], success: [ok("Revised", wrap("position", zPosition)), ok("Submitted", wrap("position", zPosition), 201)] },
  { method: "get", path: "/api/positions/:id", summary: "Get a position", tag: "Positions", access: "optional", params: { id: "Position id" }, errors: ["not_found"], success: [ok("The position", wrap("position", zPosition))] },
  { method: "post", path: "/api/positions/:id/endorsements", summary: "Endorse a position", tag: "Positions", access: "user", params: { id: "Position id" }, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The tally", zEndorsements)] },
  { method: "delete", path: "/api/positions/:id/endorsements", summary: "Withdraw one's endorsement of a position", tag: "Positions", access: "user", params: { id: "Position id" }, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The tally", zEndorsements)] },
  // Content
  { method: "post", path: "/api/preview", summary: "Render Markdown exactly as it would be stored (sanitised HTML)", tag: "Content", access: "user", body: zPreviewBody, rateLimited: true, success: [ok("The sanitised HTML", z.object({ html: z.string() }))] },
  // Moderation
  { method: "get", path: "/api/consultations/:id/moderation/queue", summary: "Contributions awaiting review and flagged ones (moderators)", tag: "Moderation", access: "user", params: CONSULTATION, query: zPageQuery, errors: ["forbidden", "not_found"], success: [ok("A page of queue items", page("ModerationQueuePage", z.looseObject({})))] },
  { method: "post", path: "/api/posts/:id/moderation", summary: "Decide on a post: approve, reject, hide, restore, edit or move", tag: "Moderation", access: "user", params: { id: "Post id" }, body: zContentDecisionBody, errors: ["forbidden", "not_found", "conflict"], success: [ok("The decision", z.looseObject({}))] },
  { method: "post", path: "/api/positions/:id/moderation", summary: "Decide on a position (a removal waits for a second moderator's confirmation)", tag: "Moderation", access: "user", params: { id: "Position id" }, body: zContentDecisionBody, errors: ["forbidden", "not_found", "conflict"], success: [ok("The decision", z.looseObject({}))] },
  { method: "post", path: "/api/moderation/decisions/:id/confirm", summary: "Confirm another moderator's position removal", tag: "Moderation", access: "user", params: { id: "Decision id" }, errors: ["forbidden", "not_found", "conflict"], success: [ok("The confirmed decision", z.looseObject({}))] },
  { method: "post", path: "/api/threads/:id/moderation", summary: "Lock, unlock, pin, unpin a thread or set slow mode", tag: "Moderation", access: "user", params: { id: "Thread id" }, body: zThreadDecisionBody, errors: ["forbidden", "not_found"], success: [ok("The thread", wrap("thread", zThread))] },
  { method: "post", path: "/api/consultations/:id/moderation/mutes", summary: "Mute a participant in a consultation for a while", tag: "Moderation", access: "user", params: CONSULTATION, body: zMuteBody, errors: ["forbidden", "not_found"], success: [ok("The mute", wrap("mute", z.looseObject({})), 201)] },
  { method: "post", path: "/api/posts/:id/flags", summary: "Flag a post for moderators", tag: "Moderation", access: "user", params: { id: "Post id" }, body: zFlagBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("Flagged", z.looseObject({}), 201)] },
  { method: "post", path: "/api/positions/:id/flags", summary: "Flag a position for moderators", tag: "Moderation", access: "user", params: { id: "Position id" }, body: zFlagBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("Flagged", z.looseObject({}), 201)] },
  { method: "post", path: "/api/moderation/decisions/:id/appeal", summary: "Appeal a decision about one's contribution or account", tag: "Moderation", access: "user", params: { id: "Decision id" }, body: zAppealBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("Lodged", wrap("appeal", zAppeal), 201)] },
  { method: "get", path: "/api/consultations/:id/moderation/appeals", summary: "Appeals in a consultation (moderators)", tag: "Moderation", access: "user", params: CONSULTATION, errors: ["forbidden", "not_found"], success: [ok("Appeals", z.object({ items: z.array(zAppeal) }))] },
  { method: "post", path: "/api/moderation/appeals/:id/decision", summary: "Decide an appeal (by someone other than the original moderator)", tag: "Moderation", access: "user", params: { id: "Appeal id" }, body: zAppealDecisionBody, errors: ["forbidden", "not_found", "conflict"], success: [ok("The appeal", wrap("appeal", zAppeal))] },
  { method: "get", path: "/api/me/decisions", summary: "Moderation decisions about the logged-in account and its contributions", tag: "Moderation", access: "user", success: [ok("Decisions, with their statements of reasons", z.object({ items: z.array(zDecision) }))] },
  {
    method: "get", path: "/api/consultations/:id/moderation/log", summary: "The consultation's moderation log (staff), as JSON or CSV", tag: "Moderation", access: "user", params: CONSULTATION,
    query: zAuditLogQuery, errors: ["forbidden", "not_found"],
    success: [{ ...ok("A page of log entries (or the whole filtered log as CSV)", page("AuditLogPage", zAuditEntry)), csv: true }],
  },
  { method: "get", path: "/api/posts/:id/moderation/history", summary: "Every decision on a post, with its appeal (the consultation's staff)", tag: "Moderation", access: "user", params: { id: "Post id" }, errors: ["not_found"], success: [ok("Decisions, oldest first", z.object({ items: z.array(zDecisionHistoryEntry) }))] },
  { method: "get", path: "/api/positions/:id/moderation/history", summary: "Every decision on a position, with its appeal (the consultation's staff)", tag: "Moderation", access: "user", params: { id: "Position id" }, errors: ["not_found"], success: [ok("Decisions, oldest first", z.object({ items: z.array(zDecisionHistoryEntry) }))] },
  { method: "get", path: "/api/amendments/:id/moderation/history", summary: "Every decision on an amendment to a draft text, with its appeal (the consultation's staff)", tag: "Moderation", access: "user", params: { id: "Amendment id" }, errors: ["not_found"], success: [ok("Decisions, oldest first", z.object({ items: z.array(zDecisionHistoryEntry) }))] },
  { method: "get", path: "/api/moderation/overview", summary: "Items waiting for review in the consultations the caller moderates", tag: "Moderation", access: "user", success: [ok("Waiting counts", zModerationOverview)] },
  { method: "get", path: "/api/consultations/:id/transparency", summary: "Aggregate moderation figures for a consultation", tag: "Moderation", access: "optional", params: CONSULTATION, errors: ["not_found"], success: [ok("The report", z.looseObject({}))] },
  {
    method: "get", path: "/api/moderation/quarantine/:kind/:id", summary: "Open a hidden or rejected contribution (staff; not cached)", tag: "Moderation", access: "user",
    params: { kind: z.enum(QUARANTINE_KINDS).meta({ description: "What kind of contribution" }), id: "Post or position id" }, errors: ["forbidden", "not_found"],
    success: [ok("The contribution", wrap("item", z.looseObject({})))],
  },
  // Notifications
  { method: "get", path: "/api/notifications", summary: "The logged-in account's notifications, newest first", tag: "Notifications", access: "user", query: zPageQuery, success: [ok("A page of notifications", page("NotificationPage", zNotification))] },
  { method: "post", path: "/api/notifications/read", summary: "Mark notifications read (all of them without ids)", tag: "Notifications", access: "user", body: zMarkNotificationsReadBody, success: [noContent("Marked read")] },
  // Exports and summary reports
  { method: "get", path: "/api/consultations/:id/outcomes", summary: "The organisers' outcome and reasons for each question (the response matrix)", tag: "Exports", access: "optional", params: CONSULTATION, errors: ["not_found"], success: [ok("One entry per question; outcome null until recorded", z.object({ items: z.array(zOutcome) }))] },
  { method: "put", path: "/api/consultations/:id/questions/:questionId/outcome", summary: "Record the outcome of a question, with reasons (organisers and admins)", tag: "Exports", access: "user", params: { ...CONSULTATION, questionId: "Question id" }, body: zPutOutcomeBody, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The outcome", wrap("outcome", zOutcome))] },
  { method: "get", path: "/api/consultations/:id/summary", summary: "Preview the summary report's data, built from what the public may see (organisers and admins)", tag: "Exports", access: "user", params: CONSULTATION, errors: ["forbidden", "not_found"], success: [ok("The report data and its content hash", z.object({ summary: z.looseObject({ format: z.string() }), contentHash: z.string() }))] },
  { method: "post", path: "/api/consultations/:id/summary/versions", summary: "Publish the summary report as a new immutable version (organisers and admins)", tag: "Exports", access: "user", params: CONSULTATION, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The new version", zSummaryVersion, 201)] },
  { method: "get", path: "/api/consultations/:id/summary/versions", summary: "Published versions of the summary report", tag: "Exports", access: "optional", params: CONSULTATION, errors: ["not_found"], success: [ok("Newest first", z.object({ items: z.array(zSummaryVersion) }))] },
  {
    method: "get", path: "/api/consultations/:id/summary/versions/:version.:format", summary: "Download a published version as HTML, Markdown, PDF or DOCX (access checked at each download)", tag: "Exports", access: "optional",
    params: { ...CONSULTATION, version: zReportVersion.meta({ description: "Version number" }), format: z.enum(REPORT_FORMATS).meta({ description: "File format" }) }, errors: ["not_found", "gone"],
    success: [ok("The file (text/html, text/markdown, application/pdf or DOCX); X-Content-SHA256 gives the version's content hash")],
  },
  { method: "get", path: "/api/exports/contributions.schema.json", summary: "The JSON Schema of the contributions export", tag: "Exports", access: "public", success: [ok("JSON Schema (draft 2020-12)", z.looseObject({ $schema: z.string() }))] },
  {
    method: "get", path: "/api/consultations/:id/exports/contributions.:format", summary: "Stream the consultation's posts, positions and endorsements as CSV, JSON or XLSX", tag: "Exports", access: "optional",
    params: { ...CONSULTATION, format: z.enum(CONTRIBUTION_FORMATS).meta({ description: "File format" }) }, query: zExportQuery, errors: ["forbidden", "not_found", "unauthenticated"],
    success: [ok("The export (JSON: see /api/exports/contributions.schema.json; XLSX: one sheet per kind)")],
  },
  { method: "post", path: "/api/consultations/:id/exports/package.zip", summary: "The consultation package in one request: runs as a job in a worker and streams the ZIP when done (organisers and admins; a caller who hangs up cancels it). A POST because it starts a job", tag: "Exports", access: "user", params: CONSULTATION, query: zExportQuery, rateLimited: true, errors: ["forbidden", "not_found", "unavailable"], success: [ok("The ZIP (contributions, JSON Schema, report in four formats, moderation log for staff scope, manifest.json, checksums.txt)")] },
  { method: "post", path: "/api/consultations/:id/exports/jobs", summary: "Start a long export: the report as PDF or DOCX, or the consultation package (organisers and admins)", tag: "Exports", access: "user", params: CONSULTATION, body: zCreateExportJobBody, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("Queued; poll the job or listen for export:progress", wrap("job", zExportJob), 202)] },
  { method: "get", path: "/api/exports/jobs/:id", summary: "An export job's status and progress (its requester only)", tag: "Exports", access: "user", params: { id: "Export job id" }, errors: ["not_found"], success: [ok("The job", wrap("job", zExportJob))] },
  { method: "delete", path: "/api/exports/jobs/:id", summary: "Cancel a queued or running export job", tag: "Exports", access: "user", params: { id: "Export job id" }, errors: ["not_found", "conflict"], success: [ok("The cancelled job", wrap("job", zExportJob))] },
  { method: "get", path: "/api/exports/jobs/:id/download", summary: "Download a finished export (its requester only, while they may still export the consultation)", tag: "Exports", access: "user", params: { id: "Export job id" }, errors: ["not_found", "conflict", "gone"], success: [ok("The file (application/zip, application/pdf or DOCX); X-Content-SHA256 gives its hash. 410 once it has expired")] },
  // Formal responses
  { method: "get", path: "/api/consultations/:id/questionnaire", summary: "The consultation's questionnaire, with whether it is fixed and the caller's abilities", tag: "Responses", access: "optional", params: CONSULTATION, errors: ["not_found"], success: [ok("The questionnaire", wrap("questionnaire", zQuestionnaire))] },
  { method: "put", path: "/api/consultations/:id/questionnaire", summary: "Create or replace the questionnaire (organisers; fixed once responses are submitted)", tag: "Responses", access: "user", params: CONSULTATION, body: zPutQuestionnaireBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("The questionnaire", wrap("questionnaire", zQuestionnaire))] },
  { method: "get", path: "/api/consultations/:id/responses/mine", summary: "The caller's responses to the consultation, in every capacity, drafts included", tag: "Responses", access: "user", params: CONSULTATION, errors: ["not_found"], success: [ok("The caller's responses", z.object({ items: z.array(zOwnResponse) }))] },
  { method: "put", path: "/api/consultations/:id/responses/mine", summary: "Save a draft, submit, or amend (until closing) the caller's response as an individual or for an organisation they represent", tag: "Responses", access: "user", params: CONSULTATION, body: zPutResponseBody, rateLimited: true, errors: ["forbidden", "not_found", "conflict"], success: [ok("Saved", wrap("response", zOwnResponse)), ok("Created", wrap("response", zOwnResponse), 201)] },
  { method: "get", path: "/api/responses/:id", summary: "One's own response (staff: any submitted response, unredacted, to review it)", tag: "Responses", access: "user", params: { id: "Response id" }, errors: ["not_found"], success: [ok("The response", wrap("response", zOwnResponse))] },
  { method: "get", path: "/api/responses/:id/versions", summary: "Every submitted version of one's own response, oldest first", tag: "Responses", access: "user", params: { id: "Response id" }, errors: ["not_found"], success: [ok("Versions", z.object({ items: z.array(z.looseObject({ version: z.number().int(), submittedAt: z.string() })) }))] },
  { method: "get", path: "/api/responses/:id/receipt.:format", summary: "The receipt of one's submitted response, with its submission number (HTML or PDF)", tag: "Responses", access: "user", params: { id: "Response id", format: z.enum(RECEIPT_FORMATS).meta({ description: "File format" }) }, errors: ["not_found", "conflict"], success: [ok("The receipt (text/html or application/pdf)")] },
  { method: "get", path: "/api/consultations/:id/responses", summary: "Published responses (as their respondents agreed, redactions masked), newest first, filtered by category, country or an answer, with counts by category", tag: "Responses", access: "optional", params: CONSULTATION, query: zListResponsesQuery, errors: ["not_found"], success: [ok("A page of published responses", page("PublishedResponsePage", resource("PublishedResponse", "A published response: submissionNumber, respondent (null when anonymous), organisation with registerNumber, category, country, answers with redactions masked."), { total: z.number().int(), counts: z.looseObject({}) }))] },
  { method: "get", path: "/api/consultations/:id/exports/responses.csv", summary: "Stream the published responses as CSV (what an anonymous reader may see; one column per question)", tag: "Responses", access: "optional", params: CONSULTATION, errors: ["not_found"], success: [ok("The CSV")] },
  { method: "post", path: "/api/responses/:id/redactions", summary: "Redact a span of a text answer before publication, with a reason the respondent sees (the consultation's staff)", tag: "Responses", access: "user", params: { id: "Response id" }, body: zRedactionBody, rateLimited: true, errors: ["not_found", "conflict"], success: [ok("The redaction", wrap("redaction", z.looseObject({ id: z.string() })), 201)] },
  { method: "delete", path: "/api/responses/:id/redactions/:redactionId", summary: "Lift a redaction of a text answer, with a reason kept in the moderation log: the span is published unmasked again (the consultation's staff)", tag: "Responses", access: "user", params: { id: "Response id", redactionId: "Redaction id" }, body: zLiftRedactionBody, rateLimited: true, errors: ["not_found"], success: [noContent("Lifted")] },
  { method: "get", path: "/api/consultations/:id/campaigns", summary: "Campaigns of near-identical responses, largest first: count, by category and country, and the shared text", tag: "Responses", access: "optional", params: CONSULTATION, errors: ["not_found"], success: [ok("The campaigns", z.object({ items: z.array(z.looseObject({ id: z.string(), count: z.number().int() })), waitingForGrouping: z.number().int() }))] },
  { method: "get", path: "/api/campaigns/:id", summary: "A campaign's page: shared text, counts, and what each published member added", tag: "Responses", access: "optional", params: { id: "Campaign id" }, errors: ["not_found"], success: [ok("The campaign", wrap("campaign", resource("Campaign", "A campaign: count, byCategory, byCountry, published, notPublished, sharedText (null if no member agreed to publish), members with their addedText.")))] },
  { method: "post", path: "/api/responses/:id/attachments", summary: "Attach a file (PDF, DOCX or ODT, recognised by its content; active content refused) to one's response while it may be edited, as multipart/form-data with one part named \"file\"; its text is extracted for search", tag: "Responses", access: "user", params: { id: "Response id" }, query: zUploadQuery, rateLimited: true, errors: ["not_found", "forbidden", "payload_too_large"], success: [ok("The attachment (list its id in the question's answer)", wrap("attachment", z.looseObject({ id: z.string(), mediaType: z.string() })), 201)] },
  { method: "get", path: "/api/responses/:id/attachments/:attachmentId", summary: "Download a file: the respondent, the consultation's staff, or anyone who reads the consultation when the response is published, the file listed in its answer and not withheld", tag: "Responses", access: "optional", params: { id: "Response id", attachmentId: "Attachment id" }, errors: ["not_found"], success: [ok("The file, as an attachment")] },
  { method: "delete", path: "/api/responses/:id/attachments/:attachmentId", summary: "Remove a file from one's response while it may be edited (not one a submitted version lists)", tag: "Responses", access: "user", params: { id: "Response id", attachmentId: "Attachment id" }, rateLimited: true, errors: ["not_found", "forbidden", "conflict"], success: [{ status: 204, description: "Removed" }] },
  { method: "post", path: "/api/responses/:id/attachments/:attachmentId/withhold", summary: "Withhold a file from publication, with a reason the respondent sees (the consultation's staff)", tag: "Responses", access: "user", params: { id: "Response id", attachmentId: "Attachment id" }, body: zWithholdBody, rateLimited: true, errors: ["not_found", "conflict"], success: [ok("The attachment", wrap("attachment", z.looseObject({ id: z.string(), withheld: z.boolean() })))] },
  { method: "delete", path: "/api/responses/:id/attachments/:attachmentId/withhold", summary: "Lift a withholding: the file is published again with its response (the consultation's staff)", tag: "Responses", access: "user", params: { id: "Response id", attachmentId: "Attachment id" }, rateLimited: true, errors: ["not_found"], success: [ok("The attachment", wrap("attachment", z.looseObject({ id: z.string(), withheld: z.boolean() })))] },
  { method: "post", path: "/api/responses/:id/attachments/:attachmentId/page-redactions", summary: "Redact a page of a PDF before publication: the public copy replaces it with a blank page naming the reason code, and search loses its text; the respondent reads the statement (the consultation's staff)", tag: "Responses", access: "user", params: { id: "Response id", attachmentId: "Attachment id" }, body: zPageRedactionBody, rateLimited: true, errors: ["not_found", "conflict"], success: [ok("The attachment", wrap("attachment", z.looseObject({ id: z.string(), redactedPages: z.array(z.looseObject({ page: z.number().int() })) })), 201)] },
  { method: "delete", path: "/api/responses/:id/attachments/:attachmentId/page-redactions/:page", summary: "Lift a page redaction of a PDF, with a reason kept in the moderation log: the public copy and search get the page back (the original itself once none is left) (the consultation's staff)", tag: "Responses", access: "user", params: { id: "Response id", attachmentId: "Attachment id", page: zPageParam.meta({ description: "Page number (1-based)" }) }, body: zLiftRedactionBody, rateLimited: true, errors: ["not_found"], success: [ok("The attachment", wrap("attachment", z.looseObject({ id: z.string(), redactedPages: z.array(z.looseObject({ page: z.number().int() })) })))] },
  { method: "get", path: "/api/consultations/:id/responses/review", summary: "Every submitted response, published or not, newest first, with its channel, suspected-automated mark and files, and the counts (the consultation's staff)", tag: "Responses", access: "user", params: CONSULTATION, query: zReviewResponsesQuery, errors: ["not_found"], success: [ok("A page of responses to review", z.object({ items: z.array(z.looseObject({ id: z.string(), suspectedAutomated: z.boolean() })), nextCursor: z.string().nullable(), counts: z.looseObject({ total: z.number().int() }) }))] },
  { method: "post", path: "/api/responses/:id/impersonation-reports", summary: "Report that a published response was submitted in your name without your consent; counted once you confirm the link mailed to you", tag: "Responses", access: "optional", params: { id: "Response id" }, body: zImpersonationReportBody, rateLimited: true, errors: ["not_found"], success: [ok("Received (the same answer whether or not a mail was sent)", z.object({ received: z.literal(true) }), 202)] },
  { method: "get", path: "/api/responses/:id/impersonation-reports", summary: "The verified impersonation reports on a response (the consultation's staff)", tag: "Responses", access: "user", params: { id: "Response id" }, errors: ["not_found"], success: [ok("Reports", z.object({ items: z.array(z.looseObject({ email: z.string() })) }))] },
  { method: "post", path: "/api/impersonation-reports/verify", summary: "Confirm an impersonation report with the token mailed to the reporter", tag: "Responses", access: "optional", body: zVerifyImpersonationBody, rateLimited: true, errors: ["not_found", "gone"], success: [ok("Verified", z.object({ verified: z.literal(true), responseId: z.string() }))] },
  { method: "put", path: "/api/responses/:id/suspected-automated", summary: "Mark (with a reason) or clear a response as suspected automated: counted apart, never removed (the consultation's staff)", tag: "Responses", access: "user", params: { id: "Response id" }, body: zSuspectedAutomatedBody, rateLimited: true, errors: ["not_found", "conflict"], success: [ok("The mark", wrap("response", z.looseObject({ suspectedAutomated: z.boolean() })))] },
  { method: "get", path: "/api/consultations/:id/codebook", summary: "The codebook: hierarchical codes with definitions (analysts and staff)", tag: "Analysis", access: "user", params: CONSULTATION, errors: ["not_found"], success: [ok("The codes as a tree", z.object({ codes: z.array(z.looseObject({ id: z.string(), path: z.string() })), abilities: z.looseObject({}) }))] },
  { method: "post", path: "/api/consultations/:id/codebook/codes", summary: "Add a code (the consultation's organisers)", tag: "Analysis", access: "user", params: CONSULTATION, body: zCodeBody, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The code", wrap("code", z.looseObject({ id: z.string() })), 201)] },
  { method: "patch", path: "/api/codes/:id", summary: "Change a code's label, definition, place or broader code (never making it its own ancestor)", tag: "Analysis", access: "user", params: { id: "Code id" }, body: zCodePatchBody, rateLimited: true, errors: ["not_found"], success: [ok("The code", wrap("code", z.looseObject({ id: z.string() })))] },
  { method: "delete", path: "/api/codes/:id", summary: "Delete a code that is not applied and has no narrower codes", tag: "Analysis", access: "user", params: { id: "Code id" }, rateLimited: true, errors: ["not_found", "conflict"], success: [noContent("Deleted")] },
  { method: "get", path: "/api/consultations/:id/coding", summary: "Open answers to one text question, each with the caller's own coding and how many analysts coded it (blind: no names, no one else's codes)", tag: "Analysis", access: "user", params: CONSULTATION, query: zCodingQueueQuery, errors: ["not_found"], success: [ok("A page of answers", z.object({ items: z.array(z.looseObject({ responseId: z.string() })), nextCursor: z.string().nullable() }))] },
  { method: "put", path: "/api/responses/:id/codings/:questionKey", summary: "Record the caller's coding of one open answer (every code that applies)", tag: "Analysis", access: "user", params: { id: "Response id", questionKey: "Text question key" }, body: zCodingBody, rateLimited: true, errors: ["not_found"], success: [ok("The coding", wrap("coding", z.looseObject({ codeIds: z.array(z.string()) })))] },
  { method: "get", path: "/api/consultations/:id/analysis", summary: "Closed answers and codes by stakeholder category, agreement per code (Cohen's kappa), and the method", tag: "Analysis", access: "user", params: CONSULTATION, errors: ["not_found"], success: [ok("The analysis", wrap("analysis", z.looseObject({ method: z.string() })))] },
  { method: "get", path: "/api/consultations/:id/analysis/:table.csv", summary: "The analysis as CSV: codes, closed answers, or every coding", tag: "Analysis", access: "user", params: { ...CONSULTATION, table: zAnalysisTable.meta({ description: "Which table" }) }, errors: ["not_found"], success: [ok("The CSV")] },
  { method: "post", path: "/api/consultations/:id/responses/import", summary: "Import responses received by email or on paper: a CSV or XLSX file in the documented layout, or a ZIP holding it (responses.csv or responses.xlsx) and the files its file-upload columns name, as multipart/form-data (part \"file\"); files checked as uploads are; all rows or none (organisers)", tag: "Responses", access: "user", params: CONSULTATION, rateLimited: true, errors: ["forbidden", "not_found", "payload_too_large"], success: [ok("Imported", z.object({ imported: z.number().int(), byChannel: z.record(z.string(), z.number().int()), files: z.number().int() }), 201)] },
  { method: "get", path: "/api/consultations/:id/partners", summary: "Partners sending responses through the API, with their key prefixes and counts (organisers)", tag: "Responses", access: "user", params: CONSULTATION, errors: ["forbidden", "not_found"], success: [ok("Partners, and the rate limit each key is held to", z.object({ items: z.array(z.looseObject({ id: z.string(), keyPrefix: z.string() })), rateLimit: z.object({ requests: z.number().int(), perSeconds: z.number().int() }) }))] },
  { method: "post", path: "/api/consultations/:id/partners", summary: "Create a partner and its API key (shown once; only a hash is kept) (organisers)", tag: "Responses", access: "user", params: CONSULTATION, body: zCreatePartnerBody, rateLimited: true, errors: ["forbidden", "not_found"], success: [ok("The partner and its key", z.object({ partner: z.looseObject({ id: z.string() }), apiKey: z.string() }), 201)] },
  { method: "delete", path: "/api/partners/:id", summary: "Revoke a partner's API key (organisers)", tag: "Responses", access: "user", params: { id: "Partner id" }, rateLimited: true, errors: ["not_found"], success: [noContent("Revoked")] },
  {
    method: "post", path: "/api/partner/v1/responses", tag: "Responses", access: "partner", body: zPartnerResponseBody, rateLimited: true, errors: ["unauthenticated", "forbidden", "not_found", "payload_too_large"],
    summary:
      "A partner's form sends one response (Authorization: Bearer <partner key>; no session, no CSRF token); validated like the web form, grouped into campaigns (beside the request, within moments), taken once per externalRef. " +
      "With files: multipart/form-data, the response as JSON in a part named \"response\" and each file in a part named by its file-upload question's key (a part per file; one key twice for two files). " +
      "Files are checked as web uploads are: PDF, DOCX or ODT told by content, active content refused, RESPONSE_ATTACHMENT_MAX_BYTES each (413), the question's own limit and RESPONSE_ATTACHMENTS_MAX per response; " +
      "the key and the rate limit are checked before the body is read. One bad file refuses the whole response (400, details under files.<question key>) and nothing is written; a retry with the same externalRef stores no file twice",
    multipart: {
      schema: z
        .object({ response: z.string().meta({ description: "The response: the same JSON object as the application/json body, without answers to file-upload questions" }) })
        .catchall(z.string().meta({ format: "binary", description: "A file answering the file-upload question the part is named after" }))
        .meta({ id: "PartnerResponseForm" }),
      encoding: { response: { contentType: "application/json" } },
    },
    success: [
      ok("Taken in, with its files (id, questionKey, fileName, mediaType told by content, size)", wrap("response", z.looseObject({ id: z.string(), submissionNumber: z.string(), attachments: z.array(z.looseObject({ id: z.string(), questionKey: z.string() })) })), 201),
      ok("Already taken in (same externalRef): the response and files stored the first time, nothing stored again", wrap("response", z.looseObject({ id: z.string(), attachments: z.array(z.looseObject({ id: z.string() })) }))),
    ],
  },
  // Search
  { method: "get", path: "/api/search", summary: "Full-text search over what the caller may see", tag: "Search", access: "optional", query: zSearchQuery, success: [ok("Ranked hits", z.object({ items: z.array(z.looseObject({ type: z.string(), id: z.string() })), total: z.number().int() }))] },
  // Draft texts (server/texts)
  ...TEXT_ROUTES,
  ...TWO_FACTOR_ROUTES,
  ...PRIVACY_ROUTES,
  ...MAIL_ROUTES,
];

// ---- Generation ----

const CHANGING = new Set<Method>(["post", "put", "patch", "delete"]);

/** "/api/consultations/:id" -> "/api/consultations/{id}" */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, "{$1}");
}

function pathParams(route: ApiRoute): z.ZodObject | undefined {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (names.length === 0) return undefined;
  const schemaOf = (name: string) => {
    const given = route.params?.[name];
    return typeof given === "object" ? given : zId.meta({ description: given ?? "Id" });
  };
  return z.object(Object.fromEntries(names.map((n) => [n, schemaOf(n)])));
}

/** The error codes a route may answer with: its own plus those its kind implies. */
function errorCodes(route: ApiRoute): ErrorCode[] {
  const changing = CHANGING.has(route.method);
  const codes = new Set<ErrorCode>(route.errors);
  if (route.body || route.query || route.path.includes(":") || changing) codes.add("invalid_input");
  if (route.access === "user" || route.access === "admin" || route.access === "partner") codes.add("unauthenticated");
  if (route.access === "admin") codes.add("not_found");
  if (changing && route.access !== "partner") codes.add("csrf_invalid");
  if (changing) codes.add("payload_too_large");
  if (route.rateLimited) codes.add("rate_limited");
  codes.add("internal");
  codes.add("unavailable");
  return [...codes];
}

const STATUS_OF = ERROR_STATUS;

function errorResponses(route: ApiRoute): Record<string, ResponseConfig> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(route)) byStatus.set(STATUS_OF[code], [...(byStatus.get(STATUS_OF[code]) ?? []), code]);
  const out: Record<string, ResponseConfig> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    let description = `Error: ${codes.join(" or ")}`;
    if (codes.includes("payload_too_large")) description += route.multipart ? ` (JSON over ${LIMITS.jsonBodyBytes / 1024} KiB, or a file over RESPONSE_ATTACHMENT_MAX_BYTES)` : ` (bodies over ${LIMITS.jsonBodyBytes / 1024} KiB)`;
    if (route.access === "admin" && codes.includes("not_found")) description += " (also for callers who are not admins: the route is hidden)";
    const headers = status === 429 || status === 503 ? z.object({ "Retry-After": z.string().meta({ description: "Seconds" }) }) : undefined;
    out[status] = { description, ...(headers ? { headers } : {}), content: { "application/json": { schema: zErrorBody } } };
  }
  // /api/health answers 503 with its own body, not the error body.
  if (route.path === "/api/health") out[503] = { description: "The database is unreachable", content: { "application/json": { schema: zHealth } } };
  if (route.path === "/api/health/ready") out[503] = { description: "Stopping (draining or closing), or the database is unreachable", content: { "application/json": { schema: zReady } } };
  return out;
}

function security(route: ApiRoute): RouteConfig["security"] {
  // The CSRF token lives in the session, so every state-changing request needs the cookie and the header,
  // login and registration included (GET /api/csrf starts the session). A partner's key is no session.
  if (route.access === "partner") return [{ partnerKey: [] }];
  if (CHANGING.has(route.method)) return [{ cookieSession: [], csrfToken: [] }];
  if (route.access === "public") return [];
  if (route.access === "optional") return [{}, { cookieSession: [] }];
  return [{ cookieSession: [] }];
}

function toRouteConfig(route: ApiRoute): RouteConfig {
  const changing = CHANGING.has(route.method);
  const csrfHeader = changing && route.access !== "partner" ? { "X-CSRF-Token": z.string().meta({ description: "The token from GET /api/csrf for this session" }) } : {};
  const headerShape = { ...csrfHeader, ...route.headers?.shape };
  const responses: Record<string, ResponseConfig> = {};
  for (const s of route.success) {
    responses[s.status] = {
      description: s.description,
      ...(s.headers ? { headers: s.headers } : {}),
      ...(s.schema ? { content: { "application/json": { schema: s.schema }, ...(s.csv ? { "text/csv": { schema: z.string() } } : {}) } } : {}),
    };
  }
  return {
    method: route.method,
    path: toOpenApiPath(route.path),
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method}${route.path.replace(/^\/api/, "").replace(/[/:.]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
    security: security(route),
    request: {
      ...(pathParams(route) ? { params: pathParams(route) } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(Object.keys(headerShape).length ? { headers: z.object(headerShape) } : {}),
      ...(route.body ? { body: { required: true, content: { "application/json": { schema: route.body }, ...(route.multipart ? { "multipart/form-data": route.multipart } : {}) } } } : {}),
    },
    responses: { ...responses, ...errorResponses(route) },
  };
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "cookieSession", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "The session cookie set at login (HttpOnly, SameSite=Lax).",
  });
  registry.registerComponent("securitySchemes", "csrfToken", {
    type: "apiKey",
    in: "header",
    name: "X-CSRF-Token",
    description: "Synchroniser token from GET /api/csrf, required on every POST, PUT, PATCH and DELETE.",
  });
  registry.registerComponent("securitySchemes", "partnerKey", {
    type: "http",
    scheme: "bearer",
    description: "A partner's API key (rtp_…), created by the consultation's organisers and shown once: `Authorization: Bearer <key>`. Only the partner API takes it.",
  });
  for (const route of API_ROUTES) registry.registerPath(toRouteConfig(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Roundtable API",
      version: "0.1.0",
      description:
        "Moderated stakeholder consultations. Errors always have the body `{ error: { code, message, details? } }`; " +
        "`details[].path` names the field: `title` (body), `query.limit`, `params.id`, `headers.idempotency-key`. " +
        "No text field accepts control characters other than tab, newline and carriage return, nor unpaired UTF-16 surrogates (400, never stripped).",
    },
    tags: [...new Set(API_ROUTES.map((r) => r.tag))].map((name) => ({ name })),
  });
}

let cached: string | undefined;

/** GET /api/openapi.json: the document, built once per process. */
export const serveOpenApi: RequestHandler = (_req, res) => {
  cached ??= JSON.stringify(buildOpenApiDocument());
  res.setHeader("Cache-Control", "public, max-age=300");
  res.type("application/json").send(cached);
};
