// The respondent's form: answer as an individual or for an organisation one represents, save a draft and
// come back, submit once, amend until closing, and get the receipt. Questions appear and disappear with
// the same shared rules the server applies, and its messages are shown beside the questions they name.
import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { CONSENT_CHOICES, type ConsentChoice, type TAnswers, type TAnswerValue } from "../../../../shared/schemas/responses.ts";
import { shownQuestionKeys } from "../../../../shared/questionnaire/validate.ts";
import { ApiError } from "../../api/client.ts";
import { deleteAttachment, getQuestionnaire, listMyResponses, receiptUrl, saveMyResponse, uploadAttachment, type OwnResponse, type Questionnaire } from "../../api/responses.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";
import { useSession } from "../session/SessionContext.tsx";
import { QuestionField } from "./QuestionField.tsx";

const INDIVIDUAL = "";

export function RespondPage() {
  const { slug = "" } = useParams();
  const { t, i18n } = useTranslation("responses");
  const session = useSession();
  const [questionnaire, setQuestionnaire] = useState<Questionnaire | null>(null);
  const [mine, setMine] = useState<OwnResponse[]>([]);
  const [capacity, setCapacity] = useState(INDIVIDUAL);
  const [answers, setAnswers] = useState<TAnswers>({});
  const [consent, setConsent] = useState<ConsentChoice | undefined>();
  const [country, setCountry] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const ac = new AbortController();
    getQuestionnaire(slug, ac.signal).then(setQuestionnaire, (e: unknown) => setFailure(e instanceof ApiError ? e.message : String(e)));
    if (session.user) listMyResponses(slug, ac.signal).then(setMine, () => {});
    return () => ac.abort();
  }, [slug, session.user]);

  const current = mine.find((r) => (r.organisation?.id ?? INDIVIDUAL) === capacity) ?? null;
  useEffect(() => {
    setAnswers(current?.answers ?? {});
    setConsent(current?.consent ?? undefined);
    setCountry(current?.country ?? "");
    setErrors({});
  }, [current?.id, capacity]); // eslint-disable-line react-hooks/exhaustive-deps

  const shown = useMemo(() => (questionnaire ? shownQuestionKeys(questionnaire, answers) : new Set<string>()), [questionnaire, answers]);
  const organisations = (session.user?.organisations ?? []).filter((o) => o.role === "representative" && o.verified);

  if (failure && !questionnaire) return <Page title={t("respond.title")}><Alert>{failure}</Alert></Page>;
  if (!questionnaire) return <Page title={t("respond.title")}><p>{t("loading")}</p></Page>;

  const setAnswer = (key: string, v: TAnswerValue | undefined) =>
    setAnswers((prev) => {
      const next = { ...prev };
      if (v === undefined) delete next[key];
      else next[key] = v;
      return next;
    });

  async function save(submit: boolean) {
    setBusy(true);
    setMessage(null);
    setFailure(null);
    try {
      const visible = Object.fromEntries(Object.entries(answers).filter(([k]) => shown.has(k)));
      const saved = await saveMyResponse(slug, { organisationId: capacity || undefined, answers: visible, consent, country: country || undefined, submit });
      setMine((prev) => [...prev.filter((r) => r.id !== saved.id), saved]);
      setErrors({});
      setMessage(submit ? t("respond.submitted", { number: saved.submissionNumber }) : t("respond.draftSaved"));
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(Object.fromEntries(e.details.map((d) => [d.path.replace(/^answers\./, ""), d.message])));
        setFailure(e.message);
      } else setFailure(String(e));
    } finally {
      setBusy(false);
    }
  }

  /**
   * A file goes into the saved response (a draft is saved first if there is none yet), then its id into the
   * question's answer; a draft is saved again so that coming back finds it. An amendment keeps it in the
   * form until it is submitted.
   */
  async function changeFiles(questionKey: string, change: { add: File } | { remove: string }) {
    setBusy(true);
    setMessage(null);
    setFailure(null);
    try {
      const visible = Object.fromEntries(Object.entries(answers).filter(([k]) => shown.has(k)));
      const body = { organisationId: capacity || undefined, consent, country: country || undefined, submit: false };
      const previous = Array.isArray(visible[questionKey]) ? (visible[questionKey] as string[]) : [];
      let base = current;
      let nextIds: string[];
      if ("add" in change) {
        base ??= await saveMyResponse(slug, { ...body, answers: { ...visible, [questionKey]: [] } });
        const attachment = await uploadAttachment(base.id, questionKey, change.add);
        base = { ...base, attachments: [...base.attachments, attachment] };
        nextIds = [...previous, attachment.id];
      } else {
        nextIds = previous.filter((fileId) => fileId !== change.remove);
      }
      const nextAnswers = { ...visible, [questionKey]: nextIds };
      let updated = base!;
      if (updated.status === "draft") {
        updated = await saveMyResponse(slug, { ...body, answers: nextAnswers });
        // A file no submitted version lists is deleted outright once the draft no longer lists it.
        if ("remove" in change) {
          await deleteAttachment(updated.id, change.remove);
          updated = { ...updated, attachments: updated.attachments.filter((a) => a.id !== change.remove) };
        }
      }
      setMine((prev) => [...prev.filter((r) => r.id !== updated.id), updated]);
      setAnswers(nextAnswers);
      setErrors({});
      setMessage("add" in change ? t("files.added") : t("files.removed"));
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors({ [questionKey]: e.message });
        setFailure(e.message);
      } else setFailure(String(e));
    } finally {
      setBusy(false);
    }
  }

  const submitted = current?.status === "submitted";
  const canEdit = questionnaire.abilities.respond && (current ? current.abilities.edit : true);
  const dateTime = (iso: string) => new Intl.DateTimeFormat(i18n.language, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(new Date(iso));

  return (
    <Page title={questionnaire.title} lead={questionnaire.introduction}>
      {!session.user && <Alert>{t("respond.logIn")}</Alert>}
      {organisations.length > 0 && (
        <div className="field">
          <label htmlFor="capacity" className="field__label">{t("respond.capacity")}</label>
          <select id="capacity" className="field__control" value={capacity} onChange={(e) => setCapacity(e.target.value)}>
            <option value={INDIVIDUAL}>{t("respond.asIndividual")}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>{t("respond.onBehalfOf", { name: o.name })}</option>
            ))}
          </select>
        </div>
      )}
      {current && (
        <p className="response-status" data-testid="response-status">
          {submitted ? t("respond.statusSubmitted", { number: current.submissionNumber, version: current.version, date: dateTime(current.amendedAt ?? current.submittedAt!) }) : t("respond.statusDraft")}
          {submitted && (
            <>
              {" "}<a href={receiptUrl(current.id, "html")}>{t("respond.receiptHtml")}</a> · <a href={receiptUrl(current.id, "pdf")}>{t("respond.receiptPdf")}</a>
            </>
          )}
        </p>
      )}
      {current?.redactions.length ? (
        <div className="alert">
          <p>{t("respond.redacted")}</p>
          <ul>{current.redactions.map((r) => <li key={r.id}>{r.reason}</li>)}</ul>
        </div>
      ) : null}
      <form onSubmit={(e) => { e.preventDefault(); void save(true); }}>
        {questionnaire.sections.map((s) => {
          const questions = s.questions.filter((q) => shown.has(q.key));
          if (questions.length === 0) return null;
          return (
            <section key={s.key} className="questionnaire-section">
              <h2>{s.title}</h2>
              {s.description && <p>{s.description}</p>}
              {questions.map((q) => (
                <QuestionField
                  key={q.key}
                  question={q}
                  value={answers[q.key]}
                  error={errors[q.key]}
                  onChange={(v) => setAnswer(q.key, v)}
                  files={{
                    attachments: current?.attachments ?? [],
                    disabled: busy || !canEdit || !session.user,
                    onAdd: (file) => void changeFiles(q.key, { add: file }),
                    onRemove: (fileId) => void changeFiles(q.key, { remove: fileId }),
                  }}
                />
              ))}
            </section>
          );
        })}
        {!capacity && (
          <div className="field">
            <label htmlFor="country" className="field__label">{t("respond.country")}</label>
            <input id="country" className="field__control" maxLength={2} value={country} onChange={(e) => setCountry(e.target.value.toUpperCase())} />
          </div>
        )}
        <fieldset className="field">
          <legend className="field__label">{t("consent.legend")}</legend>
          {CONSENT_CHOICES.filter((c) => !(capacity && c === "publish_anonymous")).map((c) => (
            <label key={c} className="choice">
              <input type="radio" name="consent" value={c} checked={consent === c} onChange={() => setConsent(c)} /> {t(`consent.${c}`)}
            </label>
          ))}
          {capacity && <p className="field__hint">{t("consent.organisationsNamed")}</p>}
          {errors.consent && <p className="field__error" role="alert">{errors.consent}</p>}
        </fieldset>
        {failure && <Alert>{failure}</Alert>}
        {message && <p role="status" className="alert alert--success">{message}</p>}
        {canEdit && (
          <div className="actions">
            {!submitted && (
              <button type="button" className="button" disabled={busy} onClick={() => void save(false)}>{t("respond.saveDraft")}</button>
            )}
            <button type="submit" className="button button--primary" disabled={busy}>{submitted ? t("respond.amend") : t("respond.submit")}</button>
          </div>
        )}
        {!canEdit && <p>{t("respond.closed")}</p>}
      </form>
    </Page>
  );
}
