// One amendment: the change as tracked changes in its context, the justification, evidence and
// interests, endorsements by category, its status and outcome; withdraw (its author) and the
// organisers' outcome, and flagging it for the moderators, where the server says the viewer may.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { wordsOf } from "../../../../shared/schemas/texts.ts";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { Badge } from "../../components/Badge.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { EndorseControl } from "../threads/EndorseControl.tsx";
import { FlagButton } from "../moderation/FlagButton.tsx";
import { setAmendmentEndorsement, withdrawAmendment, type Amendment } from "./api.ts";
import { OutcomeForm } from "./OutcomeForm.tsx";
import { ChangedSinceNote, Del, Ins } from "./Tracked.tsx";

/** The change against the unit's words: context kept when the amendment was made on the text shown. */
function Change({ a, unitText }: { a: Amendment; unitText: string | null }) {
  const { t } = useTranslation("texts");
  const proposed = a.proposedText ?? "";
  if (a.kind === "insert_after") {
    return (
      <p className="amendment__change">
        <span className="muted">{t("amendment.insertAfterLead")} </span>
        <Ins>{proposed}</Ins>
      </p>
    );
  }
  const words = unitText !== null ? wordsOf(unitText) : null;
  const hasContext = words !== null && a.spanStart !== null && a.spanEnd !== null && !a.changedSince;
  const before = hasContext ? words.slice(0, a.spanStart!).join(" ") : "";
  const after = hasContext ? words.slice(a.spanEnd!).join(" ") : "";
  return (
    <p className="amendment__change">
      {before && <span>{before} </span>}
      <Del>{a.quote ?? ""}</Del>
      {a.kind === "replace" && (
        <>
          {" "}
          <Ins>{proposed}</Ins>
        </>
      )}
      {after && <span> {after}</span>}
    </p>
  );
}

export function AmendmentCard({ amendment: a, unitText, onChanged }: { amendment: Amendment; unitText: string | null; onChanged(next: Amendment | null): void }) {
  const { t } = useTranslation("texts");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answering, setAnswering] = useState(false);
  const who = a.organisation?.name ?? a.author?.displayName ?? t("amendment.withheld");
  const titleId = `amendment-${a.id}-title`;

  const withdraw = async () => {
    if (busy || !window.confirm(t("amendment.withdrawConfirm"))) return;
    setBusy(true);
    setError(null);
    try {
      await withdrawAmendment(a.id);
      onChanged({ ...a, status: "withdrawn", outcome: { outcome: "withdrawn", reasons: null, decidedAt: new Date().toISOString() }, abilities: { ...a.abilities, withdraw: false, endorse: false, recordOutcome: false, flag: false } });
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card amendment" id={`amendment-${a.id}`} aria-labelledby={titleId} data-testid="amendment">
      <h4 className="amendment__title" id={titleId}>
        {t(`amendment.kind.${a.kind}`)} · {who}
      </h4>
      <p className="card__badges">
        <Badge kind={t("amendment.categoryBadge")} tone="category">
          {t(`vocabulary:category.${a.category}`)}
        </Badge>
        {a.status !== "published" && (
          <Badge kind={t("amendment.statusBadge")} tone={`status-${a.status}`}>
            {t(`amendment.status.${a.status}`)}
          </Badge>
        )}
        <span className="muted"> {formatDateTime(a.createdAt)}</span>
      </p>
      {a.quarantined ? (
        <p className="muted">{t("amendment.quarantined")}</p>
      ) : (
        <>
          <Change a={a} unitText={unitText} />
          <ChangedSinceNote changed={a.changedSince} />
          {/* Sanitised by the server (server/content/rich-text.ts) when it was written. */}
          {a.justificationHtml && <div className="rich-text amendment__justification" dangerouslySetInnerHTML={{ __html: a.justificationHtml }} />}
          {a.evidence.length > 0 && (
            <ul className="amendment__evidence" aria-label={t("amendment.evidence")}>
              {a.evidence.map((e, i) => (
                <li key={i}>
                  {t(`vocabulary:evidenceKind.${e.kind}`)}: {e.url ? <a href={e.url} rel="noopener noreferrer nofollow" target="_blank">{e.citation}</a> : e.citation}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {(a.declarationOfInterests || a.fundingSources) && (
        <dl className="amendment__interests">
          {a.declarationOfInterests && (
            <>
              <dt>{t("amendment.interests")}</dt>
              <dd>{a.declarationOfInterests}</dd>
            </>
          )}
          {a.fundingSources && (
            <>
              <dt>{t("amendment.funding")}</dt>
              <dd>{a.fundingSources}</dd>
            </>
          )}
        </dl>
      )}
      {a.outcome && (
        <div className="amendment__outcome" data-testid="amendment-outcome">
          <p>
            <strong>{t("amendment.outcomeLabel")}</strong> {t(`outcome.${a.outcome.outcome}`)}
          </p>
          {a.outcome.reasons && <p>{a.outcome.reasons}</p>}
        </div>
      )}
      {a.status === "published" && (
        <EndorseControl
          tally={a.endorsements}
          viewerEndorsed={a.viewerEndorsed}
          canEndorse={a.abilities.endorse}
          toggle={(endorse) => setAmendmentEndorsement(a.id, endorse)}
          onChange={(next) => onChanged({ ...a, endorsements: next.endorsements, viewerEndorsed: next.viewerEndorsed })}
        />
      )}
      {error && <Alert>{error}</Alert>}
      <div className="button-row">
        {a.abilities.withdraw && (
          <button type="button" className="button button--small button--secondary" onClick={() => void withdraw()} aria-disabled={busy || undefined}>
            {t("amendment.withdraw")}
          </button>
        )}
        {a.abilities.flag && <FlagButton kind="amendment" id={a.id} label={t("amendment.flagLabel", { kind: t(`amendment.kind.${a.kind}`), who })} />}
        {a.abilities.recordOutcome && !answering && (
          <button type="button" className="button button--small button--secondary" onClick={() => setAnswering(true)}>
            {a.outcome ? t("outcome.change") : t("outcome.record")}
          </button>
        )}
      </div>
      {answering && (
        <OutcomeForm
          amendment={a}
          onCancel={() => setAnswering(false)}
          onSaved={(next) => {
            setAnswering(false);
            onChanged(next);
          }}
        />
      )}
    </article>
  );
}
