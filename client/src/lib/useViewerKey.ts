import { useSession } from "../features/session/SessionContext.tsx";

/**
 * Who is looking, as a key for loading: what a page shows depends on it (abilities, visibility).
 * Null while the session is still unknown, so pages wait and load once.
 */
export function useViewerKey(): string | null {
  const session = useSession();
  return session.status === "loading" ? null : (session.user?.id ?? "anonymous");
}
