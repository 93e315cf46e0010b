// Coding open answers: pick a text question, then tick the codes that apply to each answer and save.
// The analyst sees only their own codes and how many analysts coded an answer, never who wrote it.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { CATEGORY_LABELS } from "../../../../../shared/categories.ts";
import { allQuestions } from "../../../../../shared/questionnaire/validate.ts";
import { ApiError } from "../../../api/client.ts";
import { getCodebook, listCoding, saveCoding, type Code, type CodingItem } from "../../../api/analysis.ts";
import { getQuestionnaire, type Questionnaire } from "../../../api/responses.ts";
import { Alert } from "../../../components/Alert.tsx";
import { Page } from "../../../components/Page.tsx";

const flatten = (codes: Code[]): Code[] => codes.flatMap((c) => [c, ...flatten(c.children)]);

function AnswerCoding({ item, codes, questionKey }: { item: CodingItem; codes: Code[]; questionKey: string }) {
  const { t } = useTranslation("analysis");
  const [chosen, setChosen] = useState<Set<string>>(new Set(item.myCodeIds ?? []));
  const [state, setState] = useState<{ saved: boolean; error: string | null }>({ saved: item.myCodeIds !== null, error: null });
  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const save = async () => {
    try {
      await saveCoding(item.responseId, questionKey, [...chosen]);
      setState({ saved: true, error: null });
    } catch (e) {
      setState({ saved: false, error: e instanceof ApiError ? e.message : String(e) });
    }
  };
  return (
    <li className="card" data-testid="coding-item">
      <p className="card__meta">
        {item.submissionNumber} · {CATEGORY_LABELS[item.category]} · {t("coding.codedBy", { count: item.codedBy })}
      </p>
      <blockquote>{item.text}</blockquote>
      <fieldset className="field">
        <legend className="field__label">{t("coding.codesFor", { number: item.submissionNumber })}</legend>
        {codes.map((c) => (
          <label key={c.id} className="choice" title={c.definition}>
            <input type="checkbox" checked={chosen.has(c.id)} onChange={() => toggle(c.id)} /> {c.path}
          </label>
        ))}
      </fieldset>
      <button type="button" className="button button--small" onClick={() => void save()}>{t("coding.save", { number: item.submissionNumber })}</button>
      {state.saved && <span role="status"> {t("coding.saved")}</span>}
      {state.error && <Alert>{state.error}</Alert>}
    </li>
  );
}

export function CodingPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation("analysis");
  const [questionnaire, setQuestionnaire] = useState<Questionnaire | null>(null);
  const [codes, setCodes] = useState<Code[]>([]);
  const [questionKey, setQuestionKey] = useState("");
  const [items, setItems] = useState<CodingItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const fail = (e: unknown) => setFailure(e instanceof ApiError ? e.message : String(e));

  useEffect(() => {
    const ac = new AbortController();
    getQuestionnaire(slug, ac.signal).then(setQuestionnaire, fail);
    getCodebook(slug, ac.signal).then((b) => setCodes(flatten(b.codes)), fail);
    return () => ac.abort();
  }, [slug]);
  const textQuestions = questionnaire ? allQuestions(questionnaire).filter((q) => q.type === "long_text" || q.type === "short_text") : [];
  const key = questionKey || textQuestions[0]?.key || "";
  useEffect(() => {
    if (!key) return;
    const ac = new AbortController();
    listCoding(slug, key, undefined, ac.signal).then((page) => {
      setItems(page.items);
      setNext(page.nextCursor);
    }, fail);
    return () => ac.abort();
  }, [slug, key]);
  const more = () => {
    if (next) listCoding(slug, key, next).then((page) => {
      setItems((prev) => [...(prev ?? []), ...page.items]);
      setNext(page.nextCursor);
    }, fail);
  };

  return (
    <Page title={t("coding.title")} lead={t("coding.lead")}>
      <p>
        <Link to={`/consultations/${slug}/codebook`}>{t("nav.codebook")}</Link> · <Link to={`/consultations/${slug}/analysis`}>{t("nav.results")}</Link>
      </p>
      {failure && <Alert>{failure}</Alert>}
      {textQuestions.length > 1 && (
        <div className="field">
          <label htmlFor="coding-question" className="field__label">{t("coding.question")}</label>
          <select id="coding-question" className="field__control" value={key} onChange={(e) => setQuestionKey(e.target.value)}>
            {textQuestions.map((q) => <option key={q.key} value={q.key}>{q.label}</option>)}
          </select>
        </div>
      )}
      {codes.length === 0 && <p>{t("codebook.empty")}</p>}
      {items && items.length === 0 && <p>{t("coding.none")}</p>}
      <ul className="published-responses">
        {items?.map((item) => <AnswerCoding key={`${key}-${item.responseId}`} item={item} codes={codes} questionKey={key} />)}
      </ul>
      {next && <button type="button" className="button" onClick={more}>{t("coding.more")}</button>}
    </Page>
  );
}
