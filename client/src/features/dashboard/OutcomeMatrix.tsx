// The response matrix: what the organisers did with each question's input, and why. One row per
// question, saved on its own; the server checks the reasons are there and records the change in the
// audit log. The outcomes are printed in the summary report.
import { useState } from "react";
import { QUESTION_OUTCOMES, QUESTION_OUTCOME_LABELS, type QuestionOutcomeKind } from "../../../../shared/schemas/exports.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { asApiError } from "../../api/client.ts";
import { listOutcomes, saveOutcome, type QuestionOutcomeRow } from "../../api/exports.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useResource } from "../../lib/useResource.ts";

type RowState = { phase: "idle" } | { phase: "saving" } | { phase: "saved"; message: string } | { phase: "error"; message: string };

function OutcomeRow({ consultationId, row, onSaved }: { consultationId: string; row: QuestionOutcomeRow; onSaved(next: QuestionOutcomeRow): void }) {
  const [outcome, setOutcome] = useState<QuestionOutcomeKind | "">(row.outcome ?? "");
  const [reasons, setReasons] = useState(row.reasons ?? "");
  const [state, setState] = useState<RowState>({ phase: "idle" });
  const base = `outcome-${row.questionId}`;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!outcome) return setState({ phase: "error", message: "Choose an outcome first." });
    if (!reasons.trim()) return setState({ phase: "error", message: "Give the reasons for this outcome." });
    setState({ phase: "saving" });
    try {
      const saved = await saveOutcome(consultationId, row.questionId, { outcome, reasons: reasons.trim() });
      onSaved(saved);
      setState({ phase: "saved", message: `Saved: ${QUESTION_OUTCOME_LABELS[outcome]}.` });
    } catch (err) {
      setState({ phase: "error", message: asApiError(err).message });
    }
  };

  return (
    <form className="outcome" onSubmit={save} noValidate aria-labelledby={`${base}-title`} data-testid={`outcome-q${row.ordinal}`}>
      <h3 id={`${base}-title`} className="outcome__title">
        Question {row.ordinal}: {row.text}
      </h3>
      <div className="outcome__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${base}-select`}>
            Outcome for question {row.ordinal}
          </label>
          <select id={`${base}-select`} className="field__control" value={outcome} onChange={(e) => setOutcome(e.target.value as QuestionOutcomeKind | "")}>
            <option value="">Not decided yet</option>
            {QUESTION_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {QUESTION_OUTCOME_LABELS[o]}
              </option>
            ))}
          </select>
        </div>
        <div className="field outcome__reasons">
          <label className="field__label" htmlFor={`${base}-reasons`}>
            Reasons for question {row.ordinal}
          </label>
          <textarea
            id={`${base}-reasons`}
            className="field__control field__control--textarea"
            rows={3}
            maxLength={LIMITS.plainTextMax}
            value={reasons}
            onChange={(e) => setReasons(e.target.value)}
          />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--secondary" disabled={state.phase === "saving"}>
          {state.phase === "saving" ? "Saving…" : "Save"}
          <span className="visually-hidden"> the outcome for question {row.ordinal}</span>
        </button>
        {row.updatedAt && <span className="muted">Last saved {formatDateTime(row.updatedAt)}</span>}
      </div>
      <p role="status" className="outcome__status">
        {state.phase === "saved" ? state.message : ""}
      </p>
      {state.phase === "error" && (
        <p role="alert" className="inline-error">
          {state.message}
        </p>
      )}
    </form>
  );
}

export function OutcomeMatrix({ consultationId, onSaved }: { consultationId: string; onSaved?(): void }) {
  const { state, reload, update } = useResource(consultationId, (signal) => listOutcomes(consultationId, signal));
  return (
    <section aria-labelledby="outcomes-title" className="section dashboard__section" data-testid="outcomes">
      <h2 id="outcomes-title">Response matrix</h2>
      <p className="muted">For each question, what was done with the input and why. Published with the summary report.</p>
      {state.phase === "loading" && <p role="status">Loading the outcomes…</p>}
      {state.phase === "error" && (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">The outcomes could not be loaded.</p>
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload(false)}>
            Try again
          </button>
        </div>
      )}
      {state.phase === "ready" &&
        (state.data.length === 0 ? (
          <p>This consultation has no questions.</p>
        ) : (
          state.data.map((row) => (
            <OutcomeRow
              key={row.questionId}
              consultationId={consultationId}
              row={row}
              onSaved={(next) => {
                update((rows) => rows.map((r) => (r.questionId === next.questionId ? next : r)));
                onSaved?.();
              }}
            />
          ))
        ))}
    </section>
  );
}
