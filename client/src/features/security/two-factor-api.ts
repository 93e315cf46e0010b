// Two-factor on the security page, and the login's second step (server/accounts/two-factor-routes.ts).
import { forgetCsrfToken, request } from "../../api/client.ts";
import type { SessionUser } from "../../api/accounts.ts";
import type { TLoginSecondStepBody, TTwoFactorProofBody, TwoFactorEnrolment, TwoFactorStatus } from "../../../../shared/schemas/two-factor.ts";

/** Set by the server on a refusal to an account whose staff role waits for two-factor. */
export const TWO_FACTOR_REQUIRED = "two_factor_required";

export async function getTwoFactorStatus(signal?: AbortSignal): Promise<TwoFactorStatus> {
  return (await request<{ twoFactor: TwoFactorStatus }>("GET", "/me/two-factor", { signal })).twoFactor;
}

export async function beginEnrolment(): Promise<TwoFactorEnrolment> {
  return (await request<{ enrolment: TwoFactorEnrolment }>("POST", "/me/two-factor/enrolment")).enrolment;
}

export function confirmEnrolment(code: string): Promise<{ recoveryCodes: string[]; twoFactor: TwoFactorStatus }> {
  return request("POST", "/me/two-factor/confirmation", { body: { code } });
}

export async function disableTwoFactor(proof: TTwoFactorProofBody): Promise<TwoFactorStatus> {
  return (await request<{ twoFactor: TwoFactorStatus }>("POST", "/me/two-factor/disable", { body: proof })).twoFactor;
}

export function regenerateRecoveryCodes(proof: TTwoFactorProofBody): Promise<{ recoveryCodes: string[]; twoFactor: TwoFactorStatus }> {
  return request("POST", "/me/two-factor/recovery-codes", { body: proof });
}

/** The login's second step; a new session begins, so the CSRF token held before is void. */
export async function completeLogin(factor: TLoginSecondStepBody): Promise<SessionUser> {
  const body = await request<{ user: SessionUser }>("POST", "/auth/login/two-factor", { body: factor });
  forgetCsrfToken();
  return body.user;
}
