// Who is logged in, for every component: loaded once from GET /api/me, changed by login, register and logout.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import * as accounts from "../../api/accounts.ts";
import type { SessionUser } from "../../api/accounts.ts";
import { isAbortError } from "../../api/client.ts";
import type { TLoginBody, TRegisterBody } from "../../../../shared/schemas/accounts.ts";

export type SessionStatus = "loading" | "anonymous" | "authenticated";

export interface Session {
  status: SessionStatus;
  user: SessionUser | null;
  login(input: TLoginBody): Promise<SessionUser>;
  register(input: TRegisterBody): Promise<SessionUser>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    accounts
      .getMe(controller.signal)
      .then(setUser, (err: unknown) => {
        // The server could not say: treat the visitor as anonymous; pages show their own errors.
        if (!isAbortError(err)) setUser(null);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoaded(true);
      });
    return () => controller.abort();
  }, []);

  const login = useCallback(async (input: TLoginBody) => {
    const next = await accounts.login(input);
    setUser(next);
    setLoaded(true);
    return next;
  }, []);

  const register = useCallback(async (input: TRegisterBody) => {
    const next = await accounts.register(input);
    setUser(next);
    setLoaded(true);
    return next;
  }, []);

  const logout = useCallback(async () => {
    await accounts.logout();
    setUser(null);
  }, []);

  const value = useMemo<Session>(
    () => ({ status: !loaded ? "loading" : user ? "authenticated" : "anonymous", user, login, register, logout }),
    [loaded, user, login, register, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() needs a <SessionProvider> above it");
  return session;
}
