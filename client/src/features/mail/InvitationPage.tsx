// /invitations?token=…: a mailed invitation to an organisation or a consultation. It says what it is
// for; someone without an account registers with the invited address first; nothing happens until the
// invitee accepts (or declines) here, logged in with that address.
import { useEffect, useState } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { asApiError, isAbortError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";
import { useSession } from "../session/SessionContext.tsx";
import { answerInvitation, previewInvitation, type InvitationPreview } from "./api.ts";

export function InvitationPage() {
  const { t } = useTranslation("mail");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const location = useLocation();
  const session = useSession();
  const [invitation, setInvitation] = useState<InvitationPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<{ status: string; slug?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    previewInvitation(token, controller.signal).then(setInvitation, (err: unknown) => {
      if (!isAbortError(err)) setError(asApiError(err).message);
    });
    return () => controller.abort();
  }, [token]);
  const respond = async (accept: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await answerInvitation(token, accept));
      void session.refresh().catch(() => undefined);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  const here = { from: `${location.pathname}${location.search}` };
  const place = invitation?.kind === "organisation" ? (invitation.organisation?.name ?? "") : (invitation?.consultation?.title ?? "");
  return (
    <Page title={t("invitation.title")} narrow>
      {error && <Alert>{error}</Alert>}
      {!invitation && !error && <p role="status">{t("invitation.loading")}</p>}
      {invitation && !answer && (
        <>
          <p data-testid="invitation-text">
            {t(invitation.kind === "organisation" ? "invitation.organisation" : "invitation.consultation", { inviter: invitation.invitedBy ?? "", place, role: t(`roles.${invitation.role}`) })}
          </p>
          <p className="muted">{t("invitation.for", { email: invitation.email })}</p>
          {session.status === "authenticated" ? (
            <p className="button-row">
              <button type="button" className="button button--primary" disabled={busy} onClick={() => void respond(true)}>
                {t("invitation.accept")}
              </button>
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void respond(false)}>
                {t("invitation.decline")}
              </button>
            </p>
          ) : (
            <p className="button-row">
              <Link className="button button--primary" to={invitation.hasAccount ? "/login" : "/register"} state={here}>
                {invitation.hasAccount ? t("invitation.logIn") : t("invitation.register")}
              </Link>
            </p>
          )}
        </>
      )}
      {answer && (
        <p role="status" data-testid="invitation-answered">
          {answer.status === "accepted" ? t("invitation.accepted", { place }) : t("invitation.declined")}{" "}
          {answer.status === "accepted" && answer.slug && <Link to={`/consultations/${answer.slug}`}>{t("invitation.go")}</Link>}
        </p>
      )}
    </Page>
  );
}
