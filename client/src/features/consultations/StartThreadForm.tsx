// Starting a thread: a title, the question it is about, the opening contribution. Validated with the
// schema the server uses; on success the author lands on the new thread.
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { zCreateThreadBody } from "../../../../shared/schemas/threads.ts";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { createThread } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import { SelectField, TextField } from "../../components/fields.tsx";
import { threadPath } from "../../lib/paths.ts";
import { useApiForm } from "../../lib/useApiForm.ts";
import { Composer } from "../composer/Composer.tsx";
import { SpeakAsField } from "../composer/SpeakAsField.tsx";

export function StartThreadForm({ consultation: c, questionId, onCancel }: { consultation: ConsultationDetail; questionId?: string; onCancel(): void }) {
  const { t } = useTranslation("consultations");
  const navigate = useNavigate();
  const form = useApiForm({
    schema: zCreateThreadBody,
    initial: { title: "", questionId: questionId ?? "", body: "", onBehalfOfOrganisationId: "" },
    toInput: (v) => ({
      title: v.title,
      body: v.body,
      questionId: v.questionId || undefined,
      onBehalfOfOrganisationId: v.onBehalfOfOrganisationId || undefined,
    }),
    onValid: async (data) => {
      const { thread, post } = await createThread(c.id, data);
      const notice = post.status === "pending" ? t("startThread.startedPending") : t("startThread.started");
      navigate(threadPath(thread.id), { state: { notice } });
    },
  });

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="start-thread-title">
      <h3 id="start-thread-title" className="form__title">
        {t("startThread.title")}
      </h3>
      {form.formError && <Alert>{form.formError}</Alert>}
      {c.viewer.contributionsHeld && (
        <p className="form__note" data-testid="held-note">{t("startThread.heldNote")}</p>
      )}
      <TextField label={t("startThread.titleField")} binding={form.field("title")} maxLength={LIMITS.titleMax} autoFocus hint={t("startThread.titleHint")} />
      {c.questions.length > 0 && (
        <SelectField
          label={t("startThread.question")}
          optional
          binding={form.field("questionId")}
          options={[
            { value: "", label: t("startThread.general") },
            ...c.questions.map((q) => ({ value: q.id, label: t("startThread.questionOption", { ordinal: q.ordinal, text: q.text.length > 80 ? q.text.slice(0, 79) + "…" : q.text }) })),
          ]}
        />
      )}
      <Composer label={t("startThread.body")} binding={form.field("body")} rows={8} />
      <SpeakAsField binding={form.field("onBehalfOfOrganisationId")} />
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? t("startThread.submitting") : t("startThread.submit")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("common:cancel")}
        </button>
      </div>
    </form>
  );
}
