// Replying to a post: the text, what kind of reply it is, an optional quote, and who speaks.
// Each submission carries an Idempotency-Key; sending the same submission again (after an error that
// may have hidden a success) reuses it, so the server records the reply once.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { REPLY_TYPES, zCreatePostBody } from "../../../../shared/schemas/threads.ts";
import { createPost, type Post, type ThreadDetail } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import { SelectField } from "../../components/fields.tsx";
import { randomUuid } from "../../lib/ids.ts";
import { excerptOf } from "../../lib/richText.ts";
import { useApiForm } from "../../lib/useApiForm.ts";
import { Composer } from "../composer/Composer.tsx";
import { SpeakAsField } from "../composer/SpeakAsField.tsx";
import { speakerName } from "./Speaker.tsx";

interface ReplyComposerProps {
  thread: ThreadDetail;
  parent: Post;
  quoted: Post | null;
  contributionsHeld: boolean;
  onRemoveQuote(): void;
  onPosted(post: Post): void;
  onCancel(): void;
}

export function ReplyComposer({ thread, parent, quoted, contributionsHeld, onRemoveQuote, onPosted, onCancel }: ReplyComposerProps) {
  const { t } = useTranslation("threads");
  // Observers may only ask questions: then that is the one reply type offered.
  const questionsOnly = !thread.abilities.reply && thread.abilities.askQuestion;
  const attempt = useRef<{ payload: string; key: string } | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const form = useApiForm({
    schema: zCreatePostBody,
    initial: { body: "", replyType: questionsOnly ? "question" : "", onBehalfOfOrganisationId: "" },
    toInput: (v) => ({
      body: v.body,
      parentId: parent.id,
      replyType: v.replyType || undefined,
      quotedPostId: quoted?.id,
      onBehalfOfOrganisationId: v.onBehalfOfOrganisationId || undefined,
    }),
    onValid: async (data) => {
      const payload = JSON.stringify(data);
      if (attempt.current?.payload !== payload) attempt.current = { payload, key: randomUuid() };
      const post = await createPost(thread.id, data, attempt.current.key);
      attempt.current = null;
      onPosted(post);
    },
  });

  useEffect(() => {
    textarea.current?.focus();
  }, [quoted?.id]);

  const replyTypeOptions = questionsOnly
    ? [{ value: "question", label: t("vocabulary:replyType.question") }]
    : [{ value: "", label: t("reply.noType") }, ...REPLY_TYPES.map((r) => ({ value: r, label: t(`vocabulary:replyType.${r}`) }))];

  return (
    <form className="form form--inline" onSubmit={form.onSubmit} noValidate aria-label={t("reply.formLabel", { name: speakerName(parent) })}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <SelectField
        label={t("reply.type")}
        binding={form.field("replyType")}
        options={replyTypeOptions}
        hint={questionsOnly ? t("reply.observerHint") : t("reply.typeHint")}
      />
      <Composer
        label={t("reply.field")}
        binding={form.field("body")}
        textareaRef={textarea}
        hint={contributionsHeld ? t("heldNote") : undefined}
        before={
          quoted && (
            <div className="quote-preview" data-testid="quote-preview">
              <p className="quote-preview__label">
                {t("reply.quoting", { name: speakerName(quoted) })}
              </p>
              <blockquote className="quote-preview__text">{excerptOf(quoted.bodyHtml ?? "", 240)}</blockquote>
              <button type="button" className="button button--small button--quiet" onClick={onRemoveQuote}>
                {t("reply.removeQuote")}
              </button>
            </div>
          )
        }
      />
      <SpeakAsField binding={form.field("onBehalfOfOrganisationId")} />
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? t("reply.posting") : t("reply.post")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={form.submitting}>
          {t("common:cancel")}
        </button>
      </div>
    </form>
  );
}
