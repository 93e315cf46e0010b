// The authorization matrix's expectations, written down from the rules of the forum (README, the issue),
// not read from the server: who reads which consultation, who sees which object, what each route needs.
// Every route of the OpenAPI document has an entry in ROUTES; a route without one fails the matrix.
import type { ActorName, ConsultationName, ContentObject, State } from "./matrix-world.ts";

export type Rank = "none" | "observer" | "participant" | "moderator" | "organiser" | "admin";
const RANK_ORDER: Rank[] = ["none", "observer", "participant", "moderator", "organiser", "admin"];
export const atLeast = (r: Rank, min: Rank) => RANK_ORDER.indexOf(r) >= RANK_ORDER.indexOf(min);

/** Rule 1: roles. The actors named after a role hold it in all three consultations; in an open-access one any account acts as a participant. */
export function rankOf(actor: ActorName, c: ConsultationName): Rank {
  if (actor === "admin") return "admin";
  if (actor === "organiser" || actor === "moderator" || actor === "participant" || actor === "observer") return actor;
  if (actor === "anonymous") return "none";
  return c === "restricted" ? "none" : "participant";
}

/** Rule 2: a draft exists for its organisers and admins; a restricted consultation for its members; an open one for everybody. */
export function readsConsultation(actor: ActorName, c: ConsultationName): boolean {
  const rank = rankOf(actor, c);
  if (c === "draft") return atLeast(rank, "organiser");
  if (c === "restricted") return rank !== "none";
  return true;
}

/** Rule 3: a concealed object (pending, hidden, withdrawn, illegal-flagged) exists only for the consultation's staff. A thread is its opening post. */
export function seesObject(actor: ActorName, o: Pick<ContentObject, "consultation" | "state">): boolean {
  if (!readsConsultation(actor, o.consultation)) return false;
  return o.state === "published" || atLeast(rankOf(actor, o.consultation), "moderator");
}

/** Rule 4: what an object says reaches nobody once it is illegal-flagged (only the logged quarantine view opens it); otherwise whoever sees it. */
export function readsContent(actor: ActorName, o: Pick<ContentObject, "consultation" | "state">): boolean {
  return o.state !== "illegal" && seesObject(actor, o);
}

/** Rule 5: search, profiles, notifications' excerpts and the public export carry published content only, to everybody. */
export function inPublicChannels(actor: ActorName, o: Pick<ContentObject, "consultation" | "state">): boolean {
  return o.state === "published" && seesObject(actor, o);
}

// ---- Routes ----

/** What a route's path names. */
export type Target =
  | "none"
  | "consultation"
  | "thread"
  | "post"
  | "position"
  | "text"
  | "amendment"
  | "decision"
  | "appeal"
  /** The quarantine view: the illegal-flagged post. */
  | "quarantined"
  /** Another kind of row, given by fixedParams (or none exists: every actor gets that row's 404). */
  | "fixed";

/** What the actor needs beyond seeing the target. */
export type Need =
  | "any"
  | "signedIn"
  | "participant"
  | "moderator"
  | "organiser"
  | "admin"
  /** Only the object's author (never one of the actors): everyone who sees it is refused. */
  | "author";

export interface RouteRule {
  target: Target;
  need: Need;
  /** For seen targets: the route answers its own 404 for a sub-object that does not exist (a summary version, an anchor). */
  absent?: boolean;
  /** Query string to add. */
  query?: string;
  /** Path parameters other than the target's id. */
  fixedParams?: Record<string, string>;
  /** Writes only: a valid body (the matrix sends it only where it must be refused). */
  body?: unknown;
  /** Those who see the target but lack the need get the answer a missing row gets (the route does not admit the target exists for them). */
  conceal?: boolean;
  /** Routes whose exact answers the matrix does not pin down (their own files test them): whoever holds the need gets no 5xx, whoever lacks it is refused (4xx); unseen is still exactly missing. */
  loose?: boolean;
  /** Staff are refused (403) on an illegal-flagged target: it opens only through the logged quarantine view. */
  quarantineOnly?: boolean;
  /** A route whose authorization another file of test/security tests in depth; the matrix still sends it and checks the denials. */
  note?: string;
}

const reason = { reasonCode: "off_topic", statement: "Belongs elsewhere." };
const r = (target: Target, need: Need, extra: Omit<RouteRule, "target" | "need"> = {}): RouteRule => ({ target, need, ...extra });

/** Keyed "METHOD /openapi/{path}". Ids that are not the target's: "{question}" is the consultation's first question, filled in by the test. */
export const ROUTES: Record<string, RouteRule> = {
  "GET /api/health": r("none", "any"),
  "GET /api/health/ready": r("none", "any"),
  "GET /api/csrf": r("none", "any"),
  "GET /api/openapi.json": r("none", "any"),
  "POST /api/auth/register": r("none", "any", { note: "test/security/registration.test.ts (not sent: it would make accounts)" }),
  "POST /api/auth/login": r("none", "any", { note: "test/security/login-throttle.test.ts (not sent: it would change the actor)" }),
  "POST /api/auth/logout": r("none", "signedIn", { note: "not sent: it would end the actor's session" }),
  "GET /api/me/sessions": r("none", "signedIn"),
  "POST /api/me/sessions/end-others": r("none", "signedIn", { note: "test/security/my-sessions.test.ts" }),
  "DELETE /api/me/sessions/{id}": r("fixed", "signedIn", { fixedParams: { id: "nosuchsessionhandle000" }, note: "test/security/my-sessions.test.ts" }),
  "GET /api/me": r("none", "any"),
  "POST /api/auth/login/two-factor": r("none", "any", { note: "test/accounts/two-factor.test.ts (not sent: it would change the actor)" }),
  "GET /api/me/two-factor": r("none", "signedIn"),
  "POST /api/me/two-factor/enrolment": r("none", "signedIn", { note: "test/accounts/two-factor.test.ts" }),
  "POST /api/me/two-factor/confirmation": r("none", "signedIn", { body: { code: "123456" }, note: "test/accounts/two-factor.test.ts" }),
  "POST /api/me/two-factor/disable": r("none", "signedIn", { body: { password: "wrong password here", code: "123456" }, note: "test/accounts/two-factor.test.ts" }),
  "POST /api/me/two-factor/recovery-codes": r("none", "signedIn", { body: { password: "wrong password here", code: "123456" }, note: "test/accounts/two-factor.test.ts" }),
  "GET /api/me/export": r("none", "signedIn", { note: "test/security/privacy.test.ts (one's own data only)" }),
  "DELETE /api/me": r("none", "signedIn", { body: { password: "wrong password here" }, note: "test/security/privacy.test.ts" }),
  "GET /api/me/pseudonym-requests": r("none", "signedIn"),
  "POST /api/me/pseudonym-requests": r("none", "signedIn", { body: { pseudonym: "A pseudonym", legalName: "A real name" }, note: "test/security/pseudonyms.test.ts" }),
  "GET /api/pseudonym-requests": r("none", "signedIn", { note: "a list of what the caller may verify: test/security/pseudonyms.test.ts" }),
  "POST /api/pseudonym-requests/{id}/decision": r("fixed", "signedIn", { fixedParams: { id: "nosuchpseudonymrequest0" }, absent: true, body: { verify: false }, note: "test/security/pseudonyms.test.ts" }),
  "PATCH /api/me": r("none", "signedIn", { body: { displayName: "Renamed" } }),
  "POST /api/me/password": r("none", "signedIn", { body: { currentPassword: "wrong password here", newPassword: "another long passphrase" } }),
  "GET /api/users/{id}": r("fixed", "any", { fixedParams: { id: "{authorUser}" } }),
  "GET /api/organisations": r("none", "any"),
  "POST /api/organisations": r("none", "signedIn", { body: { name: "A new org", category: "civil_society", country: "be" } }),
  "GET /api/organisations/{id}": r("fixed", "any", { fixedParams: { id: "{organisation}" } }),
  "POST /api/organisations/{id}/members": r("fixed", "admin", { fixedParams: { id: "{organisation}" }, body: { email: "nobody@example.org", role: "member" }, note: "test/security/organisation-invitations.test.ts" }),
  "DELETE /api/organisations/{id}/members/me": r("fixed", "signedIn", { fixedParams: { id: "{organisation}" }, absent: true }),
  "GET /api/me/organisation-invitations": r("none", "signedIn"),
  "POST /api/organisation-invitations/{id}/accept": r("fixed", "signedIn", { fixedParams: { id: "nosuchinvitation0" } }),
  "POST /api/organisation-invitations/{id}/decline": r("fixed", "signedIn", { fixedParams: { id: "nosuchinvitation0" } }),
  "PUT /api/organisations/{id}/verification": r("fixed", "admin", { fixedParams: { id: "{organisation}" }, body: { verified: true } }),
  "GET /api/admin/organisations": r("none", "admin", { conceal: true }),
  "GET /api/admin/audit": r("none", "admin", { conceal: true }),
  "GET /api/admin/users": r("none", "admin", { conceal: true }),
  "POST /api/admin/users/{id}/sessions/end": r("fixed", "admin", { fixedParams: { id: "{authorUser}" }, conceal: true }),
  "PATCH /api/admin/users/{id}": r("fixed", "admin", { fixedParams: { id: "{authorUser}" }, body: { status: "suspended", reasonCode: "spam", statement: "Spam." }, conceal: true }),
  "GET /api/consultations": r("none", "any"),
  "POST /api/consultations": r("none", "admin", { note: "organisers and admins start consultations: not sent (it would add one to every list)" }),
  "GET /api/consultations/{id}": r("consultation", "any"),
  "PATCH /api/consultations/{id}": r("consultation", "organiser", { body: { summary: "Changed." } }),
  "GET /api/consultations/{id}/members": r("consultation", "moderator"),
  "POST /api/consultations/{id}/members": r("consultation", "organiser", { body: { email: "nobody@example.org", role: "observer" } }),
  "PATCH /api/consultations/{id}/members/{userId}": r("consultation", "organiser", { fixedParams: { userId: "{authorUser}" }, body: { role: "observer" } }),
  "DELETE /api/consultations/{id}/members/{userId}": r("consultation", "organiser", { fixedParams: { userId: "{authorUser}" } }),
  "GET /api/consultations/{id}/threads": r("consultation", "any"),
  "POST /api/consultations/{id}/threads": r("consultation", "participant", { body: { title: "New", body: "A new thread." } }),
  "GET /api/threads/{id}": r("thread", "any"),
  "GET /api/threads/{id}/posts": r("thread", "any"),
  "POST /api/threads/{id}/posts": r("thread", "participant", { body: { body: "A reply." } }),
  "GET /api/posts/{id}": r("post", "any"),
  "PATCH /api/posts/{id}": r("post", "author", { body: { body: "An edit.", version: 1 } }),
  "DELETE /api/posts/{id}": r("post", "author"),
  "GET /api/posts/{id}/revisions": r("post", "moderator", { quarantineOnly: true }),
  "POST /api/posts/{id}/endorsements": r("post", "participant"),
  "DELETE /api/posts/{id}/endorsements": r("post", "signedIn"),
  "GET /api/consultations/{id}/positions": r("consultation", "any"),
  "PUT /api/consultations/{id}/questions/{questionId}/position": r("consultation", "author", { fixedParams: { questionId: "{question}" }, body: { organisationId: "{organisation}", stance: "support", summary: "S.", argument: "A." } }),
  "GET /api/positions/{id}": r("position", "any"),
  "POST /api/positions/{id}/endorsements": r("position", "participant"),
  "DELETE /api/positions/{id}/endorsements": r("position", "signedIn"),
  "POST /api/preview": r("none", "signedIn", { body: { body: "**Preview**" } }),
  "GET /api/consultations/{id}/moderation/queue": r("consultation", "moderator"),
  "POST /api/posts/{id}/moderation": r("post", "moderator", { body: { action: "hide", ...reason }, conceal: true }),
  "POST /api/positions/{id}/moderation": r("position", "moderator", { body: { action: "hide", ...reason }, conceal: true }),
  "POST /api/moderation/decisions/{id}/confirm": r("decision", "moderator"),
  "POST /api/threads/{id}/moderation": r("thread", "moderator", { body: { action: "lock", ...reason } }),
  "POST /api/consultations/{id}/moderation/mutes": r("consultation", "moderator", { body: { userId: "{authorUser}", minutes: 5, reasonCode: "harassment", statement: "Cool off." } }),
  "POST /api/posts/{id}/flags": r("post", "signedIn", { body: { reason: "spam" } }),
  "POST /api/positions/{id}/flags": r("position", "signedIn", { body: { reason: "spam" } }),
  "POST /api/moderation/decisions/{id}/appeal": r("decision", "author", { body: { message: "Please reconsider." }, conceal: true }),
  "GET /api/consultations/{id}/moderation/appeals": r("consultation", "moderator"),
  "POST /api/moderation/appeals/{id}/decision": r("appeal", "moderator", { body: { outcome: "upheld", statement: "It stays hidden." } }),
  "GET /api/me/decisions": r("none", "signedIn"),
  "GET /api/consultations/{id}/moderation/log": r("consultation", "moderator"),
  "GET /api/posts/{id}/moderation/history": r("post", "moderator", { conceal: true }),
  "GET /api/positions/{id}/moderation/history": r("position", "moderator", { conceal: true }),
  "GET /api/amendments/{id}/moderation/history": r("amendment", "moderator", { conceal: true }),
  "GET /api/moderation/overview": r("none", "signedIn"),
  "GET /api/consultations/{id}/transparency": r("consultation", "any"),
  "GET /api/moderation/quarantine/{kind}/{id}": r("quarantined", "moderator", { fixedParams: { kind: "posts" } }),
  "GET /api/notifications": r("none", "signedIn"),
  "POST /api/notifications/read": r("none", "signedIn", { body: { ids: ["nosuchnotification0"] } }),
  "GET /api/consultations/{id}/outcomes": r("consultation", "any"),
  "PUT /api/consultations/{id}/questions/{questionId}/outcome": r("consultation", "organiser", { fixedParams: { questionId: "{question}" }, body: { outcome: "partly_accepted", reasons: "Some." } }),
  "GET /api/consultations/{id}/summary": r("consultation", "organiser"),
  "POST /api/consultations/{id}/summary/versions": r("consultation", "organiser", { body: {} }),
  "GET /api/consultations/{id}/summary/versions": r("consultation", "any"),
  "GET /api/consultations/{id}/summary/versions/{version}.{format}": r("consultation", "any", { absent: true, fixedParams: { version: "1", format: "html" } }),
  "GET /api/exports/contributions.schema.json": r("none", "any"),
  "GET /api/consultations/{id}/exports/contributions.{format}": r("consultation", "any", { fixedParams: { format: "json" }, query: "scope=public" }),
  "POST /api/consultations/{id}/exports/package.zip": r("consultation", "organiser", { query: "scope=public" }),
  "POST /api/consultations/{id}/exports/jobs": r("consultation", "organiser", { body: { kind: "pdf", scope: "public" } }),
  "GET /api/exports/jobs/{id}": r("fixed", "signedIn", { fixedParams: { id: "nosuchjob0" }, absent: true }),
  "DELETE /api/exports/jobs/{id}": r("fixed", "signedIn", { fixedParams: { id: "nosuchjob0" }, absent: true }),
  "GET /api/exports/jobs/{id}/download": r("fixed", "signedIn", { fixedParams: { id: "nosuchjob0" }, absent: true }),
  "GET /api/consultations/{id}/questionnaire": r("consultation", "any", { absent: true }),
  "PUT /api/consultations/{id}/questionnaire": r("consultation", "organiser", { body: { title: "Q", sections: [{ key: "s1", title: "S", questions: [{ key: "q1", label: "Why?", type: "long_text" }] }] } }),
  "GET /api/consultations/{id}/responses/mine": r("consultation", "signedIn"),
  "PUT /api/consultations/{id}/responses/mine": r("consultation", "participant", { absent: true, body: { answers: {}, consent: "publish_anonymous", submit: false } }),
  "GET /api/responses/{id}": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0" }, absent: true }),
  "GET /api/responses/{id}/versions": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0" }, absent: true }),
  "GET /api/responses/{id}/receipt.{format}": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0", format: "html" }, absent: true }),
  "GET /api/consultations/{id}/responses": r("consultation", "any"),
  "GET /api/consultations/{id}/exports/responses.csv": r("consultation", "any"),
  "POST /api/responses/{id}/redactions": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0" }, absent: true, body: { questionKey: "q", start: 0, end: 1, reason: "Personal data." } }),
  "DELETE /api/responses/{id}/redactions/{redactionId}": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0", redactionId: "nosuchredaction0" }, absent: true, body: { reason: "Not personal data after all." }, note: "test/responses/lift-redactions.test.ts" }),
  "GET /api/consultations/{id}/campaigns": r("consultation", "any"),
  "GET /api/campaigns/{id}": r("fixed", "any", { fixedParams: { id: "nosuchcampaign0" }, absent: true }),
  // Attachments, integrity reports, analysis (analysts rank between participant and moderator: "moderator" is
  // the lowest rank the matrix's actors hold that may analyse), intake: test/responses/* test them in depth.
  "POST /api/responses/{id}/attachments": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0" }, absent: true, query: "questionKey=paper", note: "test/responses/attachments.test.ts" }),
  "GET /api/responses/{id}/attachments/{attachmentId}": r("fixed", "any", { fixedParams: { id: "nosuchresponse0", attachmentId: "nosuchattachment0" }, absent: true }),
  "DELETE /api/responses/{id}/attachments/{attachmentId}": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0", attachmentId: "nosuchattachment0" }, absent: true }),
  "POST /api/responses/{id}/attachments/{attachmentId}/withhold": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0", attachmentId: "nosuchattachment0" }, absent: true, body: { reason: "Personal data." } }),
  "DELETE /api/responses/{id}/attachments/{attachmentId}/withhold": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0", attachmentId: "nosuchattachment0" }, absent: true }),
  "POST /api/responses/{id}/attachments/{attachmentId}/page-redactions": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0", attachmentId: "nosuchattachment0" }, absent: true, body: { page: 1, reasonCode: "personal_data", reason: "A signature." } }),
  "DELETE /api/responses/{id}/attachments/{attachmentId}/page-redactions/{page}": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0", attachmentId: "nosuchattachment0", page: "1" }, absent: true, body: { reason: "Not personal data after all." }, note: "test/responses/lift-redactions.test.ts" }),
  "GET /api/consultations/{id}/responses/review": r("consultation", "moderator", { conceal: true }),
  "POST /api/responses/{id}/impersonation-reports": r("fixed", "any", { fixedParams: { id: "nosuchresponse0" }, absent: true, body: { email: "matrix@example.org", statement: "Not me." } }),
  "GET /api/responses/{id}/impersonation-reports": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0" }, absent: true }),
  "POST /api/impersonation-reports/verify": r("none", "any", { body: { token: "matrixmatrixmatrixmatrixmatrix" }, note: "test/responses/integrity.test.ts" }),
  "PUT /api/responses/{id}/suspected-automated": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0" }, absent: true, body: { suspected: true, reason: "Bursts." } }),
  "GET /api/consultations/{id}/codebook": r("consultation", "moderator", { conceal: true }),
  "POST /api/consultations/{id}/codebook/codes": r("consultation", "organiser", { body: { label: "Safety", definition: "Protecting children." } }),
  "PATCH /api/codes/{id}": r("fixed", "signedIn", { fixedParams: { id: "nosuchcode0" }, absent: true, body: { definition: "Changed." } }),
  "DELETE /api/codes/{id}": r("fixed", "signedIn", { fixedParams: { id: "nosuchcode0" }, absent: true }),
  "GET /api/consultations/{id}/coding": r("consultation", "moderator", { conceal: true, absent: true, query: "questionKey=q1" }),
  "PUT /api/responses/{id}/codings/{questionKey}": r("fixed", "signedIn", { fixedParams: { id: "nosuchresponse0", questionKey: "q1" }, absent: true, body: { codeIds: [] } }),
  "GET /api/consultations/{id}/analysis": r("consultation", "moderator", { conceal: true }),
  "GET /api/consultations/{id}/analysis/{table}.csv": r("consultation", "moderator", { conceal: true, fixedParams: { table: "codes" } }),
  "POST /api/consultations/{id}/responses/import": r("consultation", "organiser", { note: "test/responses/intake.test.ts" }),
  "GET /api/consultations/{id}/partners": r("consultation", "organiser"),
  "POST /api/consultations/{id}/partners": r("consultation", "organiser", { body: { name: "Partner" } }),
  "DELETE /api/partners/{id}": r("fixed", "signedIn", { fixedParams: { id: "nosuchpartner0" }, absent: true }),
  "POST /api/partner/v1/responses": r("none", "any", { body: { category: "individual", consent: "publish_named", answers: {} }, note: "key-authenticated: test/responses/intake.test.ts" }),
  "GET /api/search": r("none", "any", { query: "q=matrix" }),
  "GET /api/consultations/{id}/texts": r("consultation", "any"),
  "POST /api/consultations/{id}/texts": r("consultation", "organiser", { body: { title: "T", format: "markdown", content: "### Article 1 — A\n\n1. B." } }),
  "POST /api/consultations/{id}/texts/preview": r("consultation", "organiser", { body: { format: "markdown", content: "### Article 1 — A\n\n1. B." } }),
  "GET /api/texts/{id}": r("text", "any"),
  "POST /api/texts/{id}/versions": r("text", "organiser", { body: { format: "markdown", content: "### Article 1 — A\n\n1. C.", basedOn: 1 } }),
  "GET /api/texts/{id}/diff": r("text", "any", { query: "fromVersion=1&toVersion=1" }),
  "GET /api/texts/{id}/reading": r("text", "any"),
  "GET /api/texts/{id}/text.akn.xml": r("text", "any"),
  "GET /api/texts/{id}/tracked.docx": r("text", "any"),
  "GET /api/texts/{id}/threads": r("text", "any"),
  "POST /api/texts/{id}/threads": r("text", "participant", { body: { eId: "art_1__para_1", title: "On scope", body: "Which?" } }),
  "GET /api/threads/{id}/anchor": r("thread", "any"),
  "GET /api/texts/{id}/amendments": r("text", "any"),
  "POST /api/texts/{id}/amendments": r("text", "participant", { body: { eId: "art_1__para_1", kind: "replace", proposedText: "X.", justification: "Y." } }),
  "GET /api/amendments/{id}": r("amendment", "any"),
  "DELETE /api/amendments/{id}": r("amendment", "author"),
  "POST /api/amendments/{id}/endorsements": r("amendment", "participant"),
  "POST /api/amendments/{id}/flags": r("amendment", "signedIn", { body: { reason: "spam" } }),
  "DELETE /api/amendments/{id}/endorsements": r("amendment", "signedIn"),
  "PUT /api/amendments/{id}/outcome": r("amendment", "organiser", { body: { outcome: "accepted", reasons: "Yes." } }),
  "GET /api/consultations/{id}/amendments/moderation": r("consultation", "moderator"),
  "POST /api/amendments/{id}/moderation": r("amendment", "moderator", { body: { action: "hide", ...reason }, conceal: true }),
  // Accounts: deletion, two-factor, mail, verification, password reset, privacy (sent only where refused).
  "POST /api/auth/verify-email": r("none", "any", { loose: true, body: { token: "x".repeat(43) } }),
  "POST /api/me/email-verification": r("none", "signedIn", { loose: true }),
  "POST /api/password-reset/request": r("none", "any", { loose: true, body: { email: "nobody@example.org" } }),
  "POST /api/password-reset/confirm": r("none", "any", { loose: true, body: { token: "x".repeat(43), newPassword: "a long enough passphrase" } }),
  "PUT /api/me/mail-settings": r("none", "signedIn", { loose: true, body: {} }),
  "GET /api/admin/outbox": r("none", "admin", { loose: true, conceal: true }),
  // Organisations: representation requests.
  "POST /api/organisations/{id}/representation-requests": r("fixed", "signedIn", { loose: true, fixedParams: { id: "{organisation}" }, body: {} }),
  "GET /api/me/representation-requests": r("none", "signedIn", { loose: true }),
  "GET /api/representation-requests": r("none", "signedIn", { loose: true }),
  "POST /api/representation-requests/{id}/decision": r("fixed", "signedIn", { loose: true, fixedParams: { id: "nosuchrequest0" }, absent: true, body: {} }),
  // Invitations to consultations.
  "POST /api/consultations/{id}/invitations": r("consultation", "organiser", { loose: true, body: { email: "nobody@example.org", role: "participant" } }),
  "GET /api/consultations/{id}/invitations": r("consultation", "organiser", { loose: true }),
  "GET /api/invitations/preview": r("none", "any", { loose: true, query: `token=${"x".repeat(43)}`, absent: true }),
  "POST /api/invitations/accept": r("none", "signedIn", { loose: true, body: { token: "x".repeat(43) } }),
  "POST /api/invitations/decline": r("none", "any", { loose: true, body: { token: "x".repeat(43) } }),
  // Formal responses: attachments, integrity, coding and analysis, imports and partners.
};

/** Does the actor hold what the route needs, given that they see its target in consultation c (null: no consultation)? */
export function holds(actor: ActorName, need: Need, c: ConsultationName | null): boolean {
  if (need === "any") return true;
  if (actor === "anonymous") return false;
  if (need === "signedIn") return true;
  if (need === "author") return false;
  if (need === "admin") return actor === "admin";
  if (c === null) return actor === "admin" || (need === "moderator" && ["moderator", "organiser", "otherModerator"].includes(actor));
  return atLeast(rankOf(actor, c), need);
}

export type { State };
