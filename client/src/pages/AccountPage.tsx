// /account: one's profile (display name, category), organisation memberships with the standing of
// each (a representative of an unverified organisation posts in their own name until it is verified),
// the password, and the way to the security page (sessions, two-factor). The language is chosen in the
// header; there is no second control here.
import { useId, useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { STAKEHOLDER_CATEGORIES, type StakeholderCategory } from "../../../shared/categories.ts";
import { LIMITS } from "../../../shared/limits.ts";
import type { SessionUser } from "../api/accounts.ts";
import { ApiError, asApiError } from "../api/client.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { changePassword, updateProfile } from "../features/account/api.ts";
import { useSession } from "../features/session/SessionContext.tsx";
import { RepresentationSection } from "../features/representation/RepresentationSection.tsx";
import { MailSettingsSection } from "../features/mail/MailSettingsSection.tsx";
import "../features/organiser/console.css";
import { PrivacySection } from "../features/security/PrivacySection.tsx";

function ProfileForm({ user }: { user: SessionUser }) {
  const { t } = useTranslation("account-settings");
  const id = useId();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [category, setCategory] = useState<StakeholderCategory>(user.category);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setStatus("");
    if (!displayName.trim()) return setError(t("profile.nameRequired"));
    setBusy(true);
    try {
      const next = await updateProfile({ displayName: displayName.trim(), category });
      setStatus(t("profile.saved", { name: next.displayName }));
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="section" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("profile.title")}</h2>
      <p className="muted">{t("profile.email", { email: user.email })}</p>
      {error && <Alert>{error}</Alert>}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          {t("profile.displayName")}
        </label>
        <p className="field__hint" id={`${id}-name-hint`}>
          {t("profile.displayNameHint")}
        </p>
        <input id={`${id}-name`} className="field__control" value={displayName} maxLength={LIMITS.displayNameMax} aria-describedby={`${id}-name-hint`} onChange={(e) => setDisplayName(e.target.value)} required />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-category`}>
          {t("profile.category")}
        </label>
        <p className="field__hint" id={`${id}-category-hint`}>
          {t("profile.categoryHint")}
        </p>
        <select id={`${id}-category`} className="field__control" value={category} aria-describedby={`${id}-category-hint`} onChange={(e) => setCategory(e.target.value as StakeholderCategory)}>
          {STAKEHOLDER_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t("saving") : t("profile.save")}
      </button>
      <p role="status" className="organiser__status" data-testid="profile-status">
        {status}
      </p>
    </form>
  );
}

function Memberships({ user }: { user: SessionUser }) {
  const { t } = useTranslation("account-settings");
  return (
    <section className="section" aria-labelledby="memberships-title">
      <h2 id="memberships-title">{t("orgs.title")}</h2>
      {user.organisations.length === 0 ? (
        <p className="muted">{t("orgs.none")}</p>
      ) : (
        <ul className="plain-list">
          {user.organisations.map((o) => (
            <li key={o.id} className="console-card" data-testid="membership">
              <h3>{o.name}</h3>
              <p className="console-card__meta">
                {t(`orgs.roles.${o.role}`)} · {o.verified ? t("orgs.verified") : t("orgs.unverified")}
              </p>
              {o.role === "representative" && !o.verified && (
                <p className="notice" data-testid="awaiting-verification">
                  {t("orgs.awaiting")}
                </p>
              )}
              {o.role === "representative" && o.verified && <p>{t("orgs.speaks", { name: o.name })}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PasswordForm() {
  const { t } = useTranslation("account-settings");
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ current?: string; next?: string; form?: string }>({});
  const [status, setStatus] = useState("");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus("");
    const found: typeof errors = {};
    if (!current) found.current = t("password.currentRequired");
    if (next.length < LIMITS.passwordMin) found.next = t("password.tooShort", { min: LIMITS.passwordMin });
    setErrors(found);
    if (found.current || found.next) return;
    setBusy(true);
    try {
      const res = await changePassword({ currentPassword: current, newPassword: next });
      setCurrent("");
      setNext("");
      setStatus(t("password.changed", { count: res.otherSessionsEnded }));
    } catch (err) {
      const apiError = asApiError(err);
      const wrongCurrent = apiError instanceof ApiError && apiError.details.some((d) => d.path === "currentPassword");
      setErrors(wrongCurrent ? { current: t("password.wrong") } : { form: apiError.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="section" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("password.title")}</h2>
      {errors.form && <Alert>{errors.form}</Alert>}
      <div className={errors.current ? "field field--error" : "field"}>
        <label className="field__label" htmlFor={`${id}-current`}>
          {t("password.current")}
        </label>
        {errors.current && (
          <p className="field__error" id={`${id}-current-error`}>
            {errors.current}
          </p>
        )}
        <input id={`${id}-current`} type="password" autoComplete="current-password" className="field__control" value={current} aria-invalid={errors.current ? true : undefined} aria-describedby={errors.current ? `${id}-current-error` : undefined} onChange={(e) => setCurrent(e.target.value)} />
      </div>
      <div className={errors.next ? "field field--error" : "field"}>
        <label className="field__label" htmlFor={`${id}-next`}>
          {t("password.new")}
        </label>
        <p className="field__hint" id={`${id}-next-hint`}>
          {t("password.hint", { min: LIMITS.passwordMin })}
        </p>
        {errors.next && (
          <p className="field__error" id={`${id}-next-error`}>
            {errors.next}
          </p>
        )}
        <input id={`${id}-next`} type="password" autoComplete="new-password" className="field__control" value={next} maxLength={LIMITS.passwordMax} aria-invalid={errors.next ? true : undefined} aria-describedby={[`${id}-next-hint`, errors.next ? `${id}-next-error` : ""].join(" ").trim()} onChange={(e) => setNext(e.target.value)} />
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t("saving") : t("password.save")}
      </button>
      <p role="status" className="organiser__status" data-testid="password-status">
        {status}
      </p>
    </form>
  );
}

export function AccountPage() {
  const { t } = useTranslation("account-settings");
  const session = useSession();
  const location = useLocation();
  if (session.status === "loading") {
    return (
      <Page title={t("title")}>
        <p role="status">{t("loading")}</p>
      </Page>
    );
  }
  if (!session.user) {
    return (
      <Page title={t("title")}>
        <p>
          <Link to="/login" state={{ from: location.pathname }}>
            {t("logIn")}
          </Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t("title")} narrow>
      <ProfileForm user={session.user} />
      <Memberships user={session.user} />
      <RepresentationSection userId={session.user.id} />
      <PasswordForm />
      <MailSettingsSection user={session.user} />
      <section className="section" aria-labelledby="security-title">
        <h2 id="security-title">{t("security.title")}</h2>
        <p>{t("security.text")}</p>
        <p>
          <Link to="/account/security">{t("security.link")}</Link>
        </p>
      </section>
      <PrivacySection />
    </Page>
  );
}
