import { useId, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { auditCsvUrl, readAuditLog, type AuditEntry, type AuditFilter } from "../api/moderation.ts";
import type { ConsultationDetail } from "../api/consultations.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { ConsultationGate } from "../features/consultations/ConsultationGate.tsx";
import { AUDIT_FILTER_ACTIONS, auditActionLabel, reasonLabel } from "../features/moderation/labels.ts";
import { formatDateTime, plural } from "../lib/format.ts";
import { consultationPath, positionPath, postPath, threadPath } from "../lib/paths.ts";
import { useCursorList } from "../lib/useCursorList.ts";

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
  const link = e.targetType === "post" ? postPath(e.targetId) : e.targetType === "thread" ? threadPath(e.targetId) : e.targetType === "position" ? positionPath(e.targetId) : null;
  const label = { post: "Contribution", thread: "Thread", position: "Position", user: "Person", member: "Member", appeal: "Appeal", consultation: "Consultation", organisation: "Organisation" }[e.targetType] ?? e.targetType;
  return link ? <Link to={link}>{label}</Link> : <span title={e.targetId}>{label}</span>;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v.length > 80 ? `${v.slice(0, 79)}…` : v;
  return JSON.stringify(v);
}

/** "status: pending → published": what changed, compactly. */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (keys.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="audit__change">
      {keys.map((k) => (
        <li key={k}>
          {k}: {k in b ? `${show(b[k])} → ` : ""}
          {show(a[k])}
        </li>
      ))}
    </ul>
  );
}

function AuditLog({ consultation: c }: { consultation: ConsultationDetail }) {
  const [params, setParams] = useSearchParams();
  const formId = useId();
  const filter = readFilter(params);
  const api = apiFilter(filter);
  const key = `${c.id}|${filter.action}|${filter.actorId}|${filter.from}|${filter.to}`;
  const list = useCursorList<AuditEntry>(key, (cursor, signal) => readAuditLog(c.id, { ...api, cursor, limit: 50 }, signal));
  const { state } = list;
  const entries = state.phase === "ready" ? state.items : [];
  const actors = new Map<string, string>();
  for (const e of entries) if (e.actorId) actors.set(e.actorId, e.actorName ?? "Someone");
  if (filter.actorId && !actors.has(filter.actorId)) actors.set(filter.actorId, "The person chosen");

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
    <Page title={`Audit log: ${c.title}`}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={consultationPath(c.slug)}>{c.title}</Link>
      </nav>
      <p className="page__lead">Every moderation decision and organiser action in this consultation, newest first. Entries cannot be changed or deleted.</p>
      {/* Keyed by the address, so Back and Forward show the filter that is applied. */}
      <form key={params.toString()} role="search" aria-label="Filter the audit log" className="filters" onSubmit={onSubmit}>
        <div className="filters__field">
          <label htmlFor={`${formId}-action`} className="field__label">
            Action
          </label>
          <select id={`${formId}-action`} name="action" className="field__control" defaultValue={filter.action}>
            <option value="">Any action</option>
            {[...new Set([...AUDIT_FILTER_ACTIONS, ...(filter.action ? [filter.action] : [])])].map((a) => (
              <option key={a} value={a}>
                {auditActionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor={`${formId}-actor`} className="field__label">
            Who
          </label>
          <select id={`${formId}-actor`} name="actorId" className="field__control" defaultValue={filter.actorId}>
            <option value="">Anyone</option>
            {[...actors].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor={`${formId}-from`} className="field__label">
            From
          </label>
          <input id={`${formId}-from`} name="from" type="date" className="field__control" defaultValue={filter.from} />
        </div>
        <div className="filters__field">
          <label htmlFor={`${formId}-to`} className="field__label">
            To
          </label>
          <input id={`${formId}-to`} name="to" type="date" className="field__control" defaultValue={filter.to} />
        </div>
        <div className="filters__field filters__field--actions">
          <button type="submit" className="button button--primary">
            Apply
          </button>
          {filtered && (
            <Link to={{ search: "" }} className="button button--secondary">
              Clear
            </Link>
          )}
        </div>
      </form>
      <p className="audit__download">
        <a href={auditCsvUrl(c.id, api)} download className="button button--secondary" data-testid="audit-csv">
          Download CSV{filtered ? " (filtered)" : ""}
        </a>
      </p>
      <p role="status" className="list-status">
        {state.phase === "loading" ? "Loading the log…" : state.phase === "ready" ? `Showing ${plural(entries.length, "entry", "entries")}${filtered ? " matching the filter" : ""}${state.nextCursor ? "; more are available" : ""}.` : ""}
      </p>
      {state.phase === "error" && (
        <Alert title="The audit log could not be loaded.">
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void list.reload(false)}>
            Try again
          </button>
        </Alert>
      )}
      {state.phase === "ready" && entries.length === 0 && (
        <div className="empty">
          <p>{filtered ? "No entries match this filter." : "Nothing has been recorded yet."}</p>
        </div>
      )}
      {entries.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit log entries">
          <table className="audit" data-testid="audit-log">
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">About</th>
                <th scope="col">Reason</th>
                <th scope="col">Statement</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td>
                    <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
                  </td>
                  <td>{e.automated ? "Automated" : (e.actorName ?? "System")}</td>
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
      {list.moreError && <Alert title="More entries could not be loaded.">{list.moreError.message}</Alert>}
      {state.phase === "ready" && state.nextCursor && (
        <div className="load-more">
          <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
            {list.loadingMore ? "Loading…" : "Load older entries"}
          </button>
        </div>
      )}
    </Page>
  );
}

/** Organisers and admins: the consultation's audit log, filterable, with the same filter as CSV. */
export function AuditLogPage() {
  return (
    <ConsultationGate title="Audit log">
      {(c) =>
        c.abilities.edit ? (
          <AuditLog consultation={c} />
        ) : (
          <Page title="Audit log">
            <p>Only the consultation's organisers and administrators read its audit log. Everyone can read the figures under “Moderation in numbers” on the consultation page.</p>
            <p>
              <Link to={consultationPath(c.slug)}>Back to the consultation</Link>
            </p>
          </Page>
        )
      }
    </ConsultationGate>
  );
}
