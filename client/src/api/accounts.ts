// Accounts: who is logged in, registration, login and logout.
import type { TLoginBody, TRegisterBody, TUpdateMeBody } from "../../../shared/schemas/accounts.ts";
import { forgetCsrfToken, request } from "./client.ts";
import type { TMeView } from "../../../shared/schemas/reads.ts";

/** The logged-in user as GET /api/me gives it (shared/schemas/reads.ts). */
export type SessionUser = TMeView;

/** Whether the account has two-factor on, and whether a staff role it holds waits for it. */
export interface TwoFactorFlags {
  enabled: boolean;
  required: boolean;
}

/** The current user, or null when nobody is logged in (the server answers { user: null }, not an error). */
export async function getMe(signal?: AbortSignal): Promise<SessionUser | null> {
  return (await getMeWithTwoFactor(signal)).user;
}

export async function getMeWithTwoFactor(signal?: AbortSignal): Promise<{ user: SessionUser | null; twoFactor: TwoFactorFlags | null }> {
  const body = await request<{ user: SessionUser | null; twoFactor?: TwoFactorFlags }>("GET", "/me", { signal });
  return { user: body.user ?? null, twoFactor: body.twoFactor ?? null };
}

/** Saves the account's preferences (the interface language). */
export async function updateMe(input: TUpdateMeBody): Promise<SessionUser> {
  const body = await request<{ user: SessionUser }>("PATCH", "/me", { body: input });
  return body.user;
}

// Each of these starts a new session on the server, so the CSRF token fetched before is void afterwards.

export async function register(input: TRegisterBody): Promise<SessionUser> {
  const body = await request<{ user: SessionUser }>("POST", "/auth/register", { body: input });
  forgetCsrfToken();
  return body.user;
}

/** The user, or null when the account has two-factor: the code comes next (features/security). */
export async function login(input: TLoginBody): Promise<SessionUser | null> {
  const body = await request<{ user: SessionUser | null; twoFactorRequired?: boolean }>("POST", "/auth/login", { body: input });
  forgetCsrfToken();
  return body.twoFactorRequired ? null : body.user;
}

export async function logout(): Promise<void> {
  await request<void>("POST", "/auth/logout");
  forgetCsrfToken();
}
