// Proposing an amendment to a unit or to the words selected in it: replace, delete, or insert a new
// provision after the unit, with a justification, sources and a declaration of interests (as positions
// have). Validated with the schema the server uses; the selection's quote lets the server refuse a
// selection made on a text that has changed meanwhile.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { EVIDENCE_KINDS } from "../../../../shared/schemas/positions.ts";
import { zCreateAmendmentBody, type AmendmentKind } from "../../../../shared/schemas/texts.ts";
import type { EvidenceKind } from "../../api/positions.ts";
import { Alert } from "../../components/Alert.tsx";
import { RadioGroup, TextAreaField, TextField } from "../../components/fields.tsx";
import { useApiForm } from "../../lib/useApiForm.ts";
import { Composer } from "../composer/Composer.tsx";
import { SpeakAsField } from "../composer/SpeakAsField.tsx";
import { proposeAmendment, type Amendment } from "./api.ts";
import { Del } from "./Tracked.tsx";
import type { WordSpan } from "./words.ts";

interface Source {
  key: number;
  kind: EvidenceKind;
  citation: string;
  url: string;
}

export function AmendmentForm({ documentId, eId, unitLabel, span, quote, held, onProposed, onCancel }: {
  documentId: string;
  eId: string;
  unitLabel: string;
  span: WordSpan | null;
  quote: string;
  held: boolean;
  onProposed(a: Amendment): void;
  onCancel(): void;
}) {
  const { t } = useTranslation("texts");
  const formId = useId();
  const [sources, setSources] = useState<Source[]>([]);
  const kinds: AmendmentKind[] = span ? ["replace", "delete"] : ["replace", "delete", "insert_after"];
  const form = useApiForm({
    schema: zCreateAmendmentBody,
    initial: { kind: "replace", proposedText: "", justification: "", declarationOfInterests: "", fundingSources: "", organisationId: "" },
    toInput: (v) => ({
      eId,
      ...(span && v.kind !== "insert_after" ? { spanStart: span.start, spanEnd: span.end, quote } : {}),
      kind: v.kind,
      proposedText: v.kind === "delete" ? "" : v.proposedText,
      justification: v.justification,
      evidence: sources.map((s) => ({ kind: s.kind, citation: s.citation, url: s.url.trim() || undefined })),
      declarationOfInterests: v.declarationOfInterests.trim() || undefined,
      fundingSources: v.fundingSources.trim() || undefined,
      organisationId: v.organisationId || undefined,
    }),
    onValid: async (data) => onProposed(await proposeAmendment(documentId, data)),
  });
  const kind = form.values.kind as AmendmentKind;
  const kindBinding = form.field("kind");
  const setSource = (key: number, change: Partial<Source>) => setSources((list) => list.map((s) => (s.key === key ? { ...s, ...change } : s)));

  return (
    <form className="form amendment-form" onSubmit={form.onSubmit} noValidate aria-labelledby={`${formId}-title`}>
      <h4 id={`${formId}-title`} className="form__title">
        {t("propose.title", { unit: unitLabel })}
      </h4>
      {form.formError && <Alert>{form.formError}</Alert>}
      {held && <p className="form__note">{t("propose.held")}</p>}
      <p className="amendment-form__target" data-testid="amendment-target">
        {span ? (
          <>
            {t("propose.words")} <q>{quote}</q>
          </>
        ) : (
          t("propose.wholeUnit")
        )}
      </p>
      <RadioGroup
        legend={t("propose.kind")}
        name={`${formId}-kind`}
        idPrefix={`${formId}-kind`}
        value={kind}
        error={kindBinding.error}
        options={kinds.map((k) => ({ value: k, label: t(`amendment.kind.${k}`) }))}
        onChange={(value) => kindBinding.onChange({ target: { name: "kind", value } } as never)}
      />
      {kind === "delete" ? (
        <p className="amendment__change">
          <Del>{quote}</Del>
        </p>
      ) : (
        <TextAreaField label={kind === "insert_after" ? t("propose.insertText") : t("propose.newWording")} binding={form.field("proposedText")} rows={3} maxLength={LIMITS.richTextMax} />
      )}
      <Composer label={t("propose.justification")} binding={form.field("justification")} rows={5} />
      <fieldset className="field evidence-editor">
        <legend className="field__label">{t("propose.sources")}</legend>
        <p className="field__hint">{t("propose.sourcesHint")}</p>
        <ol className="evidence-editor__rows">
          {sources.map((s, i) => (
            <li key={s.key} className="evidence-editor__row">
              <label className="field__label" htmlFor={`${formId}-src-${s.key}-kind`}>
                {t("propose.sourceKind", { n: i + 1 })}
              </label>
              <select id={`${formId}-src-${s.key}-kind`} className="field__control" value={s.kind} onChange={(e) => setSource(s.key, { kind: e.target.value as EvidenceKind })}>
                {EVIDENCE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`vocabulary:evidenceKind.${k}`)}
                  </option>
                ))}
              </select>
              <label className="field__label" htmlFor={`${formId}-src-${s.key}-citation`}>
                {t("propose.sourceCitation", { n: i + 1 })}
              </label>
              <input id={`${formId}-src-${s.key}-citation`} className="field__control" value={s.citation} maxLength={LIMITS.plainTextMax} onChange={(e) => setSource(s.key, { citation: e.target.value })} />
              <label className="field__label" htmlFor={`${formId}-src-${s.key}-url`}>
                {t("propose.sourceUrl", { n: i + 1 })}
              </label>
              <input id={`${formId}-src-${s.key}-url`} type="url" className="field__control" value={s.url} onChange={(e) => setSource(s.key, { url: e.target.value })} />
              <button type="button" className="button button--small button--quiet" onClick={() => setSources((list) => list.filter((x) => x.key !== s.key))}>
                {t("propose.removeSource", { n: i + 1 })}
              </button>
            </li>
          ))}
        </ol>
        {sources.length < LIMITS.evidenceMax && (
          <button type="button" className="button button--small button--secondary" onClick={() => setSources((list) => [...list, { key: Date.now() + list.length, kind: "study", citation: "", url: "" }])}>
            {t("propose.addSource")}
          </button>
        )}
      </fieldset>
      <TextField label={t("propose.interests")} hint={t("propose.interestsHint")} optional binding={form.field("declarationOfInterests")} maxLength={LIMITS.plainTextMax} />
      <TextField label={t("propose.funding")} optional binding={form.field("fundingSources")} maxLength={LIMITS.plainTextMax} />
      <SpeakAsField binding={form.field("organisationId")} label={t("propose.speakAs")} />
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? t("propose.submitting") : t("propose.submit")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("common:cancel")}
        </button>
      </div>
    </form>
  );
}
