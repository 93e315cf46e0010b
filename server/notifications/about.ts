// What a notification is about, as a message key and its parameters (never an English sentence), so the
// bell and the mail say it in the reader's language. Services build it with these helpers; the English
// phrases of rows written before keys existed were turned into keys by the mail migration.

export type AboutKey = "reply" | "post" | "position" | "thread" | "account" | "amendment" | "participation" | "organisation" | "consultation" | "other";
export interface About {
  key: AboutKey;
  params: Record<string, string | number>;
}

export const about = {
  reply: (thread: string): About => ({ key: "reply", params: { thread } }),
  post: (thread: string): About => ({ key: "post", params: { thread } }),
  position: (ordinal: number): About => ({ key: "position", params: { ordinal } }),
  thread: (title: string): About => ({ key: "thread", params: { title } }),
  account: (): About => ({ key: "account", params: {} }),
  amendment: (eId: string): About => ({ key: "amendment", params: { eId } }),
  participation: (consultation: string, until: string): About => ({ key: "participation", params: { consultation, until } }),
  organisation: (name: string): About => ({ key: "organisation", params: { name } }),
  consultation: (title: string): About => ({ key: "consultation", params: { title } }),
};

function isAbout(value: unknown): value is About {
  return typeof value === "object" && value !== null && typeof (value as About).key === "string" && typeof (value as About).params === "object";
}

/** The About of a stored payload; a bare string (a caller not yet converted) is shown as it is. */
export function aboutOf(payload: Record<string, unknown>): About | null {
  const value = payload.about;
  if (isAbout(value)) return value;
  if (typeof value === "string") return { key: "other", params: { text: value } };
  return null;
}
