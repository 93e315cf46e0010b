// Above every page for an account whose address is not confirmed yet: why it cannot contribute, and a
// way to get a new link (rate-limited by the server; its refusal is shown as it comes).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { asApiError } from "../../api/client.ts";
import { useSession } from "../session/SessionContext.tsx";
import { resendVerification } from "./api.ts";

export function UnverifiedBanner() {
  const { t } = useTranslation("mail");
  const session = useSession();
  const [state, setState] = useState<{ phase: "idle" | "sending" | "sent" | "error"; message?: string }>({ phase: "idle" });
  if (!session.user || session.user.emailVerified) return null;
  const resend = async () => {
    setState({ phase: "sending" });
    try {
      await resendVerification();
      setState({ phase: "sent" });
    } catch (err) {
      setState({ phase: "error", message: asApiError(err).message });
    }
  };
  return (
    <div className="notice unverified-banner" data-testid="unverified-banner">
      <p>{t("banner.text", { email: session.user.email })}</p>
      <p className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void resend()} disabled={state.phase === "sending"}>
          {state.phase === "sending" ? t("banner.sending") : t("banner.resend")}
        </button>
        <span role="status">{state.phase === "sent" ? t("banner.sent") : state.phase === "error" ? state.message : ""}</span>
      </p>
    </div>
  );
}
