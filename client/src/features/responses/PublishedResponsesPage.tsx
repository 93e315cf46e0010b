// The published responses of a consultation, as their respondents agreed (names or not, redactions
// masked), filtered by stakeholder category, country and the answer to a choice question.
import { useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import { allQuestions } from "../../../../shared/questionnaire/validate.ts";
import { formatAnswer } from "../../../../shared/questionnaire/format.ts";
import { ApiError } from "../../api/client.ts";
import { getQuestionnaire, listPublished, reportImpersonation, type PublishedList, type Questionnaire } from "../../api/responses.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";

export function PublishedResponsesPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation("responses");
  const [params, setParams] = useSearchParams();
  const [questionnaire, setQuestionnaire] = useState<Questionnaire | null>(null);
  const [list, setList] = useState<PublishedList | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const filter = { category: params.get("category") ?? undefined, country: params.get("country") ?? undefined, question: params.get("question") ?? undefined, answer: params.get("answer") ?? undefined };

  useEffect(() => {
    const ac = new AbortController();
    getQuestionnaire(slug, ac.signal).then(setQuestionnaire, () => {});
    return () => ac.abort();
  }, [slug]);
  useEffect(() => {
    const ac = new AbortController();
    listPublished(slug, filter, ac.signal).then(setList, (e: unknown) => !ac.signal.aborted && setFailure(e instanceof ApiError ? e.message : String(e)));
    return () => ac.abort();
  }, [slug, params.toString()]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (next: Record<string, string | undefined>) => {
    const merged = { ...filter, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)) as Record<string, string>);
  };
  const choiceQuestions = questionnaire ? allQuestions(questionnaire).filter((q) => q.type === "single_choice" || q.type === "multiple_choice") : [];
  const filterQuestion = choiceQuestions.find((q) => q.key === filter.question);
  const questions = questionnaire ? allQuestions(questionnaire) : [];

  return (
    <Page title={t("published.title")} lead={list ? t("published.count", { count: list.total }) : undefined}>
      {list && (list.counts.suspectedAutomated > 0 || list.counts.reportedImpersonation > 0) && (
        <p data-testid="flag-counts">{t("flags.counts", { automated: list.counts.suspectedAutomated, impersonation: list.counts.reportedImpersonation })}</p>
      )}
      <p>
        <Link to={`/consultations/${slug}/campaigns`}>{t("published.campaignsLink")}</Link> · <a href={`/api/consultations/${slug}/exports/responses.csv`}>{t("published.csv")}</a>
      </p>
      <form role="search" aria-label={t("published.filters")} className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="filters__field">
          <label htmlFor="f-category" className="field__label">{t("published.category")}</label>
          <select id="f-category" className="field__control" value={filter.category ?? ""} onChange={(e) => set({ category: e.target.value || undefined })}>
            <option value="">{t("published.anyCategory")}</option>
            {STAKEHOLDER_CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>)}
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor="f-country" className="field__label">{t("published.country")}</label>
          <input id="f-country" className="field__control" maxLength={2} defaultValue={filter.country ?? ""} onBlur={(e) => set({ country: e.target.value.toUpperCase() || undefined })} />
        </div>
        {choiceQuestions.length > 0 && (
          <div className="filters__field">
            <label htmlFor="f-question" className="field__label">{t("published.question")}</label>
            <select id="f-question" className="field__control" value={filter.question ?? ""} onChange={(e) => set({ question: e.target.value || undefined, answer: undefined })}>
              <option value="">{t("published.anyAnswer")}</option>
              {choiceQuestions.map((q) => <option key={q.key} value={q.key}>{q.label}</option>)}
            </select>
          </div>
        )}
        {filterQuestion && "options" in filterQuestion && (
          <div className="filters__field">
            <label htmlFor="f-answer" className="field__label">{t("published.answer")}</label>
            <select id="f-answer" className="field__control" value={filter.answer ?? ""} onChange={(e) => set({ answer: e.target.value || undefined })}>
              <option value="">{t("published.chooseAnswer")}</option>
              {filterQuestion.options.map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}
            </select>
          </div>
        )}
      </form>
      {failure && <Alert>{failure}</Alert>}
      {list && list.items.length === 0 && <p>{t("published.none")}</p>}
      <ul className="published-responses">
        {list?.items.map((r) => (
          <li key={r.id} id={`response-${r.id}`} className="card" data-testid="published-response">
            <p className="card__meta">
              <strong>{r.organisation ? `${r.organisation.name}${r.organisation.registerNumber ? ` (${r.organisation.registerNumber})` : ""}` : r.respondent ?? t("published.anonymous")}</strong> · {CATEGORY_LABELS[r.category]}
              {r.country ? ` · ${r.country}` : ""} · {r.submissionNumber}
            </p>
            {r.suspectedAutomated && <p className="field__hint" data-testid="flag-automated">{t("flags.suspectedAutomated")}</p>}
            {r.reportedImpersonation && <p className="field__hint" data-testid="flag-impersonation">{t("flags.reportedImpersonation")}</p>}
            <dl>
              {questions.filter((q) => r.answers[q.key] !== undefined && q.type !== "file_upload").map((q) => (
                <div key={q.key}>
                  <dt>{q.label}</dt>
                  {formatAnswer(q, r.answers[q.key]).map((line, i) => <dd key={i}>{line}</dd>)}
                </div>
              ))}
              {r.attachments.length > 0 && (
                <div>
                  <dt>{t("flags.files")}</dt>
                  {r.attachments.map((a) => (
                    <dd key={a.id}>
                      <a href={a.url}>{a.fileName}</a>
                    </dd>
                  ))}
                </div>
              )}
            </dl>
            <ReportImpersonation responseId={r.id} submissionNumber={r.submissionNumber} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

/** "Submitted in my name without my consent": counted once the reporter confirms the link mailed to them. */
function ReportImpersonation({ responseId, submissionNumber }: { responseId: string; submissionNumber: string }) {
  const { t } = useTranslation("responses");
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [statement, setStatement] = useState("");
  const [state, setState] = useState<{ phase: "idle" | "sending" | "sent" } | { phase: "error"; message: string }>({ phase: "idle" });
  if (state.phase === "sent") return <p role="status">{t("report.sent")}</p>;
  if (!open) {
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        {t("report.open")}
      </button>
    );
  }
  const send = async () => {
    setState({ phase: "sending" });
    try {
      await reportImpersonation(responseId, { email, statement });
      setState({ phase: "sent" });
    } catch (e) {
      setState({ phase: "error", message: e instanceof ApiError ? e.message : String(e) });
    }
  };
  const emailId = `report-email-${responseId}`;
  const statementId = `report-statement-${responseId}`;
  return (
    <form onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <fieldset className="field">
        <legend className="field__label">{t("report.legend", { number: submissionNumber })}</legend>
        <label htmlFor={emailId} className="field__label">{t("report.email")}</label>
        <input id={emailId} type="email" required className="field__control" value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor={statementId} className="field__label">{t("report.statement")}</label>
        <textarea id={statementId} required className="field__control" value={statement} onChange={(e) => setStatement(e.target.value)} />
      </fieldset>
      {state.phase === "error" && <Alert>{state.message}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={state.phase === "sending"}>{t("report.send")}</button>
        <button type="button" className="button" onClick={() => setOpen(false)}>{t("report.cancel")}</button>
      </div>
    </form>
  );
}
