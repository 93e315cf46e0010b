// Accounts: who is logged in, registration, login and logout.
import type { StakeholderCategory, OrganisationRole, ConsultationRole } from "../../../shared/categories.ts";
import type { TLoginBody, TRegisterBody } from "../../../shared/schemas/accounts.ts";
import { ApiError, forgetCsrfToken, request } from "./client.ts";

/** The logged-in user as GET /api/me returns it. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  category: StakeholderCategory;
  isAdmin: boolean;
  status: "active" | "suspended";
  createdAt: string;
  organisations: { id: string; name: string; category: StakeholderCategory; verified: boolean; role: OrganisationRole }[];
  consultationRoles: { consultationId: string; role: ConsultationRole }[];
}

/** The current user, or null when nobody is logged in. */
export async function getMe(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    const body = await request<{ user: SessionUser }>("GET", "/me", { signal });
    return body.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

// Each of these starts a new session on the server, so the CSRF token fetched before is void afterwards.

export async function register(input: TRegisterBody): Promise<SessionUser> {
  const body = await request<{ user: SessionUser }>("POST", "/auth/register", { body: input });
  forgetCsrfToken();
  return body.user;
}

export async function login(input: TLoginBody): Promise<SessionUser> {
  const body = await request<{ user: SessionUser }>("POST", "/auth/login", { body: input });
  forgetCsrfToken();
  return body.user;
}

export async function logout(): Promise<void> {
  await request<void>("POST", "/auth/logout");
  forgetCsrfToken();
}
