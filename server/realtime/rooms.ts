// Room names in one place. A reader of a thread sits in the thread's presence room and in exactly one of
// its two view rooms: "staff" (moderators, organisers, admins: authors always shown, held posts visible)
// or "public" (everyone else: Chatham House authors stripped). Each broadcast is encoded once per view.
export type View = "public" | "staff";

export const rooms = {
  threadPresence: (threadId: string) => `thread:${threadId}`,
  thread: (threadId: string, view: View) => `thread:${threadId}:${view}`,
  consultation: (consultationId: string, view: View) => `consultation:${consultationId}:${view}`,
  queue: (consultationId: string) => `queue:${consultationId}`,
  /** Every socket that joined anything in a consultation: for resets when access changes. */
  tracking: (consultationId: string) => `c:${consultationId}`,
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
};
