// Who is logged in, for every component: loaded once from GET /api/me, changed by login, register and logout.
// The interface language follows the account: its saved choice once someone logs in; without one, the
// language the visitor had (chosen, or the browser's) is saved to the account.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import * as accounts from "../../api/accounts.ts";
import type { SessionUser, TwoFactorFlags } from "../../api/accounts.ts";
import { completeLogin as completeTwoFactorLogin } from "../security/two-factor-api.ts";
import type { TLoginSecondStepBody } from "../../../../shared/schemas/two-factor.ts";
import { isAbortError } from "../../api/client.ts";
import i18n, { LANGUAGE_STORAGE_KEY, isLanguage, type Language } from "../../i18n/index.ts";
import type { TLoginBody, TRegisterBody } from "../../../../shared/schemas/accounts.ts";

export type SessionStatus = "loading" | "anonymous" | "authenticated";

export interface Session {
  status: SessionStatus;
  user: SessionUser | null;
  /** Two-factor on, and whether a staff role waits for it (null while anonymous or loading). */
  twoFactor: TwoFactorFlags | null;
  /** The user, or null when the account has two-factor and `completeLogin` must follow with the code. */
  login(input: TLoginBody): Promise<SessionUser | null>;
  completeLogin(factor: TLoginSecondStepBody): Promise<SessionUser>;
  /** Reads the account again (after two-factor changed, its email was verified, its settings saved…). */
  refresh(): Promise<void>;
  register(input: TRegisterBody): Promise<SessionUser>;
  logout(): Promise<void>;
  /** Switches the interface language, and remembers it for the account when someone is logged in. */
  setLanguage(language: Language): Promise<void>;
}

function currentLanguage(): Language {
  const l = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(l) ? l : "en";
}

/** Follows the account's language, or gives the account the one in use when it has none yet. */
function applyAccountLanguage(user: SessionUser | null): Promise<SessionUser | null> | null {
  if (!user) return null;
  if (isLanguage(user.language)) {
    if (user.language !== currentLanguage()) void i18n.changeLanguage(user.language);
    return null;
  }
  return accounts.updateMe({ language: currentLanguage() }).then(
    (next) => next,
    () => null, // remembering is a convenience: the page works on
  );
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [twoFactor, setTwoFactor] = useState<TwoFactorFlags | null>(null);
  const [loaded, setLoaded] = useState(false);

  const refresh = useCallback(async () => {
    const me = await accounts.getMeWithTwoFactor();
    setUser(me.user);
    setTwoFactor(me.twoFactor);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    accounts
      .getMeWithTwoFactor(controller.signal)
      .then(({ user: me, twoFactor: flags }) => {
        setUser(me);
        setTwoFactor(flags);
        void applyAccountLanguage(me)?.then((next) => next && setUser(next));
      }, (err: unknown) => {
        // The server could not say: treat the visitor as anonymous; pages show their own errors.
        if (!isAbortError(err)) setUser(null);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoaded(true);
      });
    return () => controller.abort();
  }, []);

  const login = useCallback(
    async (input: TLoginBody) => {
      const next = await accounts.login(input);
      if (!next) return null; // the code comes next
      setUser(next);
      setLoaded(true);
      void applyAccountLanguage(next)?.then((saved) => saved && setUser(saved));
      void refresh().catch(() => {});
      return next;
    },
    [refresh],
  );

  const completeLogin = useCallback(
    async (factor: TLoginSecondStepBody) => {
      const next = await completeTwoFactorLogin(factor);
      setUser(next);
      setLoaded(true);
      void applyAccountLanguage(next)?.then((saved) => saved && setUser(saved));
      void refresh().catch(() => {});
      return next;
    },
    [refresh],
  );

  const register = useCallback(async (input: TRegisterBody) => {
    const next = await accounts.register(input);
    setUser(next);
    setLoaded(true);
    void applyAccountLanguage(next)?.then((saved) => saved && setUser(saved));
    return next;
  }, []);

  const setLanguage = useCallback(
    async (language: Language) => {
      await i18n.changeLanguage(language);
      try {
        localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
      } catch {
        // Private browsing may refuse storage: the choice still holds for this page.
      }
      if (user) setUser(await accounts.updateMe({ language }));
    },
    [user],
  );

  const logout = useCallback(async () => {
    await accounts.logout();
    setUser(null);
    setTwoFactor(null);
  }, []);

  const value = useMemo<Session>(
    () => ({ status: !loaded ? "loading" : user ? "authenticated" : "anonymous", user, twoFactor, login, completeLogin, refresh, register, logout, setLanguage }),
    [loaded, user, twoFactor, login, completeLogin, refresh, register, logout, setLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() needs a <SessionProvider> above it");
  return session;
}
