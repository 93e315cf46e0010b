// On the account page: download all my data (JSON), and delete my account. Deleting needs the password
// again (and a code when two-factor is on) and a ticked confirmation; what happens to contributions is
// said before (published ones stay as "Former participant", the rest is erased).
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { asApiError, request } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { useSession } from "../session/SessionContext.tsx";
import { PseudonymRequestForm, PseudonymRequestsPanel } from "./Pseudonyms.tsx";

async function downloadMyData(): Promise<void> {
  const data = await request<{ exportedAt: string }>("GET", "/me/export");
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `roundtable-my-data-${data.exportedAt.slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PrivacySection() {
  const { t } = useTranslation("privacy");
  const session = useSession();
  const navigate = useNavigate();
  const id = useId();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const twoFactorOn = session.twoFactor?.enabled === true;

  const download = async () => {
    setError(null);
    try {
      await downloadMyData();
    } catch (err) {
      setError(asApiError(err).message);
    }
  };

  const remove = async (e: FormEvent) => {
    e.preventDefault();
    if (!confirmed) return setError(t("delete.confirmFirst"));
    setError(null);
    setBusy(true);
    try {
      const factor = !twoFactorOn ? {} : /^\s*\d[\d\s]*$/.test(code) ? { code } : { recoveryCode: code };
      await request("DELETE", "/me", { body: { password, ...factor } });
      await session.refresh().catch(() => {});
      navigate("/", { replace: true });
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section" aria-labelledby={`${id}-title`} data-testid="privacy">
      <h2 id={`${id}-title`}>{t("title")}</h2>
      {error && <Alert>{error}</Alert>}
      <p>{t("export.text")}</p>
      <button type="button" className="button" onClick={() => void download()}>
        {t("export.button")}
      </button>
      <PseudonymRequestForm />
      <form className="form" onSubmit={(e) => void remove(e)} noValidate>
        <h3>{t("delete.title")}</h3>
        <p>{t("delete.rule")}</p>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-password`}>
            {t("delete.password")}
          </label>
          <input id={`${id}-password`} className="field__control" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {twoFactorOn && (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-code`}>
              {t("delete.code")}
            </label>
            <input id={`${id}-code`} className="field__control" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
        )}
        <label>
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t("delete.confirm")}
        </label>
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {t("delete.button")}
          </button>
        </div>
      </form>
      <PseudonymRequestsPanel />
    </section>
  );
}
