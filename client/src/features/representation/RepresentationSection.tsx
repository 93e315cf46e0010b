// On /account (issue 10 item 5): ask to represent an organisation and follow the answer; and, for the
// representatives of verified organisations and for admins, the requests waiting on them, to approve or
// refuse with a reason the requester is told. The server decides who may decide (a 404 otherwise).
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { askToRepresent, decideRequest, findOrganisations, listMyRequests, listRequestsToDecide, type OrganisationHit, type RepresentationRequest } from "./api.ts";

function AskForm({ onAsked }: { onAsked(r: RepresentationRequest): void }) {
  const { t } = useTranslation("representation");
  const id = useId();
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<OrganisationHit[] | null>(null);
  const [chosen, setChosen] = useState<string>("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const search = async () => {
    setError(null);
    if (!q.trim()) return;
    try {
      const page = await findOrganisations(q.trim());
      setHits(page.items);
      setChosen(page.items[0]?.id ?? "");
    } catch (err) {
      setError(asApiError(err).message);
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!chosen) return setError(t("ask.chooseFirst"));
    setBusy(true);
    try {
      const r = await askToRepresent(chosen, message.trim() || undefined);
      setMessage("");
      setHits(null);
      setQ("");
      onAsked(r);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`} data-testid="representation-ask">
      <h3 id={`${id}-title`}>{t("ask.title")}</h3>
      <p className="muted">{t("ask.lead")}</p>
      {error && <Alert>{error}</Alert>}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-q`}>
          {t("ask.search")}
        </label>
        <div className="button-row">
          <input
            id={`${id}-q`}
            type="search"
            className="field__control"
            value={q}
            maxLength={LIMITS.organisationNameMax}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void search();
              }
            }}
          />
          <button type="button" className="button button--secondary" onClick={() => void search()}>
            {t("ask.find")}
          </button>
        </div>
      </div>
      {hits && hits.length === 0 && <p role="status">{t("ask.noHits")}</p>}
      {hits && hits.length > 0 && (
        <fieldset className="radios">
          <legend className="field__label">{t("ask.which")}</legend>
          {hits.map((h) => (
            <div key={h.id} className="radios__item">
              <input type="radio" id={`${id}-org-${h.id}`} name={`${id}-org`} className="radios__input" value={h.id} checked={chosen === h.id} onChange={() => setChosen(h.id)} />
              <label htmlFor={`${id}-org-${h.id}`} className="radios__label">
                {h.name} <span className="muted">· {h.verified ? t("ask.verified") : t("ask.unverified")}</span>
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {hits && hits.length > 0 && (
        <>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-message`}>
              {t("ask.message")} <span className="muted">{t("ask.optional")}</span>
            </label>
            <p className="field__hint" id={`${id}-message-hint`}>
              {t("ask.messageHint")}
            </p>
            <textarea id={`${id}-message`} className="field__control" rows={3} value={message} maxLength={LIMITS.plainTextMax} aria-describedby={`${id}-message-hint`} onChange={(e) => setMessage(e.target.value)} />
          </div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t("ask.sending") : t("ask.send")}
          </button>
        </>
      )}
    </form>
  );
}

function StatusLine({ r }: { r: RepresentationRequest }) {
  const { t } = useTranslation("representation");
  if (r.status === "pending") return <p>{t("mine.pending")}</p>;
  if (r.status === "approved") return <p>{r.organisation.verified ? t("mine.approved") : t("mine.approvedUnverified")}</p>;
  return (
    <>
      <p>{t("mine.refused")}</p>
      {r.reason && <blockquote className="pre-line">{r.reason}</blockquote>}
    </>
  );
}

function DecideCard({ r, onDecided }: { r: RepresentationRequest; onDecided(r: RepresentationRequest): void }) {
  const { t } = useTranslation("representation");
  const id = useId();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (approve: boolean) => {
    setError(null);
    if (!approve && !reason.trim()) return setError(t("decide.reasonRequired"));
    setBusy(true);
    try {
      onDecided(await decideRequest(r.id, approve ? { approve } : { approve, reason: reason.trim() }));
    } catch (err) {
      setError(asApiError(err).message);
      setBusy(false);
    }
  };
  return (
    <li className="console-card" data-testid="representation-to-decide">
      <h4>{t("decide.cardTitle", { name: r.requester.displayName, organisation: r.organisation.name })}</h4>
      <p className="console-card__meta">
        <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
      </p>
      {r.message && <blockquote className="pre-line">{r.message}</blockquote>}
      {error && <Alert>{error}</Alert>}
      {refusing && (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-reason`}>
            {t("decide.reason")}
          </label>
          <p className="field__hint" id={`${id}-reason-hint`}>
            {t("decide.reasonHint")}
          </p>
          <textarea id={`${id}-reason`} className="field__control" rows={3} value={reason} maxLength={LIMITS.plainTextMax} aria-describedby={`${id}-reason-hint`} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      <div className="button-row">
        {!refusing && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void decide(true)}>
            {t("decide.approve")}
          </button>
        )}
        {!refusing ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => setRefusing(true)}>
            {t("decide.refuse")}
          </button>
        ) : (
          <>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void decide(false)}>
              {t("decide.confirmRefuse")}
            </button>
            <button type="button" className="button button--quiet" disabled={busy} onClick={() => setRefusing(false)}>
              {t("decide.cancel")}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

export function RepresentationSection({ userId }: { userId: string }) {
  const { t } = useTranslation("representation");
  const mineQuery = useQuery({ queryKey: keys.myRepresentationRequests(userId), queryFn: ({ signal }) => listMyRequests(signal) });
  const toDecideQuery = useQuery({ queryKey: keys.representationRequestsToDecide(userId), queryFn: ({ signal }) => listRequestsToDecide(signal) });
  const mine = resourceOf(mineQuery);
  const toDecide = resourceOf(toDecideQuery);
  const [status, setStatus] = useState("");
  return (
    <section className="section" aria-labelledby="representation-title">
      <h2 id="representation-title">{t("title")}</h2>
      <p role="status" className="organiser__status" data-testid="representation-status">
        {status}
      </p>
      {toDecide.phase === "ready" && toDecide.data.items.length > 0 && (
        <>
          <h3>{t("decide.title")}</h3>
          <ul className="plain-list">
            {toDecide.data.items.map((r) => (
              <DecideCard
                key={r.id}
                r={r}
                onDecided={(d) => {
                  setStatus(t(d.status === "approved" ? "decide.approvedStatus" : "decide.refusedStatus", { name: d.requester.displayName, organisation: d.organisation.name }));
                  void toDecideQuery.refetch();
                }}
              />
            ))}
          </ul>
        </>
      )}
      {mine.phase === "error" && <Alert>{mine.error.message}</Alert>}
      {mine.phase === "ready" && mine.data.items.length > 0 && (
        <>
          <h3>{t("mine.title")}</h3>
          <ul className="plain-list">
            {mine.data.items.map((r) => (
              <li key={r.id} className="console-card" data-testid="representation-mine">
                <h4>{r.organisation.name}</h4>
                <p className="console-card__meta">
                  <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
                </p>
                <StatusLine r={r} />
              </li>
            ))}
          </ul>
        </>
      )}
      <AskForm
        onAsked={(r) => {
          setStatus(t("ask.sent", { organisation: r.organisation.name }));
          void mineQuery.refetch();
        }}
      />
    </section>
  );
}
