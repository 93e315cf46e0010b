// The selected unit opened: the words selected in it (chosen by list, taps or the browser's selection),
// the threads and amendments about it (competing amendments side by side), and the forms to start a
// thread or propose an amendment about the unit or the selected words.
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { threadPath } from "../../lib/paths.ts";
import { formatDateTime } from "../../lib/format.ts";
import type { AnchoredThread, Amendment, ReadingUnit } from "./api.ts";
import { AmendmentCard } from "./AmendmentCard.tsx";
import { AmendmentForm } from "./AmendmentForm.tsx";
import { AnchoredThreadForm } from "./AnchoredThreadForm.tsx";
import { ChangedSinceNote } from "./Tracked.tsx";
import { CitingPositions } from "./CitingPositions.tsx";
import { WordPicker } from "./WordPicker.tsx";
import { quoteOf, type WordSpan } from "./words.ts";

interface UnitPanelProps {
  consultation: ConsultationDetail;
  documentId: string;
  unit: ReadingUnit;
  label: string;
  /** False when an older version is shown: threads and amendments are made on the current one. */
  isCurrent: boolean;
  span: WordSpan | null;
  onSpan(span: WordSpan | null): void;
  threads: AnchoredThread[];
  amendments: Amendment[];
  /** The unit's own lists: shown once loaded ("none yet" only when there are none), with a retry on failure. */
  lists: "loading" | "error" | "ready";
  onRetry(): void;
  onAmendment(next: Amendment): void;
  onClose(): void;
}

function ThreadItem({ thread }: { thread: AnchoredThread }) {
  const { t } = useTranslation("texts");
  const a = thread.anchor;
  return (
    <li className="anchored-thread">
      <Link to={threadPath(thread.id)}>{thread.title}</Link>
      <span className="muted">
        {" "}
        · {thread.author?.displayName ?? t("amendment.withheld")} · {formatDateTime(thread.createdAt)}
      </span>
      {a.quote && (
        <p className="anchored-thread__quote">
          <q>{a.quote}</q>
        </p>
      )}
      <ChangedSinceNote changed={a.changedSince} />
    </li>
  );
}

export function UnitPanel({ consultation: c, documentId, unit, label, isCurrent, span, onSpan, threads, amendments, lists, onRetry, onAmendment, onClose }: UnitPanelProps) {
  const { t } = useTranslation("texts");
  const [mode, setMode] = useState<"read" | "comment" | "amend">("read");
  const [picking, setPicking] = useState(false);
  const [notice, setNotice] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [unit.eId]);
  const quote = span ? quoteOf(unit.text, span) : unit.text;
  const held = c.viewer.contributionsHeld;
  const competing = amendments.filter((a) => a.status !== "withdrawn").length > 1;

  return (
    <section className="unit-panel" aria-labelledby={`panel-${unit.eId}`} data-testid="unit-panel">
      <div className="section__head">
        <h3 className="unit-panel__title" id={`panel-${unit.eId}`} tabIndex={-1} ref={heading}>
          {t("panel.title", { unit: label })}
        </h3>
        <button type="button" className="button button--small button--quiet" onClick={onClose}>
          {t("panel.close")}
        </button>
      </div>
      <p role="status" className="list-status">
        {notice}
      </p>
      {unit.text && isCurrent && (
        <div className="unit-panel__selection">
          <p data-testid="selection">
            {span ? (
              <>
                {t("select.selected", { count: span.end - span.start })} <q>{quote}</q>
              </>
            ) : (
              t("select.none")
            )}
          </p>
          <div className="button-row">
            <button type="button" className="button button--small button--secondary" aria-expanded={picking} onClick={() => setPicking((p) => !p)}>
              {picking ? t("select.done") : t("select.start")}
            </button>
            {span && (
              <button type="button" className="button button--small button--quiet" onClick={() => onSpan(null)}>
                {t("select.clear")}
              </button>
            )}
          </div>
          {picking && <WordPicker text={unit.text} label={t("select.listLabel", { unit: label })} span={span} onChange={onSpan} />}
        </div>
      )}
      {!isCurrent && <p className="muted">{t("panel.olderVersion")}</p>}

      {isCurrent && mode === "read" && (c.abilities.startThread || c.abilities.takeStance) && (
        <div className="button-row">
          {c.abilities.startThread && (
            <button type="button" className="button button--primary" onClick={() => setMode("comment")}>
              {span ? t("panel.commentWords") : t("panel.commentUnit")}
            </button>
          )}
          {c.abilities.takeStance && (
            <button type="button" className="button button--primary" onClick={() => setMode("amend")}>
              {span ? t("panel.amendWords") : t("panel.amendUnit")}
            </button>
          )}
        </div>
      )}
      {mode === "comment" && <AnchoredThreadForm documentId={documentId} eId={unit.eId} unitLabel={label} span={span} quote={quote} held={held} onCancel={() => setMode("read")} />}
      {mode === "amend" && (
        <AmendmentForm
          documentId={documentId}
          eId={unit.eId}
          unitLabel={label}
          span={span}
          quote={quote}
          held={held}
          onCancel={() => setMode("read")}
          onProposed={(a) => {
            setMode("read");
            onAmendment(a);
            setNotice(a.status === "pending" ? t("propose.donePending") : t("propose.done"));
          }}
        />
      )}

      {lists === "loading" && (
        <p className="muted" role="status">
          {t("common:loading")}
        </p>
      )}
      {lists === "error" && (
        <p role="alert">
          {t("panel.listsFailed")}{" "}
          <button type="button" className="button button--small button--secondary" onClick={onRetry}>
            {t("common:tryAgain")}
          </button>
        </p>
      )}
      {lists === "ready" && (
        <>
          <h4>{t("panel.amendments", { count: amendments.length })}</h4>
          {amendments.length === 0 ? (
            <p className="muted">{t("panel.noAmendments")}</p>
          ) : (
            <>
              {competing && <p className="field__hint">{t("panel.competing")}</p>}
              <ul className={competing ? "amendment-list amendment-list--side-by-side" : "amendment-list"} data-testid="amendments">
                {amendments.map((a) => (
                  <li key={a.id}>
                    <AmendmentCard amendment={a} unitText={isCurrent ? unit.text : null} onChanged={(next) => next && onAmendment(next)} />
                  </li>
                ))}
              </ul>
            </>
          )}

          <h4>{t("panel.threads", { count: threads.length })}</h4>
          {threads.length === 0 ? (
            <p className="muted">{t("panel.noThreads")}</p>
          ) : (
            <ul className="anchored-threads" data-testid="anchored-threads">
              {threads.map((th) => (
                <ThreadItem key={th.id} thread={th} />
              ))}
            </ul>
          )}
        </>
      )}
      <CitingPositions consultationId={c.id} documentId={documentId} eId={unit.eId} label={label} />
    </section>
  );
}
