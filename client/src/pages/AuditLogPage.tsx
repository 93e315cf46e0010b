import { useId, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import i18n from "../i18n/index.ts";
import { auditCsvUrl, readAuditLog, type AuditEntry, type AuditFilter } from "../api/moderation.ts";
import type { ConsultationDetail } from "../api/consultations.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { ConsultationGate } from "../features/consultations/ConsultationGate.tsx";
import { AUDIT_FILTER_ACTIONS, auditActionLabel, reasonLabel } from "../features/moderation/labels.ts";
import { formatDateTime, formatDateTimeWithZone, formatNumber } from "../lib/format.ts";
import { consultationPath, positionPath, postPath, threadPath } from "../lib/paths.ts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { cursorPaging, useCursorListState, type CursorPage } from "../lib/query/state.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The filter as the address holds it: dates as YYYY-MM-DD (the reader's days), the rest as given. */
function readFilter(params: URLSearchParams) {
  const action = params.get("action") ?? "";
  const actorId = params.get("actorId") ?? "";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  return {
    action: /^[a-z_]{1,40}$/.test(action) ? action : "",
    actorId: ID.test(actorId) ? actorId : "",
    from: DATE.test(from) ? from : "",
    to: DATE.test(to) ? to : "",
  };
}

/** The API's filter: whole local days as instants with an offset. */
function apiFilter(f: ReturnType<typeof readFilter>): AuditFilter {
  return {
    action: f.action || undefined,
    actorId: f.actorId || undefined,
    from: f.from ? new Date(`${f.from}T00:00:00`).toISOString() : undefined,
    to: f.to ? new Date(`${f.to}T23:59:59.999`).toISOString() : undefined,
  };
}

function Target({ e }: { e: AuditEntry }) {
  const { t } = useTranslation("moderation");
  const link = e.targetType === "post" ? postPath(e.targetId) : e.targetType === "thread" ? threadPath(e.targetId) : e.targetType === "position" ? positionPath(e.targetId) : null;
  const label = i18n.exists(`moderation:auditTarget.${e.targetType}`) ? t(`auditTarget.${e.targetType}`) : e.targetType;
  return link ? <Link to={link}>{label}</Link> : <span title={e.targetId}>{label}</span>;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value of the log as a reader says it: words for known codes, dates, yes and no; never raw JSON. */
function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return i18n.t(v ? "moderation:change.yes" : "moderation:change.no");
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") {
    if (ISO_INSTANT.test(v)) return formatDateTimeWithZone(v);
    const code = `moderation:change.value.${v}`;
    if (/^[a-z_]+$/.test(v) && i18n.exists(code)) return i18n.t(code);
    return v.length > 80 ? `${v.slice(0, 79)}…` : v;
  }
  if (Array.isArray(v)) return v.length === 0 ? "—" : v.map(show).join(", ");
  if (typeof v === "object") {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${fieldName(k)}: ${show(x)}`)
      .join("; ");
  }
  return String(v);
}

/** "slowModeSeconds" → "Slow mode (seconds)"; a field the catalog does not name keeps its name, spaced out. */
function fieldName(key: string): string {
  const named = `moderation:change.field.${key}`;
  if (i18n.exists(named)) return i18n.t(named);
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Status: pending → published": what changed, compactly. */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (keys.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="audit__change">
      {keys.map((k) => (
        <li key={k}>
          {fieldName(k)}: {k in b ? `${show(b[k])} → ` : ""}
          {show(a[k])}
        </li>
      ))}
    </ul>
  );
}

function AuditLog({ consultation: c }: { consultation: ConsultationDetail }) {
  const { t } = useTranslation("moderation");
  const [params, setParams] = useSearchParams();
  const formId = useId();
  const filter = readFilter(params);
  const api = apiFilter(filter);
  const viewerKey = useViewerKey();
  const query = useInfiniteQuery({
    queryKey: keys.auditLog(c.id, { action: filter.action, actorId: filter.actorId, from: filter.from, to: filter.to }, viewerKey),
    queryFn: ({ pageParam, signal }) => readAuditLog(c.id, { ...api, cursor: pageParam, limit: 50 }, signal),
    ...cursorPaging<CursorPage<AuditEntry>>(),
    enabled: viewerKey !== null,
  });
  const list = useCursorListState(query);
  const { state } = list;
  const entries = state.phase === "ready" ? state.items : [];
  const actors = new Map<string, string>();
  for (const e of entries) if (e.actorId) actors.set(e.actorId, e.actorName ?? t("audit.someone"));
  if (filter.actorId && !actors.has(filter.actorId)) actors.set(filter.actorId, t("audit.personChosen"));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ["action", "actorId", "from", "to"]) {
      const v = String(data.get(name) ?? "");
      if (v) next.set(name, v);
    }
    setParams(next);
  };
  const filtered = Boolean(filter.action || filter.actorId || filter.from || filter.to);

  return (
    <Page title={t("audit.titleOf", { title: c.title })}>
      <nav aria-label={t("threads:breadcrumb")} className="breadcrumb">
        <Link to={consultationPath(c.slug)}>{c.title}</Link>
      </nav>
      <p className="page__lead">{t("audit.lead")}</p>
      {/* Keyed by the address, so Back and Forward show the filter that is applied. */}
      <form key={params.toString()} role="search" aria-label={t("audit.filter")} className="filters" onSubmit={onSubmit}>
        <div className="filters__field">
          <label htmlFor={`${formId}-action`} className="field__label">
            {t("audit.action")}
          </label>
          <select id={`${formId}-action`} name="action" className="field__control" defaultValue={filter.action}>
            <option value="">{t("audit.anyAction")}</option>
            {[...new Set([...AUDIT_FILTER_ACTIONS, ...(filter.action ? [filter.action] : [])])].map((a) => (
              <option key={a} value={a}>
                {auditActionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor={`${formId}-actor`} className="field__label">
            {t("audit.who")}
          </label>
          <select id={`${formId}-actor`} name="actorId" className="field__control" defaultValue={filter.actorId}>
            <option value="">{t("audit.anyone")}</option>
            {[...actors].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor={`${formId}-from`} className="field__label">
            {t("audit.from")}
          </label>
          <input id={`${formId}-from`} name="from" type="date" className="field__control" defaultValue={filter.from} />
        </div>
        <div className="filters__field">
          <label htmlFor={`${formId}-to`} className="field__label">
            {t("audit.to")}
          </label>
          <input id={`${formId}-to`} name="to" type="date" className="field__control" defaultValue={filter.to} />
        </div>
        <div className="filters__field filters__field--actions">
          <button type="submit" className="button button--primary">
            {t("audit.apply")}
          </button>
          {filtered && (
            <Link to={{ search: "" }} className="button button--secondary">
              {t("audit.clear")}
            </Link>
          )}
        </div>
      </form>
      <p className="audit__download">
        <a href={auditCsvUrl(c.id, api)} download className="button button--secondary" data-testid="audit-csv">
          {filtered ? t("audit.downloadFiltered") : t("audit.download")}
        </a>
      </p>
      <p role="status" className="list-status">
        {state.phase === "loading"
          ? t("audit.loading")
          : state.phase === "ready"
            ? t(filtered ? (state.nextCursor ? "audit.showingFilteredMore" : "audit.showingFiltered") : state.nextCursor ? "audit.showingMore" : "audit.showing", { count: entries.length })
            : ""}
      </p>
      {state.phase === "error" && (
        <Alert title={t("audit.notLoaded")}>
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
            {t("common:tryAgain")}
          </button>
        </Alert>
      )}
      {state.phase === "ready" && entries.length === 0 && (
        <div className="empty">
          <p>{filtered ? t("audit.noMatch") : t("audit.none")}</p>
        </div>
      )}
      {entries.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("audit.entries")}>
          <table className="audit" data-testid="audit-log">
            <caption className="visually-hidden">{t("audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.about")}</th>
                <th scope="col">{t("reason")}</th>
                <th scope="col">{t("audit.statement")}</th>
                <th scope="col">{t("audit.change")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td>
                    <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
                  </td>
                  <td>{e.automated ? t("audit.automated") : (e.actorName ?? t("audit.system"))}</td>
                  <td className="audit__action">{auditActionLabel(e.action)}</td>
                  <td>
                    <Target e={e} />
                  </td>
                  <td>{reasonLabel(e.reasonCode) ?? "—"}</td>
                  <td className="audit__statement pre-line">{e.statement ?? "—"}</td>
                  <td>
                    <Change before={e.before} after={e.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.moreError && <Alert title={t("audit.moreNotLoaded")}>{list.moreError.message}</Alert>}
      {state.phase === "ready" && state.nextCursor && (
        <div className="load-more">
          <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
            {list.loadingMore ? t("common:loading") : t("audit.loadMore")}
          </button>
        </div>
      )}
    </Page>
  );
}

/** Organisers and admins: the consultation's audit log, filterable, with the same filter as CSV. */
export function AuditLogPage() {
  const { t } = useTranslation("moderation");
  return (
    <ConsultationGate title={t("audit.title")}>
      {(c) =>
        c.abilities.edit ? (
          <AuditLog consultation={c} />
        ) : (
          <Page title={t("audit.title")}>
            <p>{t("audit.onlyOrganisers")}</p>
            <p>
              <Link to={consultationPath(c.slug)}>{t("audit.back")}</Link>
            </p>
          </Page>
        )
      }
    </ConsultationGate>
  );
}
