// Accounts for admins: search by name or email; each with its category, status and consultation roles;
// suspend with a reason code and a statement the person is sent, lift a suspension (with a note), end
// every session, make an admin. The server refuses acting on oneself or another admin.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { REASON_CODES, type ReasonCode } from "../../../../shared/schemas/moderation.ts";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { endSessions, listAccounts, updateAccount, type AdminAccount } from "./api.ts";
import { usePagedList } from "./usePagedList.ts";
import { ListState } from "../../components/ListState.tsx";

function SuspensionForm({ account, lifting, onDone, onCancel }: { account: AdminAccount; lifting: boolean; onDone(next: AdminAccount): void; onCancel(): void }) {
  const { t } = useTranslation("admin");
  const id = useId();
  const [reasonCode, setReasonCode] = useState<ReasonCode>("other");
  const [statement, setStatement] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="organiser__form"
      aria-label={lifting ? t("accounts.liftOf", { name: account.displayName }) : t("accounts.suspendOf", { name: account.displayName })}
      onSubmit={(e) => {
        e.preventDefault();
        if (!statement.trim()) return setError(t("accounts.statementRequired"));
        setBusy(true);
        setError(null);
        updateAccount(account.id, lifting ? { status: "active", statement: statement.trim() } : { status: "suspended", reasonCode, statement: statement.trim() })
          .then(onDone, (err: unknown) => setError(asApiError(err).message))
          .finally(() => setBusy(false));
      }}
    >
      {error && <Alert>{error}</Alert>}
      {!lifting && (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-code`}>
            {t("accounts.reasonCode")}
          </label>
          <select id={`${id}-code`} className="field__control" value={reasonCode} onChange={(e) => setReasonCode(e.target.value as ReasonCode)}>
            {REASON_CODES.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-statement`}>
          {lifting ? t("accounts.liftNote") : t("accounts.statement")}
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          {lifting ? t("accounts.liftHint") : t("accounts.statementHint")}
        </p>
        <textarea id={`${id}-statement`} className="field__control field__control--textarea" rows={3} value={statement} aria-describedby={`${id}-hint`} onChange={(e) => setStatement(e.target.value)} required />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {lifting ? t("accounts.confirmLift") : t("accounts.confirmSuspend")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

function AccountCard({ account: a, onChanged }: { account: AdminAccount; onChanged(next: AdminAccount, message: string): void }) {
  const { t, i18n } = useTranslation("admin");
  const id = useId();
  const [form, setForm] = useState<"suspend" | "lift" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const roles = Object.entries(a.consultationRoles).filter(([, n]) => n > 0);
  const run = async (fn: () => Promise<[AdminAccount, string]>) => {
    setBusy(true);
    setError(null);
    try {
      const [next, message] = await fn();
      onChanged(next, message);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="console-card" data-testid="admin-account" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{a.displayName}</h3>
      <p className="console-card__meta">
        {a.email} · {t(`categories.${a.category}`)} · {t("accounts.since", { date: new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" }).format(new Date(a.createdAt)) })}
      </p>
      <p className="console-card__meta">
        <strong data-testid="account-status">{t(`accounts.status.${a.status}`)}</strong>
        {a.isAdmin && <> · {t("accounts.admin")}</>}
        {" · "}
        {roles.length === 0 ? t("accounts.noRoles") : roles.map(([r, n]) => t("accounts.roleCount", { role: t(`roles.${r}`), count: n })).join(", ")}
      </p>
      {error && <Alert>{error}</Alert>}
      {form === null && (
        <div className="button-row">
          {a.status === "active" ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setForm("suspend")}>
              {t("accounts.suspend")}
              <span className="visually-hidden"> {a.displayName}</span>
            </button>
          ) : (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setForm("lift")}>
              {t("accounts.lift")}
              <span className="visually-hidden"> {a.displayName}</span>
            </button>
          )}
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void run(async () => [a, t("accounts.sessionsEnded", { name: a.displayName, count: (await endSessions(a.id)).sessionsEnded })])}
          >
            {t("accounts.endSessions")}
            <span className="visually-hidden"> {a.displayName}</span>
          </button>
          {!a.isAdmin && (
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              onClick={() => {
                if (window.confirm(t("accounts.confirmAdmin", { name: a.displayName }))) void run(async () => [await updateAccount(a.id, { isAdmin: true }), t("accounts.madeAdmin", { name: a.displayName })]);
              }}
            >
              {t("accounts.makeAdmin")}
              <span className="visually-hidden"> {a.displayName}</span>
            </button>
          )}
        </div>
      )}
      {form && (
        <SuspensionForm
          account={a}
          lifting={form === "lift"}
          onCancel={() => setForm(null)}
          onDone={(next) => {
            setForm(null);
            onChanged(next, form === "lift" ? t("accounts.lifted", { name: a.displayName }) : t("accounts.suspended", { name: a.displayName }));
          }}
        />
      )}
    </li>
  );
}

export function AccountsPanel() {
  const { t } = useTranslation("admin");
  const [q, setQ] = useState("");
  const [filter, setFilter] = useState<{ q?: string }>({});
  const [status, setStatus] = useState("");
  const list = usePagedList("accounts", filter, (f, cursor, signal) => listAccounts({ ...f, cursor }, signal));
  return (
    <section aria-labelledby="admin-accounts-title">
      <h2 id="admin-accounts-title" className="visually-hidden">{t("accounts.title")}</h2>
      <form
        className="console-filters"
        role="search"
        aria-label={t("accounts.title")}
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ q: q.trim() || undefined });
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="admin-accounts-q">
            {t("accounts.search")}
          </label>
          <input id="admin-accounts-q" type="search" className="field__control" value={q} onChange={(e) => setQ(e.target.value)} maxLength={254} />
        </div>
        <button type="submit" className="button button--secondary">
          {t("searchButton")}
        </button>
      </form>
      <p role="status" className="organiser__status" data-testid="admin-status">
        {status}
      </p>
      <ListState {...list} onRetry={list.reload} words={{ loading: t("loading"), empty: t("accounts.none"), more: t("more") }}>
        {(items) => (
          <ul className="plain-list">
            {items.map((a) => (
              <AccountCard
                key={a.id}
                account={a}
                onChanged={(next, message) => {
                  list.replace((x) => (x.id === next.id ? next : x));
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
