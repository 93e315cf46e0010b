// Starting a thread about a unit or the words selected in it. It is an ordinary thread (replies,
// moderation, live updates); on success the author lands on it, and its page links back to the unit.
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { zCreateAnchoredThreadBody } from "../../../../shared/schemas/texts.ts";
import { Alert } from "../../components/Alert.tsx";
import { TextField } from "../../components/fields.tsx";
import { threadPath } from "../../lib/paths.ts";
import { useApiForm } from "../../lib/useApiForm.ts";
import { Composer } from "../composer/Composer.tsx";
import { SpeakAsField } from "../composer/SpeakAsField.tsx";
import { createAnchoredThread } from "./api.ts";
import type { WordSpan } from "./words.ts";

export function AnchoredThreadForm({ documentId, eId, unitLabel, span, quote, held, onCancel }: { documentId: string; eId: string; unitLabel: string; span: WordSpan | null; quote: string; held: boolean; onCancel(): void }) {
  const { t } = useTranslation("texts");
  const navigate = useNavigate();
  const form = useApiForm({
    schema: zCreateAnchoredThreadBody,
    initial: { title: "", body: "", onBehalfOfOrganisationId: "" },
    toInput: (v) => ({
      eId,
      ...(span ? { spanStart: span.start, spanEnd: span.end, quote } : {}),
      title: v.title,
      body: v.body,
      onBehalfOfOrganisationId: v.onBehalfOfOrganisationId || undefined,
    }),
    onValid: async (data) => {
      const { thread, post } = await createAnchoredThread(documentId, data);
      navigate(threadPath(thread.id), { state: { notice: post.status === "pending" ? t("comment.startedPending") : t("comment.started") } });
    },
  });
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate aria-label={t("comment.title", { unit: unitLabel })}>
      <h4 className="form__title">{t("comment.title", { unit: unitLabel })}</h4>
      {form.formError && <Alert>{form.formError}</Alert>}
      {held && <p className="form__note">{t("propose.held")}</p>}
      {span && (
        <p className="amendment-form__target">
          {t("propose.words")} <q>{quote}</q>
        </p>
      )}
      <TextField label={t("comment.titleField")} binding={form.field("title")} maxLength={LIMITS.titleMax} autoFocus />
      <Composer label={t("comment.body")} binding={form.field("body")} rows={5} />
      <SpeakAsField binding={form.field("onBehalfOfOrganisationId")} />
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {t("comment.submit")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("common:cancel")}
        </button>
      </div>
    </form>
  );
}
