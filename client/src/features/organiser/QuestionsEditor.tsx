// The questions of a consultation: add, edit, reorder, remove. Once contributions exist the server
// fixes them; the editor then shows them read-only with the server's reason.
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";

export interface DraftQuestion {
  /** A stable key for React; the server's id when the question exists already. */
  key: string;
  id?: string;
  text: string;
  explanation: string;
}

let nextKey = 0;
export const newQuestion = (): DraftQuestion => ({ key: `new-${nextKey++}`, text: "", explanation: "" });

interface Props {
  questions: DraftQuestion[];
  onChange(next: DraftQuestion[]): void;
  lockedReason: string | null;
  error?: string;
}

export function QuestionsEditor({ questions, onChange, lockedReason, error }: Props) {
  const { t } = useTranslation("console");
  const set = (i: number, patch: Partial<DraftQuestion>) => onChange(questions.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...questions];
    const [q] = next.splice(i, 1);
    next.splice(i + by, 0, q!);
    onChange(next);
    // Keep focus on the moved question's button so a keyboard user can move it again.
    requestAnimationFrame(() => document.getElementById(`question-${q!.key}-${by < 0 ? "up" : "down"}`)?.focus());
  };

  if (lockedReason) {
    return (
      <fieldset className="field questions-editor" aria-describedby="questions-locked">
        <legend className="field__label">{t("form.questions")}</legend>
        <p id="questions-locked" className="notice" data-testid="questions-locked">
          {lockedReason}
        </p>
        <ol className="questions-editor__readonly">
          {questions.map((q) => (
            <li key={q.key}>{q.text}</li>
          ))}
        </ol>
      </fieldset>
    );
  }

  return (
    <fieldset className={error ? "field field--error questions-editor" : "field questions-editor"} id="questions" tabIndex={-1}>
      <legend className="field__label">{t("form.questions")}</legend>
      <p className="field__hint">{t("form.questionsHint")}</p>
      {error && <p className="field__error">{error}</p>}
      <ol className="questions-editor__list">
        {questions.map((q, i) => (
          <li key={q.key} className="questions-editor__item" data-testid="question-editor">
            <div className="field">
              <label className="field__label" htmlFor={`question-${q.key}-text`}>
                {t("form.questionText", { n: i + 1 })}
              </label>
              <textarea
                id={`question-${q.key}-text`}
                className="field__control field__control--textarea"
                rows={2}
                maxLength={LIMITS.questionTextMax}
                value={q.text}
                required
                onChange={(e) => set(i, { text: e.target.value })}
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`question-${q.key}-explanation`}>
                {t("form.questionExplanation", { n: i + 1 })}
                <span className="field__optional"> {t("form.optional")}</span>
              </label>
              <textarea
                id={`question-${q.key}-explanation`}
                className="field__control field__control--textarea"
                rows={2}
                value={q.explanation}
                onChange={(e) => set(i, { explanation: e.target.value })}
              />
            </div>
            <div className="button-row">
              <button type="button" id={`question-${q.key}-up`} className="button button--small button--secondary" disabled={i === 0} onClick={() => move(i, -1)}>
                {t("form.moveUp")}
                <span className="visually-hidden"> {t("form.questionN", { n: i + 1 })}</span>
              </button>
              <button type="button" id={`question-${q.key}-down`} className="button button--small button--secondary" disabled={i === questions.length - 1} onClick={() => move(i, 1)}>
                {t("form.moveDown")}
                <span className="visually-hidden"> {t("form.questionN", { n: i + 1 })}</span>
              </button>
              <button type="button" className="button button--small button--quiet" onClick={() => onChange(questions.filter((_, j) => j !== i))}>
                {t("form.removeQuestion")}
                <span className="visually-hidden"> {t("form.questionN", { n: i + 1 })}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        disabled={questions.length >= LIMITS.questionsMax}
        onClick={() => {
          const q = newQuestion();
          onChange([...questions, q]);
          requestAnimationFrame(() => document.getElementById(`question-${q.key}-text`)?.focus());
        }}
      >
        {t("form.addQuestion")}
      </button>
    </fieldset>
  );
}
