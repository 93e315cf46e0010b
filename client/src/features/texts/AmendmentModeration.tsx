// On the moderation page: amendments held for review (approve or reject) and removed ones (restore),
// decided through the moderation machinery (POST /api/amendments/:id/moderation: the neutrality rules,
// a decision the author is told of and may appeal, an audit entry). Rejecting needs a reason and a
// statement for the author, as for posts.
import { useId, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { REASON_CODES, type ReasonCode } from "../../../../shared/schemas/moderation.ts";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { reasonLabel } from "../moderation/labels.ts";
import { decideOnAmendment, listAmendmentsForModeration, type ModerationAmendment } from "./api.ts";
import { textPath } from "./paths.ts";
import { Del, Ins } from "./Tracked.tsx";
import "./texts.css";

function Item({ a, slug, onDecided }: { a: ModerationAmendment; slug: string; onDecided(message: string): void }) {
  const { t } = useTranslation("texts");
  const id = useId();
  const [removing, setRemoving] = useState(false);
  const [reasonCode, setReasonCode] = useState<ReasonCode>("off_topic");
  const [statement, setStatement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const who = a.organisation?.name ?? a.author.displayName;
  const decide = async (action: "approve" | "reject" | "restore") => {
    if (busy) return;
    if (action === "reject" && !statement.trim()) return setError(t("moderate.statementRequired"));
    setBusy(true);
    setError(null);
    try {
      await decideOnAmendment(a.id, action === "reject" ? { action, reasonCode, statement: statement.trim() } : { action });
      onDecided(t(`moderate.done.${action}`, { who }));
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card amendment" data-testid="moderation-amendment">
      <h3 className="amendment__title">
        {t(`amendment.kind.${a.kind}`)} · {who} · {t(`vocabulary:category.${a.category}`)}
      </h3>
      <p className="muted">
        <Link to={textPath(slug, a.documentId, { unit: a.eId })}>{t("moderate.where", { title: a.documentTitle, eId: a.eId })}</Link> · {formatDateTime(a.createdAt)} · {t(`amendment.status.${a.status}`)}
      </p>
      {a.quarantined ? (
        <p className="muted">{t("amendment.quarantined")}</p>
      ) : (
        <>
          <p className="amendment__change">
            {a.kind !== "insert_after" && <Del>{a.quote ?? ""}</Del>} {a.kind !== "delete" && <Ins>{a.proposedText ?? ""}</Ins>}
          </p>
          {/* Sanitised by the server (server/content/rich-text.ts) when it was written. */}
          {a.justificationHtml && <div className="rich-text" dangerouslySetInnerHTML={{ __html: a.justificationHtml }} />}
        </>
      )}
      {error && <Alert>{error}</Alert>}
      {a.status === "pending" ? (
        <>
          <div className="button-row">
            <button type="button" className="button button--primary button--small" aria-disabled={busy || undefined} onClick={() => void decide("approve")}>
              {t("moderate.approve")}
            </button>
            <button type="button" className="button button--danger button--small" aria-expanded={removing} onClick={() => setRemoving((r) => !r)}>
              {t("moderate.reject")}
            </button>
          </div>
          {removing && (
            <div className="form form--inline">
              <div className="field">
                <label className="field__label" htmlFor={`${id}-reason`}>
                  {t("moderate.reason")}
                </label>
                <select id={`${id}-reason`} className="field__control" value={reasonCode} onChange={(e) => setReasonCode(e.target.value as ReasonCode)}>
                  {REASON_CODES.map((r) => (
                    <option key={r} value={r}>
                      {reasonLabel(r)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-statement`}>
                  {t("moderate.statement")}
                </label>
                <textarea id={`${id}-statement`} className="field__control field__control--textarea" rows={3} maxLength={LIMITS.plainTextMax} value={statement} onChange={(e) => setStatement(e.target.value)} />
              </div>
              <button type="button" className="button button--danger button--small" aria-disabled={busy || undefined} onClick={() => void decide("reject")}>
                {t("moderate.confirmReject")}
              </button>
            </div>
          )}
        </>
      ) : (
        <div className="button-row">
          <button type="button" className="button button--secondary button--small" aria-disabled={busy || undefined} onClick={() => void decide("restore")}>
            {t("moderate.restore")}
          </button>
        </div>
      )}
    </li>
  );
}

export function AmendmentModeration({ consultation: c }: { consultation: ConsultationDetail }) {
  const { t } = useTranslation("texts");
  const [status, setStatus] = useState("");
  const viewerKey = useViewerKey();
  const query = useQuery({ queryKey: keys.amendmentModeration(c.id, viewerKey), queryFn: ({ signal }) => listAmendmentsForModeration(c.id, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);
  if (state.phase === "loading") return null;
  if (state.phase === "error") return <Alert title={t("moderate.notLoaded")}>{state.error.message}</Alert>;
  const pending = state.data.items.filter((a) => a.status === "pending");
  const removed = state.data.items.filter((a) => a.status !== "pending");
  if (state.data.items.length === 0 && !status) return null;
  return (
    <section aria-labelledby="amendment-moderation-title" className="section" data-testid="amendment-moderation">
      <h2 id="amendment-moderation-title">{t("moderate.title", { count: pending.length })}</h2>
      <p role="status" className="list-status">
        {status}
      </p>
      {pending.length === 0 ? (
        <p className="muted">{t("moderate.none")}</p>
      ) : (
        <ul className="amendment-list">
          {pending.map((a) => (
            <Item key={a.id} a={a} slug={c.slug} onDecided={(m) => (setStatus(m), void query.refetch())} />
          ))}
        </ul>
      )}
      {removed.length > 0 && (
        <details>
          <summary>{t("moderate.removed", { count: removed.length })}</summary>
          <ul className="amendment-list">
            {removed.map((a) => (
              <Item key={a.id} a={a} slug={c.slug} onDecided={(m) => (setStatus(m), void query.refetch())} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
