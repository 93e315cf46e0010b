// The privacy API in the OpenAPI document (spread into API_ROUTES), so the input and fuzz tests cover it.
import { z } from "zod";
import type { ApiRoute } from "../http/openapi.ts";
import { zDeleteAccountBody, zPseudonymDecisionBody, zPseudonymRequestBody } from "../../shared/schemas/privacy.ts";

const zRequest = z.looseObject({ id: z.string(), pseudonym: z.string(), status: z.string() }).meta({ id: "PseudonymRequest" });

export const PRIVACY_ROUTES: ApiRoute[] = [
  { method: "get", path: "/api/me/export", summary: "Download all my data as JSON: profile, memberships, posts with revisions, positions, endorsements, flags I made, decisions about my content, appeals, notifications, responses, sessions", tag: "Accounts", access: "user", success: [{ status: 200, description: "My data (an attachment)", schema: z.looseObject({ exportedAt: z.string(), profile: z.looseObject({ id: z.string() }) }) }] },
  { method: "delete", path: "/api/me", summary: "Delete my account (password, and a code when two-factor is on): published contributions stay as \"Former participant\", unpublished ones are erased, illegal-content records are kept", tag: "Accounts", access: "user", body: zDeleteAccountBody, rateLimited: true, errors: ["invalid_input"], success: [{ status: 200, description: "Deleted; the session ends", schema: z.object({ deleted: z.literal(true), postsKept: z.number().int(), postsRemoved: z.number().int() }) }] },
  { method: "get", path: "/api/me/pseudonym-requests", summary: "My requests to take part under a pseudonym", tag: "Accounts", access: "user", success: [{ status: 200, description: "Newest first", schema: z.object({ items: z.array(zRequest) }) }] },
  { method: "post", path: "/api/me/pseudonym-requests", summary: "Ask to take part under a pseudonym; staff verify who you are (your real name is seen by staff only)", tag: "Accounts", access: "user", body: zPseudonymRequestBody, rateLimited: true, errors: ["conflict"], success: [{ status: 201, description: "Waiting for verification", schema: z.object({ request: zRequest }) }] },
  { method: "get", path: "/api/pseudonym-requests", summary: "Pending pseudonym requests I may verify, with real names (admins; moderators and organisers for their consultations' members)", tag: "Accounts", access: "user", success: [{ status: 200, description: "Pending requests", schema: z.object({ items: z.array(zRequest) }) }] },
  { method: "post", path: "/api/pseudonym-requests/:id/decision", summary: "Verify (the pseudonym becomes the display name) or refuse a pseudonym request; audited", tag: "Accounts", access: "user", params: { id: "Request id" }, body: zPseudonymDecisionBody, errors: ["not_found", "conflict"], success: [{ status: 200, description: "Decided", schema: z.object({ request: zRequest }) }] },
];
