// The response matrix: what the organisers did with each question's input, and why. One row per
// question, saved on its own; the server checks the reasons are there and records the change in the
// audit log. The outcomes are printed in the summary report.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QUESTION_OUTCOMES, type QuestionOutcomeKind } from "../../../../shared/schemas/exports.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { asApiError } from "../../api/client.ts";
import { listOutcomes, saveOutcome, type QuestionOutcomeRow } from "../../api/exports.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";

type RowState = { phase: "idle" } | { phase: "saving" } | { phase: "saved"; message: string } | { phase: "error"; message: string };

function OutcomeRow({ consultationId, row, onSaved }: { consultationId: string; row: QuestionOutcomeRow; onSaved(next: QuestionOutcomeRow): void }) {
  const { t } = useTranslation("dashboard");
  const [outcome, setOutcome] = useState<QuestionOutcomeKind | "">(row.outcome ?? "");
  const [reasons, setReasons] = useState(row.reasons ?? "");
  const [state, setState] = useState<RowState>({ phase: "idle" });
  const base = `outcome-${row.questionId}`;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!outcome) return setState({ phase: "error", message: t("outcomes.chooseFirst") });
    if (!reasons.trim()) return setState({ phase: "error", message: t("outcomes.giveReasons") });
    setState({ phase: "saving" });
    try {
      const saved = await saveOutcome(consultationId, row.questionId, { outcome, reasons: reasons.trim() });
      onSaved(saved);
      setState({ phase: "saved", message: t("outcomes.saved", { outcome: t(`vocabulary:outcome.${outcome}`) }) });
    } catch (err) {
      setState({ phase: "error", message: asApiError(err).message });
    }
  };

  return (
    <form className="outcome" onSubmit={save} noValidate aria-labelledby={`${base}-title`} data-testid={`outcome-q${row.ordinal}`}>
      <h3 id={`${base}-title`} className="outcome__title">
        {t("consultations:startThread.questionOption", { ordinal: row.ordinal, text: row.text })}
      </h3>
      <div className="outcome__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${base}-select`}>
            {t("outcomes.outcomeFor", { ordinal: row.ordinal })}
          </label>
          <select id={`${base}-select`} className="field__control" value={outcome} onChange={(e) => setOutcome(e.target.value as QuestionOutcomeKind | "")}>
            <option value="">{t("outcomes.notDecided")}</option>
            {QUESTION_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`vocabulary:outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field outcome__reasons">
          <label className="field__label" htmlFor={`${base}-reasons`}>
            {t("outcomes.reasonsFor", { ordinal: row.ordinal })}
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
          {state.phase === "saving" ? t("outcomes.saving") : t("outcomes.save")}
          <span className="visually-hidden">{t("outcomes.saveHidden", { ordinal: row.ordinal })}</span>
        </button>
        {row.updatedAt && <span className="muted">{t("outcomes.lastSaved", { date: formatDateTime(row.updatedAt) })}</span>}
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
  const { t } = useTranslation("dashboard");
  const viewerKey = useViewerKey();
  const queryClient = useQueryClient();
  const outcomesKey = keys.outcomes(consultationId, viewerKey);
  const query = useQuery({ queryKey: outcomesKey, queryFn: ({ signal }) => listOutcomes(consultationId, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);
  return (
    <section aria-labelledby="outcomes-title" className="section dashboard__section" data-testid="outcomes">
      <h2 id="outcomes-title">{t("outcomes.title")}</h2>
      <p className="muted">{t("outcomes.lead")}</p>
      {state.phase === "loading" && <p role="status">{t("outcomes.loading")}</p>}
      {state.phase === "error" && (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">{t("outcomes.notLoaded")}</p>
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
            {t("common:tryAgain")}
          </button>
        </div>
      )}
      {state.phase === "ready" &&
        (state.data.length === 0 ? (
          <p>{t("noQuestions")}</p>
        ) : (
          state.data.map((row) => (
            <OutcomeRow
              key={row.questionId}
              consultationId={consultationId}
              row={row}
              onSaved={(next) => {
                queryClient.setQueryData<QuestionOutcomeRow[]>(outcomesKey, (rows) => rows?.map((r) => (r.questionId === next.questionId ? next : r)));
                onSaved?.();
              }}
            />
          ))
        ))}
    </section>
  );
}
