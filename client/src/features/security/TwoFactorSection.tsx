// Two-factor on the security page: set it up (scan the QR code or type the key, confirm with a first
// code, keep the ten recovery codes), and once on, turn it off or get new recovery codes (both need the
// password and a code, so a session left open is not enough).
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { useSession } from "../session/SessionContext.tsx";
import type { TwoFactorEnrolment, TwoFactorStatus } from "../../../../shared/schemas/two-factor.ts";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, getTwoFactorStatus, regenerateRecoveryCodes } from "./two-factor-api.ts";

/** Six digits are an app's code; anything else is taken as a recovery code. */
const asFactor = (typed: string) => (/^\s*\d[\d\s]*$/.test(typed) ? { code: typed } : { recoveryCode: typed });

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useTranslation("two-factor");
  return (
    <div className="notice notice--success" data-testid="recovery-codes">
      <h3>{t("recovery.heading")}</h3>
      <p>{t("recovery.lead")}</p>
      <ul className="plain-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={onDone}>
        {t("recovery.saved")}
      </button>
    </div>
  );
}

export function TwoFactorSection() {
  const { t } = useTranslation("two-factor");
  const session = useSession();
  const id = useId();
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setStatus(await getTwoFactorStatus(signal));
    } catch (err) {
      if (!signal?.aborted) setError(asApiError(err).message);
    }
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const run = async (what: () => Promise<void>) => {
    setError(null);
    setDone("");
    setBusy(true);
    try {
      await what();
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      setEnrolment(await beginEnrolment());
      setCode("");
    });

  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const result = await confirmEnrolment(code);
      setEnrolment(null);
      setCodes(result.recoveryCodes);
      setStatus(result.twoFactor);
      setCode("");
      setDone(t("enrol.done"));
      await session.refresh();
    });
  };

  const withProof = (action: "disable" | "regenerate") =>
    run(async () => {
      const proof = { password, ...asFactor(code) };
      if (action === "disable") {
        setStatus(await disableTwoFactor(proof));
        setCodes(null);
        setDone(t("manage.disabled"));
        await session.refresh();
      } else {
        const result = await regenerateRecoveryCodes(proof);
        setCodes(result.recoveryCodes);
        setStatus(result.twoFactor);
        setDone(t("manage.regenerated"));
      }
      setPassword("");
      setCode("");
    });

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="two-factor">
      <h2 id={`${id}-heading`}>{t("heading")}</h2>
      <p>{t("lead")}</p>
      {status?.required && !status.enabled && <p className="notice">{t("required.here")}</p>}
      {error && <Alert>{error}</Alert>}
      <p role="status">{done}</p>
      {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
      {status === null ? (
        <p role="status">{t("loading")}</p>
      ) : !status.enabled ? (
        enrolment ? (
          <form className="form" onSubmit={confirm} noValidate>
            <p>{t("enrol.scan")}</p>
            <img src={enrolment.qrDataUrl} width={220} height={220} alt={t("enrol.qrAlt")} />
            <p>
              {t("enrol.orType")} <code data-testid="two-factor-secret">{enrolment.secret}</code>
            </p>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-confirm-code`}>
                {t("enrol.code")}
              </label>
              <input id={`${id}-confirm-code`} className="field__control" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
            </div>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                {t("enrol.confirm")}
              </button>
              <button type="button" className="button" onClick={() => setEnrolment(null)}>
                {t("enrol.cancel")}
              </button>
            </div>
          </form>
        ) : (
          <>
            <p>{t("off")}</p>
            <button type="button" className="button button--primary" onClick={() => void start()} disabled={busy}>
              {t("enrol.start")}
            </button>
          </>
        )
      ) : (
        <form className="form" onSubmit={(e) => e.preventDefault()} noValidate>
          <p>{t("on", { count: status.recoveryCodesLeft })}</p>
          <p>{t("manage.lead")}</p>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-password`}>
              {t("manage.password")}
            </label>
            <input id={`${id}-password`} className="field__control" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-code`}>
              {t("manage.code")}
            </label>
            <input id={`${id}-code`} className="field__control" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <div className="form__actions">
            <button type="button" className="button" onClick={() => void withProof("regenerate")} disabled={busy}>
              {t("manage.regenerate")}
            </button>
            <button type="button" className="button" onClick={() => void withProof("disable")} disabled={busy}>
              {t("manage.disable")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
