// /account/security: the account's protections: two-factor (TwoFactorSection.tsx), and its active
// sessions (device, began, last used), each of which can be logged out, and "log out everywhere else".
import { useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";
import { useSession } from "../session/SessionContext.tsx";
import { endMyOtherSessions, endMySession, listMySessions, type MySession } from "./api.ts";
import { TwoFactorSection } from "./TwoFactorSection.tsx";

export function AccountSecurityPage() {
  const { t, i18n } = useTranslation("security");
  const session = useSession();
  const location = useLocation();
  const [sessions, setSessions] = useState<MySession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const authenticated = session.status === "authenticated";

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setSessions(await listMySessions(signal));
    } catch (err) {
      if (!signal?.aborted) setError(asApiError(err).message);
    }
  }, []);
  useEffect(() => {
    if (!authenticated) return;
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [authenticated, load]);

  const when = (iso: string | null) =>
    // Spelled out by component: Intl refuses timeZoneName together with dateStyle/timeStyle (the page crashed in Chromium).
    iso ? new Intl.DateTimeFormat(i18n.language, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(new Date(iso)) : t("sessions.unknown");

  if (session.status === "loading") {
    return (
      <Page title={t("title")}>
        <p role="status">{t("loading")}</p>
      </Page>
    );
  }
  if (session.status === "anonymous") {
    return (
      <Page title={t("title")}>
        <p>
          <Link to="/login" state={{ from: location.pathname }}>
            {t("logInFirst")}
          </Link>
        </p>
      </Page>
    );
  }

  const act = async (what: () => Promise<void>, done: string) => {
    setError(null);
    try {
      await what();
      setStatus(done);
      await load();
    } catch (err) {
      setError(asApiError(err).message);
    }
  };

  return (
    <Page title={t("title")}>
      <TwoFactorSection />
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("sessions.heading")}</h2>
        <p>{t("sessions.lead")}</p>
        {error && <Alert>{error}</Alert>}
        <p role="status">{status}</p>
        {sessions === null ? (
          <p role="status">{t("loading")}</p>
        ) : (
          <ul className="session-list">
            {sessions.map((s) => (
              <li key={s.id}>
                <strong>{s.userAgent ?? t("sessions.unknownDevice")}</strong>
                {s.current && <> ({t("sessions.current")})</>}
                <br />
                {t("sessions.began", { when: when(s.createdAt) })} · {t("sessions.lastSeen", { when: when(s.lastSeenAt) })}
                {!s.current && (
                  <>
                    {" "}
                    <button type="button" onClick={() => void act(() => endMySession(s.id), t("sessions.ended"))}>
                      {t("sessions.end")}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {sessions && sessions.length > 1 && (
          <button type="button" onClick={() => void act(endMyOtherSessions, t("sessions.endedOthers"))}>
            {t("sessions.endOthers")}
          </button>
        )}
      </section>
    </Page>
  );
}
