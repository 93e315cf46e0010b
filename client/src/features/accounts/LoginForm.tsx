import { Link, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { zLoginBody } from "../../../../shared/schemas/accounts.ts";
import { Alert } from "../../components/Alert.tsx";
import { TextField } from "../../components/fields.tsx";
import { useApiForm } from "../../lib/useApiForm.ts";
import { useSession } from "../session/SessionContext.tsx";
import { returnTo } from "./returnTo.ts";
import { useState } from "react";
import { TwoFactorLoginStep } from "../security/TwoFactorLoginStep.tsx";
import { ForgotPasswordLink } from "../mail/ForgotPasswordLink.tsx";

export function LoginForm() {
  const { t } = useTranslation("accounts");
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // With two-factor on, the password step logs nobody in: the code comes next.
  const [secondStep, setSecondStep] = useState(false);
  const form = useApiForm({
    schema: zLoginBody,
    initial: { email: "", password: "" },
    onValid: async (data) => {
      if (!(await session.login(data))) return setSecondStep(true);
      navigate(returnTo(location), { replace: true });
    },
  });
  if (secondStep) return <TwoFactorLoginStep onCancel={() => setSecondStep(false)} />;

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate aria-describedby={form.formError ? "login-error" : undefined}>
      {form.formError && (
        <div id="login-error">
          <Alert>{form.formError}</Alert>
        </div>
      )}
      <TextField label={t("email")} binding={form.field("email")} type="email" autoComplete="username" inputMode="email" spellCheck={false} />
      <TextField label={t("password")} binding={form.field("password")} type="password" autoComplete="current-password" />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? t("login.submitting") : t("login.submit")}
        </button>
      </div>
      <p className="form__aside">
        <ForgotPasswordLink />
      </p>
      <p className="form__aside">
        {t("login.noAccount")}{" "}
        <Link to="/register" state={location.state}>
          {t("login.registerLink")}
        </Link>
      </p>
    </form>
  );
}
