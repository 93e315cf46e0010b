// The site's audit of admin actions (outside any consultation), newest first, filterable by action.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { readAdminAudit, type AdminAuditEntry } from "./api.ts";
import { usePagedList } from "./usePagedList.ts";
import { formatWithZone } from "../organiser/dates.ts";
import { ListState } from "../../components/ListState.tsx";

export const ADMIN_ACTIONS = ["verify_organisation", "refuse_organisation", "unverify_organisation", "suspend", "unsuspend", "end_sessions", "grant_admin", "approve_representation", "refuse_representation"] as const;

/** "status: active → suspended" rather than raw JSON. */
function describeChange(before: unknown, after: unknown): string {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((k) => (k in b ? `${k}: ${String(b[k])} → ${String(a[k] ?? "")}` : `${k}: ${String(a[k])}`)).join("; ");
}

function Entry({ e }: { e: AdminAuditEntry }) {
  const { t, i18n } = useTranslation("admin");
  const action = (ADMIN_ACTIONS as readonly string[]).includes(e.action) ? t(`audit.actions.${e.action}`) : e.action;
  return (
    <tr data-testid="admin-audit-entry">
      <td>
        <time dateTime={e.createdAt}>{formatWithZone(e.createdAt, i18n.language)}</time>
      </td>
      <td>{action}</td>
      <td>{e.actor ? (e.actor.displayName ?? e.actor.id) : t("audit.cli")}</td>
      <td>{e.target.name ?? e.target.id}</td>
      <td>
        {e.reasonCode && <>{t(`reasons.${e.reasonCode}`)}. </>}
        {e.statement}
        {(e.before !== null || e.after !== null) && <span className="muted"> {describeChange(e.before, e.after)}</span>}
      </td>
    </tr>
  );
}

export function AdminAuditPanel() {
  const { t } = useTranslation("admin");
  const [action, setAction] = useState("");
  const list = usePagedList("admin-audit", { action: action || undefined }, (f, cursor, signal) => readAdminAudit({ ...f, cursor }, signal));
  return (
    <section aria-labelledby="admin-audit-title">
      <h2 id="admin-audit-title" className="visually-hidden">{t("audit.title")}</h2>
      <div className="console-filters">
        <div className="field">
          <label className="field__label" htmlFor="admin-audit-action">
            {t("audit.action")}
          </label>
          <select id="admin-audit-action" className="field__control" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t("audit.allActions")}</option>
            {ADMIN_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ListState {...list} onRetry={list.reload} words={{ loading: t("loading"), empty: t("audit.none"), more: t("more") }}>
        {(items) => (
          <div className="table-scroll">
            <table className="console-table">
              <caption className="visually-hidden">{t("audit.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("audit.when")}</th>
                  <th scope="col">{t("audit.action")}</th>
                  <th scope="col">{t("audit.who")}</th>
                  <th scope="col">{t("audit.target")}</th>
                  <th scope="col">{t("audit.details")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <Entry key={e.id} e={e} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
    </section>
  );
}
