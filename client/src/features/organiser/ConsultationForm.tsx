// Create or edit a consultation: every field the API takes, validated with the shared schema before it
// is sent, the server's field errors shown beside their fields. The rules that hold after the draft
// (access mode fixed, questions fixed once contributions exist) are the server's; the form shows them.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  ACCESS_MODES,
  LANGUAGES,
  MODERATION_MODES,
  zCreateConsultationBody,
  zUpdateConsultationBody,
  type AccessMode,
  type ModerationMode,
} from "../../../../shared/schemas/consultations.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { ApiError, asApiError } from "../../api/client.ts";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { Alert } from "../../components/Alert.tsx";
import { FieldFrame, fieldMessage } from "../../components/fields.tsx";
import { Composer } from "../composer/Composer.tsx";
import { createConsultation, saveConsultation } from "./api.ts";
import { fromLocalInput, localTimeZone, toLocalInput } from "./dates.ts";
import { QuestionsEditor, newQuestion, type DraftQuestion } from "./QuestionsEditor.tsx";

/** The consultation as the organiser's page receives it (present.ts adds these for editors). */
export type EditableConsultation = ConsultationDetail & {
  questionsLockedReason?: string | null;
  abilities: ConsultationDetail["abilities"] & { editQuestions?: boolean };
};

type Field = "title" | "slug" | "summary" | "background" | "language" | "accessMode" | "moderationMode" | "flagHideThreshold" | "opensAt" | "closesAt";
const FIELD_ORDER: Field[] = ["title", "slug", "summary", "background", "language", "accessMode", "moderationMode", "flagHideThreshold", "opensAt", "closesAt"];

function initialValues(c?: EditableConsultation): Record<Field, string> {
  return {
    title: c?.title ?? "",
    slug: c?.slug ?? "",
    summary: c?.summary ?? "",
    background: c?.backgroundSource ?? "",
    language: c?.language ?? "en",
    accessMode: c?.accessMode ?? "open",
    moderationMode: c?.moderationMode ?? "post",
    flagHideThreshold: String(c?.flagHideThreshold ?? 3),
    opensAt: toLocalInput(c?.opensAt),
    closesAt: toLocalInput(c?.closesAt),
  };
}

interface Props {
  /** Absent: a new consultation. */
  consultation?: EditableConsultation;
  onSaved(next: ConsultationDetail): void;
  onCancel?(): void;
}

export function ConsultationForm({ consultation: c, onSaved, onCancel }: Props) {
  const { t } = useTranslation("console");
  const formId = useId();
  const [values, setValues] = useState(() => initialValues(c));
  const [questions, setQuestions] = useState<DraftQuestion[]>(() =>
    c ? c.questions.map((q) => ({ key: q.id, id: q.id, text: q.text, explanation: q.explanation ?? "" })) : [newQuestion()],
  );
  const [errors, setErrors] = useState<Partial<Record<Field | "questions", string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const idOf = (name: Field) => `${formId}-${name}`;
  const lockedReason = c && c.abilities.editQuestions === false ? (c.questionsLockedReason ?? t("form.questionsLocked")) : null;
  const accessFixed = c !== undefined && c.status !== "draft";
  const zone = localTimeZone();

  const labels: Record<Field | "questions", string> = {
    title: t("form.title"),
    slug: t("form.slug"),
    summary: t("form.summary"),
    background: t("form.background"),
    language: t("form.language"),
    accessMode: t("form.accessMode"),
    moderationMode: t("form.moderationMode"),
    flagHideThreshold: t("form.flagHideThreshold"),
    opensAt: t("form.opensAt"),
    closesAt: t("form.closesAt"),
    questions: t("form.questions"),
  };

  const bind = (name: Field) => ({
    id: idOf(name),
    name,
    value: values[name],
    error: errors[name],
    onChange: (e: { target: { value: string } }) => {
      const value = e.target.value;
      setValues((v) => ({ ...v, [name]: value }));
      // A fixed field loses its old message at once (stale errors mislead).
      setErrors((er) => (er[name] ? { ...er, [name]: undefined } : er));
    },
  });

  const buildInput = () => {
    const opensAt = fromLocalInput(values.opensAt);
    const closesAt = fromLocalInput(values.closesAt);
    return {
      title: values.title,
      ...(values.slug.trim() ? { slug: values.slug } : {}),
      summary: values.summary,
      background: values.background,
      language: values.language,
      ...(accessFixed ? {} : { accessMode: values.accessMode }),
      moderationMode: values.moderationMode,
      flagHideThreshold: Number(values.flagHideThreshold),
      opensAt: opensAt === undefined ? values.opensAt : opensAt,
      closesAt: closesAt === undefined ? values.closesAt : closesAt,
      ...(lockedReason ? {} : { questions: questions.map((q) => ({ ...(q.id ? { id: q.id } : {}), text: q.text, ...(q.explanation.trim() ? { explanation: q.explanation } : {}) })) }),
    };
  };

  const showErrors = (list: { path: string; message: string }[], fallback: string | null) => {
    const next: Partial<Record<Field | "questions", string>> = {};
    for (const { path, message } of list) {
      const name = path.split(".")[0] as Field | "questions";
      if (name in labels && !next[name]) next[name] = fieldMessage(labels[name], message);
    }
    setErrors(next);
    setFormError(Object.keys(next).length ? t("form.fixErrors") : fallback);
    const first = [...FIELD_ORDER, "questions" as const].find((n) => next[n]);
    if (first) requestAnimationFrame(() => document.getElementById(first === "questions" ? "questions" : idOf(first))?.focus());
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const input = buildInput();
    const parsed = (c ? zUpdateConsultationBody : zCreateConsultationBody).safeParse(input);
    if (!parsed.success) {
      showErrors(parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })), parsed.error.issues[0]?.message ?? null);
      return;
    }
    setErrors({});
    setFormError(null);
    setSaving(true);
    try {
      const next = c ? await saveConsultation(c.id, input as never) : await createConsultation(input as never);
      onSaved(next);
    } catch (err) {
      const apiError = asApiError(err);
      showErrors(apiError instanceof ApiError ? apiError.details : [], apiError.message);
    } finally {
      setSaving(false);
    }
  };

  const select = (name: Field, options: readonly { value: string; label: string }[], extra?: { disabled?: boolean; hint?: string }) => (
    <FieldFrame id={idOf(name)} label={labels[name]} hint={extra?.hint} error={errors[name]}>
      {(describedBy) => (
        <select {...bind(name)} className="field__control" aria-describedby={describedBy} aria-invalid={errors[name] ? true : undefined} disabled={extra?.disabled}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );

  const input = (name: Field, props: { type?: string; hint?: string; optional?: boolean; maxLength?: number; min?: number; max?: number }) => (
    <FieldFrame id={idOf(name)} label={labels[name]} hint={props.hint} optional={props.optional} error={errors[name]}>
      {(describedBy) => (
        <input
          {...bind(name)}
          type={props.type ?? "text"}
          className="field__control"
          aria-describedby={describedBy}
          aria-invalid={errors[name] ? true : undefined}
          required={!props.optional}
          maxLength={props.maxLength}
          min={props.min}
          max={props.max}
        />
      )}
    </FieldFrame>
  );

  return (
    <form className="consultation-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={c ? t("form.editLabel") : t("form.createLabel")}>
      {formError && <Alert>{formError}</Alert>}
      {input("title", { maxLength: LIMITS.titleMax })}
      {input("slug", { optional: !c, hint: t("form.slugHint"), maxLength: LIMITS.slugMax })}
      <FieldFrame id={idOf("summary")} label={labels.summary} error={errors.summary} hint={t("form.summaryHint")}>
        {(describedBy) => (
          <textarea
            {...bind("summary")}
            rows={3}
            className="field__control field__control--textarea"
            aria-describedby={describedBy}
            aria-invalid={errors.summary ? true : undefined}
            required
            maxLength={LIMITS.summaryMax}
          />
        )}
      </FieldFrame>
      <Composer label={labels.background} binding={bind("background")} hint={t("form.backgroundHint")} rows={8} />
      {select(
        "language",
        LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) })),
        { hint: t("form.languageHint") },
      )}
      {select(
        "accessMode",
        ACCESS_MODES.map((m: AccessMode) => ({ value: m, label: t(`access.${m}`) })),
        { disabled: accessFixed, hint: accessFixed ? t("form.accessFixed") : t("form.accessHint") },
      )}
      {select(
        "moderationMode",
        MODERATION_MODES.map((m: ModerationMode) => ({ value: m, label: t(`moderation.${m}`) })),
      )}
      {input("flagHideThreshold", { type: "number", min: 1, max: 100, hint: t("form.flagHideThresholdHint") })}
      <fieldset className="field consultation-form__dates">
        <legend className="field__label">{t("form.dates")}</legend>
        <p className="field__hint" data-testid="time-zone">
          {t("form.datesHint", { zone })}
        </p>
        {input("opensAt", { type: "datetime-local", optional: true })}
        {input("closesAt", { type: "datetime-local", optional: true })}
      </fieldset>
      <QuestionsEditor questions={questions} onChange={setQuestions} lockedReason={lockedReason} error={errors.questions} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t("form.saving") : c ? t("form.save") : t("form.create")}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t("form.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
