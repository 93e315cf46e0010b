// The two-factor API in the OpenAPI document (spread into API_ROUTES), so the input and fuzz tests cover it.
import { z } from "zod";
import type { ApiRoute } from "../http/openapi.ts";
import { zConfirmTwoFactorBody, zLoginSecondStepBody, zTwoFactorProofBody } from "../../shared/schemas/two-factor.ts";

const zStatus = z.object({ enabled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number().int() }).meta({ id: "TwoFactorStatus" });
const zCodes = z.object({ recoveryCodes: z.array(z.string()), twoFactor: zStatus });
const ok = (description: string, schema?: z.ZodType, status: 200 | 201 = 200) => ({ status, description, schema });

export const TWO_FACTOR_ROUTES: ApiRoute[] = [
  { method: "post", path: "/api/auth/login/two-factor", summary: "The login's second step: a code from the authenticator app, or one recovery code", tag: "Accounts", access: "public", body: zLoginSecondStepBody, rateLimited: true, errors: ["invalid_credentials", "unauthenticated"], success: [ok("Logged in; the session id changes", z.looseObject({ user: z.looseObject({ id: z.string() }) }))] },
  { method: "get", path: "/api/me/two-factor", summary: "Whether two-factor is on, whether my roles require it, recovery codes left", tag: "Accounts", access: "user", success: [ok("Status", z.object({ twoFactor: zStatus }))] },
  { method: "post", path: "/api/me/two-factor/enrolment", summary: "Begin setting up two-factor: a new secret as otpauth URI and QR code (inactive until confirmed)", tag: "Accounts", access: "user", rateLimited: true, errors: ["conflict"], success: [ok("The secret to scan", z.object({ enrolment: z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() }) }), 201)] },
  { method: "post", path: "/api/me/two-factor/confirmation", summary: "Confirm the setup with a first code: two-factor is on, ten recovery codes are shown once, other sessions end", tag: "Accounts", access: "user", body: zConfirmTwoFactorBody, rateLimited: true, errors: ["invalid_input", "conflict"], success: [ok("Recovery codes", zCodes)] },
  { method: "post", path: "/api/me/two-factor/disable", summary: "Turn two-factor off (password and a code or recovery code); other sessions end", tag: "Accounts", access: "user", body: zTwoFactorProofBody, rateLimited: true, errors: ["invalid_input", "conflict"], success: [ok("Status", z.object({ twoFactor: zStatus }))] },
  { method: "post", path: "/api/me/two-factor/recovery-codes", summary: "Ten new recovery codes (password and a code); the old ones stop working", tag: "Accounts", access: "user", body: zTwoFactorProofBody, rateLimited: true, errors: ["invalid_input", "conflict"], success: [ok("Recovery codes", zCodes)] },
];
