// The account page's "Email notifications": replies to one's contributions and moderation decisions,
// each mailed at once, in a daily digest, or not at all (the bell shows them whatever is chosen).
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../api/accounts.ts";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { MAIL_DELIVERIES, type MailDelivery } from "../../../../shared/schemas/mail.ts";
import { useSession } from "../session/SessionContext.tsx";
import { updateMailSettings } from "./api.ts";

function DeliveryChoice({ group, kind, value, onChange }: { group: string; kind: "replies" | "decisions"; value: MailDelivery; onChange(v: MailDelivery): void }) {
  const { t } = useTranslation("mail");
  return (
    <fieldset className="field">
      <legend className="field__label">{t(`settings.${kind}`)}</legend>
      {MAIL_DELIVERIES.map((d) => (
        <label key={d} className="radio">
          <input type="radio" name={`${group}-${kind}`} value={d} checked={value === d} onChange={() => onChange(d)} /> {t(`settings.delivery.${d}`)}
        </label>
      ))}
    </fieldset>
  );
}

export function MailSettingsSection({ user }: { user: SessionUser }) {
  const { t } = useTranslation("mail");
  const id = useId();
  const session = useSession();
  const [replies, setReplies] = useState<MailDelivery>(user.mailSettings.replies);
  const [decisions, setDecisions] = useState<MailDelivery>(user.mailSettings.decisions);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setStatus("");
    setError(null);
    try {
      await updateMailSettings({ replies, decisions });
      setStatus(t("settings.saved"));
      void session.refresh().catch(() => undefined);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="section" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} data-testid="mail-settings">
      <h2 id={`${id}-title`}>{t("settings.title")}</h2>
      <p className="muted">{t("settings.lead", { email: user.email })}</p>
      {error && <Alert>{error}</Alert>}
      <DeliveryChoice group={id} kind="replies" value={replies} onChange={setReplies} />
      <DeliveryChoice group={id} kind="decisions" value={decisions} onChange={setDecisions} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t("settings.saving") : t("settings.save")}
      </button>
      <p role="status" className="organiser__status">
        {status}
      </p>
    </form>
  );
}
