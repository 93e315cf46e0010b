// Redacting one page of a PDF attachment before publication: the page number, the reason code printed on
// the blank page that replaces it in the public copy, and the statement the respondent reads. The page
// number is checked against the file's page count here and again by the server.
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { zPageRedactionBody } from "../../../../../shared/schemas/responses.ts";
import { redactAttachmentPage } from "../../../api/response-staff.ts";
import type { Attachment } from "../../../api/responses.ts";
import { Alert } from "../../../components/Alert.tsx";
import { SelectField, TextField } from "../../../components/fields.tsx";
import { useApiForm } from "../../../lib/useApiForm.ts";
import { reasonOptions } from "../../moderation/labels.ts";

export function PageRedactionForm({ responseId, attachment, onDone }: { responseId: string; attachment: Attachment; onDone(next: Attachment): void }) {
  const { t } = useTranslation("response-staff");
  const pages = attachment.pageCount ?? 1;
  const schema = zPageRedactionBody.extend({ page: z.coerce.number<string>({ error: "must be a page number" }).int("must be a page number").min(1, "must be a page number").max(pages, `must be at most ${pages}, the file's page count`) });
  const form = useApiForm({
    schema,
    initial: { page: "", reasonCode: "personal_data", reason: "" },
    onValid: async (body) => onDone(await redactAttachmentPage(responseId, attachment.id, body)),
  });
  const label = t("review.redactPage", { name: attachment.fileName });
  return (
    <form className="staff-actions" onSubmit={form.onSubmit} noValidate aria-label={label}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label={t("review.page", { count: pages })} binding={form.field("page")} inputMode="numeric" />
      <SelectField label={t("review.reasonCode")} binding={form.field("reasonCode")} options={reasonOptions()} />
      <TextField label={t("review.reason")} binding={form.field("reason")} maxLength={2_000} hint={t("review.reasonHint")} />
      <button type="submit" className="button button--primary button--small" disabled={form.submitting}>
        {label}
      </button>
    </form>
  );
}
