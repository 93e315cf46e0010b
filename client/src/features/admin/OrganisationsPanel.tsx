// Organisations for admins: pending verification first, search by name or filter by state; verify, or
// refuse with a reason the representatives are told; see the members and the register number.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { getOrganisationMembers, listAdminOrganisations, setVerification, type AdminOrganisation, type OrganisationMember, type Verification } from "./api.ts";
import { usePagedList } from "./usePagedList.ts";
import { ListState } from "../../components/ListState.tsx";

const VERIFICATION_STATES = ["pending", "refused", "verified"] as const;

function OrganisationCard({ org, onChanged }: { org: AdminOrganisation; onChanged(next: AdminOrganisation, message: string): void }) {
  const { t } = useTranslation("admin");
  const id = useId();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [members, setMembers] = useState<OrganisationMember[] | null>(null);

  const act = async (body: { verified: true } | { verified: false; reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      const next = await setVerification(org.id, body);
      setRefusing(false);
      onChanged({ ...org, ...next }, body.verified ? t("orgs.verifiedMessage", { name: org.name }) : t("orgs.refusedMessage", { name: org.name }));
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="console-card" data-testid="admin-organisation" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{org.name}</h3>
      <p className="console-card__meta">
        <span className={`badge badge--verification-${org.verification}`}>{t(`orgs.state.${org.verification}`)}</span> · {t(`categories.${org.category}`)} · {org.country}
      </p>
      <dl className="meta">
        <div className="meta__item">
          <dt>{t("orgs.register")}</dt>
          <dd>{org.transparencyRegisterId ?? t("orgs.noRegister")}</dd>
        </div>
        <div className="meta__item">
          <dt>{t("orgs.members")}</dt>
          <dd>{t("orgs.memberCount", { count: org.members, representatives: org.representatives })}</dd>
        </div>
        {org.website && (
          <div className="meta__item">
            <dt>{t("orgs.website")}</dt>
            <dd>
              <a href={org.website} rel="noopener noreferrer">
                {org.website}
              </a>
            </dd>
          </div>
        )}
      </dl>
      {org.verification === "refused" && org.verificationRefusal && (
        <p className="muted">
          {t("orgs.refusalWas")} {org.verificationRefusal}
        </p>
      )}
      {error && <Alert>{error}</Alert>}
      <div className="button-row">
        {!org.verified && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void act({ verified: true })}>
            {t("orgs.verify")}
            <span className="visually-hidden"> {org.name}</span>
          </button>
        )}
        {!org.verified && !refusing && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => setRefusing(true)}>
            {t("orgs.refuse")}
            <span className="visually-hidden"> {org.name}</span>
          </button>
        )}
        {org.verified && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => setRefusing(true)}>
            {t("orgs.withdraw")}
            <span className="visually-hidden"> {org.name}</span>
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={members !== null}
          onClick={() => {
            if (members) setMembers(null);
            else getOrganisationMembers(org.id).then(setMembers, (err: unknown) => setError(asApiError(err).message));
          }}
        >
          {members ? t("orgs.hideMembers") : t("orgs.showMembers")}
          <span className="visually-hidden"> {org.name}</span>
        </button>
      </div>
      {refusing && (
        <form
          className="organiser__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return setError(t("orgs.reasonRequired"));
            void act({ verified: false, reason: reason.trim() });
          }}
        >
          <div className="field">
            <label className="field__label" htmlFor={`${id}-reason`}>
              {t("orgs.reason")}
            </label>
            <p className="field__hint" id={`${id}-reason-hint`}>
              {t("orgs.reasonHint")}
            </p>
            <textarea id={`${id}-reason`} className="field__control field__control--textarea" rows={3} value={reason} aria-describedby={`${id}-reason-hint`} onChange={(e) => setReason(e.target.value)} required />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {org.verified ? t("orgs.confirmWithdraw") : t("orgs.confirmRefuse")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRefusing(false)}>
              {t("cancel")}
            </button>
          </div>
        </form>
      )}
      {members && (
        <ul className="plain-list" aria-label={t("orgs.membersOf", { name: org.name })}>
          {members.length === 0 && <li className="muted">{t("orgs.noMembers")}</li>}
          {members.map((m) => (
            <li key={m.userId}>
              {m.displayName} — {t(`orgs.roles.${m.role}`)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function OrganisationsPanel() {
  const { t } = useTranslation("admin");
  const [q, setQ] = useState("");
  const [filter, setFilter] = useState<{ q?: string; state?: Verification }>({});
  const [status, setStatus] = useState("");
  const list = usePagedList("organisations", filter, (f, cursor, signal) => listAdminOrganisations({ ...f, cursor }, signal));
  return (
    <section aria-labelledby="admin-orgs-title">
      <h2 id="admin-orgs-title" className="visually-hidden">{t("orgs.title")}</h2>
      <form
        className="console-filters"
        role="search"
        aria-label={t("orgs.title")}
        onSubmit={(e) => {
          e.preventDefault();
          setFilter((f) => ({ ...f, q: q.trim() || undefined }));
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="admin-orgs-q">
            {t("orgs.search")}
          </label>
          <input id="admin-orgs-q" type="search" className="field__control" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="admin-orgs-state">
            {t("orgs.stateFilter")}
          </label>
          <select id="admin-orgs-state" className="field__control" value={filter.state ?? ""} onChange={(e) => setFilter((f) => ({ ...f, state: (e.target.value || undefined) as Verification | undefined }))}>
            <option value="">{t("orgs.allStates")}</option>
            {VERIFICATION_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`orgs.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("searchButton")}
        </button>
      </form>
      <p role="status" className="organiser__status" data-testid="admin-status">
        {status}
      </p>
      <ListState {...list} onRetry={list.reload} words={{ loading: t("loading"), empty: t("orgs.none"), more: t("more") }}>
        {(items) => (
          <ul className="plain-list">
            {items.map((org) => (
              <OrganisationCard
                key={org.id}
                org={org}
                onChanged={(next, message) => {
                  list.replace((o) => (o.id === next.id ? next : o));
                  setStatus(message);
                }}
              />
            ))}
          </ul>
        )}
      </ListState>
    </section>
  );
}
