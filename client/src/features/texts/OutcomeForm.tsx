// The organisers' answer to an amendment (accepted, partly accepted, not accepted, withdrawn) with the
// reasons, which the report and the response matrix show.
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { AMENDMENT_OUTCOMES, zAmendmentOutcomeBody } from "../../../../shared/schemas/texts.ts";
import { Alert } from "../../components/Alert.tsx";
import { SelectField, TextAreaField } from "../../components/fields.tsx";
import { useApiForm } from "../../lib/useApiForm.ts";
import { recordAmendmentOutcome, type Amendment } from "./api.ts";

export function OutcomeForm({ amendment, onSaved, onCancel }: { amendment: Amendment; onSaved(next: Amendment): void; onCancel(): void }) {
  const { t } = useTranslation("texts");
  const form = useApiForm({
    schema: zAmendmentOutcomeBody,
    initial: { outcome: amendment.outcome?.outcome ?? "accepted", reasons: amendment.outcome?.reasons ?? "" },
    onValid: async (data) => onSaved(await recordAmendmentOutcome(amendment.id, data)),
  });
  return (
    <form className="form form--inline" onSubmit={form.onSubmit} noValidate aria-label={t("outcome.formLabel")}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <SelectField label={t("outcome.field")} binding={form.field("outcome")} options={AMENDMENT_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
      <TextAreaField label={t("outcome.reasons")} hint={t("outcome.reasonsHint")} binding={form.field("reasons")} rows={3} maxLength={LIMITS.summaryMax} />
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary button--small" disabled={form.submitting}>
          {t("outcome.save")}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          {t("common:cancel")}
        </button>
      </div>
    </form>
  );
}
