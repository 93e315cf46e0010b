// Requests to represent an organisation (server/organisations/representation.ts).
import type { Page } from "../../../../shared/schemas/common.ts";
import type { TRepresentationRequestView } from "../../../../shared/schemas/organisations.ts";
import { request } from "../../api/client.ts";

export type RepresentationRequest = TRepresentationRequestView;
export interface OrganisationHit {
  id: string;
  name: string;
  verified: boolean;
  country: string;
}

export function findOrganisations(q: string, signal?: AbortSignal): Promise<Page<OrganisationHit>> {
  return request<Page<OrganisationHit>>("GET", "/organisations", { query: { q, limit: 10 }, signal });
}

export async function askToRepresent(organisationId: string, message: string | undefined): Promise<RepresentationRequest> {
  const body = message ? { message } : {};
  return (await request<{ request: RepresentationRequest }>("POST", `/organisations/${encodeURIComponent(organisationId)}/representation-requests`, { body })).request;
}

export function listMyRequests(signal?: AbortSignal): Promise<{ items: RepresentationRequest[] }> {
  return request("GET", "/me/representation-requests", { signal });
}

export function listRequestsToDecide(signal?: AbortSignal): Promise<{ items: RepresentationRequest[] }> {
  return request("GET", "/representation-requests", { signal });
}

export async function decideRequest(id: string, body: { approve: boolean; reason?: string }): Promise<RepresentationRequest> {
  return (await request<{ request: RepresentationRequest }>("POST", `/representation-requests/${encodeURIComponent(id)}/decision`, { body })).request;
}
