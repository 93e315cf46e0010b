// The admin console's calls (server/admin/*, server/organisations/routes.ts). Admins only: every route
// here is a 404 to anyone else.
import type { StakeholderCategory } from "../../../../shared/categories.ts";
import type { ReasonCode } from "../../../../shared/schemas/moderation.ts";
import { request } from "../../api/client.ts";

export type Verification = "pending" | "verified" | "refused";

export interface AdminOrganisation {
  id: string;
  name: string;
  category: StakeholderCategory;
  country: string;
  website: string | null;
  transparencyRegisterId: string | null;
  verified: boolean;
  verification: Verification;
  verificationRefusal: string | null;
  members: number;
  representatives: number;
}

export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

export function listAdminOrganisations(query: { q?: string; state?: Verification; cursor?: string }, signal?: AbortSignal): Promise<Paged<AdminOrganisation>> {
  return request("GET", "/admin/organisations", { query: { ...query, limit: 20 }, signal });
}

export async function setVerification(id: string, body: { verified: true } | { verified: false; reason: string }) {
  const res = await request<{ organisation: AdminOrganisation }>("PUT", `/organisations/${encodeURIComponent(id)}/verification`, { body });
  return res.organisation;
}

export interface OrganisationMember {
  userId: string;
  displayName: string;
  role: "member" | "representative";
}
export async function getOrganisationMembers(id: string): Promise<OrganisationMember[]> {
  const res = await request<{ organisation: { members: OrganisationMember[] | null } }>("GET", `/organisations/${encodeURIComponent(id)}`);
  return res.organisation.members ?? [];
}

export interface AdminAccount {
  id: string;
  email: string;
  displayName: string;
  category: StakeholderCategory;
  isAdmin: boolean;
  status: "active" | "suspended";
  createdAt: string;
  consultationRoles: Record<"organiser" | "moderator" | "participant" | "observer", number>;
}

export function listAccounts(query: { q?: string; cursor?: string }, signal?: AbortSignal): Promise<Paged<AdminAccount>> {
  return request("GET", "/admin/users", { query: { ...query, limit: 20 }, signal });
}

export async function updateAccount(id: string, body: { status?: "active" | "suspended"; isAdmin?: true; reasonCode?: ReasonCode; statement?: string }) {
  const res = await request<{ user: AdminAccount }>("PATCH", `/admin/users/${encodeURIComponent(id)}`, { body });
  return res.user;
}

export function endSessions(id: string): Promise<{ userId: string; sessionsEnded: number }> {
  return request("POST", `/admin/users/${encodeURIComponent(id)}/sessions/end`);
}

export interface AdminAuditEntry {
  id: string;
  seq: number;
  action: string;
  actor: { id: string; displayName: string | null } | null;
  target: { type: string; id: string; name: string | null };
  reasonCode: ReasonCode | null;
  statement: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export function readAdminAudit(query: { action?: string; cursor?: string }, signal?: AbortSignal): Promise<Paged<AdminAuditEntry>> {
  return request("GET", "/admin/audit", { query: { ...query, limit: 30 }, signal });
}
