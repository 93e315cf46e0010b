// The organiser's questionnaire builder: sections and questions edited as the JSON the API takes,
// checked as they type with the same shared rules as the server (schema, then structure), and saved.
import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { zPutQuestionnaireBody } from "../../../../shared/schemas/responses.ts";
import { checkQuestionnaire } from "../../../../shared/questionnaire/validate.ts";
import { ApiError } from "../../api/client.ts";
import { getQuestionnaire, putQuestionnaire } from "../../api/responses.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";

const STARTER = {
  title: "Questionnaire",
  sections: [{ key: "about", title: "About you", questions: [{ key: "role", label: "You answer as", type: "single_choice", required: true, options: [{ key: "individual", label: "An individual" }, { key: "organisation", label: "An organisation" }] }] }],
};

export function QuestionnaireBuilderPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation("responses");
  const [text, setText] = useState(JSON.stringify(STARTER, null, 2));
  const [locked, setLocked] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    getQuestionnaire(slug, ac.signal).then(
      (q) => {
        const { title, introduction, sections } = q;
        setText(JSON.stringify({ title, ...(introduction ? { introduction } : {}), sections }, null, 2));
        setLocked(q.lockedReason);
      },
      () => {},
    );
    return () => ac.abort();
  }, [slug]);

  const problems = useMemo(() => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return [t("builder.notJson", { message: (e as Error).message })];
    }
    const parsed = zPutQuestionnaireBody.safeParse(json);
    if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    return checkQuestionnaire(parsed.data).map((i) => `${i.path}: ${i.message}`);
  }, [text, t]);

  async function save() {
    setFailure(null);
    setSaved(null);
    try {
      const q = await putQuestionnaire(slug, JSON.parse(text));
      setSaved(t("builder.saved", { version: q.version }));
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <Page title={t("builder.title")} lead={t("builder.lead")}>
      {locked && <Alert>{locked}</Alert>}
      <label htmlFor="definition" className="field__label">{t("builder.definition")}</label>
      <textarea id="definition" className="field__control code" rows={30} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
      {problems.length > 0 ? (
        <ul className="field__error" aria-live="polite">{problems.map((p) => <li key={p}>{p}</li>)}</ul>
      ) : (
        <p role="status">{t("builder.valid")}</p>
      )}
      {failure && <Alert>{failure}</Alert>}
      {saved && <p role="status" className="alert alert--success">{saved}</p>}
      <button type="button" className="button button--primary" disabled={problems.length > 0} onClick={() => void save()}>{t("builder.save")}</button>{" "}
      <Link to={`/consultations/${slug}/respond`}>{t("builder.preview")}</Link>
    </Page>
  );
}
