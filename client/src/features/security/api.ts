// My sessions: GET /api/me/sessions, end one, end all the others.
import { request } from "../../api/client.ts";

export interface MySession {
  id: string;
  current: boolean;
  userAgent: string | null;
  createdAt: string | null;
  lastSeenAt: string | null;
}

export async function listMySessions(signal?: AbortSignal): Promise<MySession[]> {
  return (await request<{ items: MySession[] }>("GET", "/me/sessions", { signal })).items;
}

export function endMySession(id: string): Promise<void> {
  return request<void>("DELETE", `/me/sessions/${encodeURIComponent(id)}`);
}

export function endMyOtherSessions(): Promise<void> {
  return request<void>("POST", "/me/sessions/end-others");
}
