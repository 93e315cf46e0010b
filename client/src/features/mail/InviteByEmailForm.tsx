// The organiser console's "Invite by email": a mailed invitation with a role; the person becomes a member
// only when they accept (and can register from the link if they have no account).
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CONSULTATION_ROLES, type ConsultationRole } from "../../../../shared/categories.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { asApiError, isAbortError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { inviteToConsultation, listConsultationInvitations, type PendingInvitation } from "./api.ts";
import { formatWithZone } from "../organiser/dates.ts";

/** Invitations sent and not answered yet: who, with which role, until when the link works. */
function PendingInvitations({ consultationId, refresh }: { consultationId: string; refresh: number }) {
  const { t, i18n } = useTranslation("mail");
  const [items, setItems] = useState<PendingInvitation[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    listConsultationInvitations(consultationId, controller.signal).then(
      (page) => setItems(page.items),
      (err: unknown) => {
        if (!isAbortError(err)) setItems([]);
      },
    );
    return () => controller.abort();
  }, [consultationId, refresh]);
  if (items.length === 0) return null;
  return (
    <>
      <h4>{t("invite.pending")}</h4>
      <ul className="plain-list" data-testid="pending-invitations">
        {items.map((i) => (
          <li key={i.id}>
            {t("invite.pendingItem", { email: i.email, role: t(`roles.${i.role}`), until: formatWithZone(i.expiresAt, i18n.language) })}
          </li>
        ))}
      </ul>
    </>
  );
}

export function InviteByEmailForm({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation("mail");
  const [sentCount, setSentCount] = useState(0);
  const id = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<ConsultationRole>("participant");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus("");
    setError(null);
    if (!email.trim()) return setError(t("invite.emailRequired"));
    setBusy(true);
    try {
      await inviteToConsultation(consultationId, { email: email.trim(), role });
      setStatus(t("invite.sent", { email: email.trim() }));
      setEmail("");
      setSentCount((n) => n + 1);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="organiser__form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`} data-testid="invite-by-email">
      <h3 id={`${id}-title`}>{t("invite.title")}</h3>
      <p className="muted">{t("invite.lead")}</p>
      {error && <Alert>{error}</Alert>}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-email`}>
          {t("invite.email")}
        </label>
        <input id={`${id}-email`} type="email" className="field__control" value={email} maxLength={LIMITS.emailMax} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-role`}>
          {t("invite.role")}
        </label>
        <select id={`${id}-role`} className="field__control" value={role} onChange={(e) => setRole(e.target.value as ConsultationRole)}>
          {CONSULTATION_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t("invite.sending") : t("invite.submit")}
      </button>
      <p role="status" className="organiser__status">
        {status}
      </p>
      <PendingInvitations consultationId={consultationId} refresh={sentCount} />
    </form>
  );
}
