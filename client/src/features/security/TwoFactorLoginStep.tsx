// The login's second step: the password was right, the account has two-factor, and nobody is logged in
// until a code from the authenticator app (or one recovery code) follows.
import { useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { zLoginSecondStepBody } from "../../../../shared/schemas/two-factor.ts";
import { Alert } from "../../components/Alert.tsx";
import { TextField } from "../../components/fields.tsx";
import { useApiForm } from "../../lib/useApiForm.ts";
import { useSession } from "../session/SessionContext.tsx";
import { returnTo } from "../accounts/returnTo.ts";

export function TwoFactorLoginStep({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation("two-factor");
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [useRecovery, setUseRecovery] = useState(false);
  const form = useApiForm({
    schema: zLoginSecondStepBody,
    initial: { code: "", recoveryCode: "" },
    toInput: (v) => (useRecovery ? { recoveryCode: v.recoveryCode } : { code: v.code }),
    onValid: async (factor) => {
      await session.completeLogin(factor);
      navigate(returnTo(location), { replace: true });
    },
  });

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="two-factor-step-title" data-testid="two-factor-step">
      <h2 id="two-factor-step-title">{t("login.title")}</h2>
      <p>{useRecovery ? t("login.recoveryLead") : t("login.lead")}</p>
      {form.formError && <Alert>{form.formError}</Alert>}
      {useRecovery ? (
        <TextField label={t("login.recoveryCode")} binding={form.field("recoveryCode")} autoComplete="off" spellCheck={false} />
      ) : (
        <TextField label={t("login.code")} binding={form.field("code")} inputMode="numeric" autoComplete="one-time-code" />
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? t("login.submitting") : t("login.submit")}
        </button>
        <button type="button" className="button" onClick={() => setUseRecovery(!useRecovery)}>
          {useRecovery ? t("login.useApp") : t("login.useRecovery")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("login.cancel")}
        </button>
      </div>
    </form>
  );
}
