// /forgot-password asks for a reset link (the same answer whether or not the address has an account);
// /reset-password?token=… sets the new password, which logs the account out everywhere.
import { useId, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";
import { confirmPasswordReset, requestPasswordReset } from "./api.ts";

export function ForgotPasswordPage() {
  const { t } = useTranslation("mail");
  const id = useId();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!email.trim()) return setError(t("forgot.emailRequired"));
    setBusy(true);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t("forgot.title")} narrow>
      {sent ? (
        <p role="status" data-testid="forgot-sent">{t("forgot.sent", { email: email.trim() })}</p>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t("forgot.lead")}</p>
          {error && <Alert>{error}</Alert>}
          <div className="field">
            <label className="field__label" htmlFor={`${id}-email`}>
              {t("forgot.email")}
            </label>
            <input id={`${id}-email`} type="email" autoComplete="username" inputMode="email" spellCheck={false} className="field__control" value={email} maxLength={LIMITS.emailMax} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t("forgot.sending") : t("forgot.submit")}
            </button>
          </div>
        </form>
      )}
      <p className="form__aside">
        <Link to="/login">{t("forgot.backToLogin")}</Link>
      </p>
    </Page>
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation("mail");
  const id = useId();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (password.length < LIMITS.passwordMin) return setError(t("reset.tooShort", { min: LIMITS.passwordMin }));
    setBusy(true);
    try {
      await confirmPasswordReset(token, password);
      setDone(true);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t("reset.title")} narrow>
      {done ? (
        <>
          <p role="status" data-testid="reset-done">{t("reset.done")}</p>
          <p>
            <Link to="/login">{t("reset.logIn")}</Link>
          </p>
        </>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          {error && <Alert>{error}</Alert>}
          <div className="field">
            <label className="field__label" htmlFor={`${id}-password`}>
              {t("reset.password")}
            </label>
            <p className="field__hint" id={`${id}-hint`}>
              {t("reset.hint", { min: LIMITS.passwordMin })}
            </p>
            <input id={`${id}-password`} type="password" autoComplete="new-password" className="field__control" value={password} maxLength={LIMITS.passwordMax} aria-describedby={`${id}-hint`} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t("reset.saving") : t("reset.submit")}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
