import type { StakeholderCategory } from "../../../../shared/categories.ts";
import type { SessionUser } from "../../api/accounts.ts";
import { request } from "../../api/client.ts";

export async function updateProfile(body: { displayName?: string; category?: StakeholderCategory }): Promise<SessionUser> {
  return (await request<{ user: SessionUser }>("PATCH", "/me", { body })).user;
}

export function changePassword(body: { currentPassword: string; newPassword: string }): Promise<{ otherSessionsEnded: number }> {
  return request("POST", "/me/password", { body });
}
