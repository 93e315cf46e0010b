// The page the impersonation report's email links to. Confirming takes a click, not the page load: mail
// scanners open links on their own, and a report must be confirmed by the person who reads the mail.
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { verifyImpersonationReport } from "../../api/responses.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";

export function VerifyReportPage() {
  const { t } = useTranslation("responses");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [state, setState] = useState<{ phase: "idle" | "sending" | "done" } | { phase: "error"; message: string }>({ phase: "idle" });
  const confirm = async () => {
    setState({ phase: "sending" });
    try {
      await verifyImpersonationReport(token);
      setState({ phase: "done" });
    } catch (e) {
      setState({ phase: "error", message: e instanceof ApiError ? e.message : String(e) });
    }
  };
  return (
    <Page title={t("verify.title")} lead={t("verify.intro")}>
      {!token && <Alert>{t("verify.noToken")}</Alert>}
      {state.phase === "error" && <Alert>{state.message}</Alert>}
      {state.phase === "done" ? (
        <p role="status" className="alert alert--success">{t("verify.done")}</p>
      ) : (
        token && (
          <button type="button" className="button button--primary" disabled={state.phase === "sending"} onClick={() => void confirm()}>
            {t("verify.button")}
          </button>
        )
      )}
    </Page>
  );
}
