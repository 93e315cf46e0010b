// /verify-email?token=…: the link mailed at registration. Opening it confirms the address (once); it
// works logged out too, on whichever device the mail was read.
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";
import { useSession } from "../session/SessionContext.tsx";
import { verifyEmail } from "./api.ts";

export function VerifyEmailPage() {
  const { t } = useTranslation("mail");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const session = useSession();
  const [state, setState] = useState<{ phase: "working" | "done" | "error"; message?: string }>({ phase: "working" });
  const sent = useRef(false);
  const refresh = session.refresh;
  useEffect(() => {
    // Once: the token is single-use, and React may run effects twice in development.
    if (sent.current) return;
    sent.current = true;
    verifyEmail(token).then(
      () => {
        setState({ phase: "done" });
        void refresh().catch(() => undefined);
      },
      (err: unknown) => setState({ phase: "error", message: asApiError(err).message }),
    );
  }, [token, refresh]);
  return (
    <Page title={t("verify.title")} narrow>
      {state.phase === "working" && <p role="status">{t("verify.working")}</p>}
      {state.phase === "done" && (
        <>
          <p role="status" data-testid="verify-done">{t("verify.done")}</p>
          <p>
            <Link to="/">{t("verify.continue")}</Link>
          </p>
        </>
      )}
      {state.phase === "error" && <Alert>{state.message}</Alert>}
    </Page>
  );
}
