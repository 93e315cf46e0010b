// Replying to a post: the text, what kind of reply it is, an optional quote, and who speaks.
// Each submission carries an Idempotency-Key; sending the same submission again (after an error that
// may have hidden a success) reuses it, so the server records the reply once.
import { useEffect, useRef } from "react";
import { REPLY_TYPES, REPLY_TYPE_LABELS, zCreatePostBody } from "../../../../shared/schemas/threads.ts";
import { createPost, type Post, type ThreadDetail } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import { SelectField } from "../../components/fields.tsx";
import { randomUuid } from "../../lib/ids.ts";
import { excerptOf } from "../../lib/richText.ts";
import { useSchemaForm } from "../../lib/useSchemaForm.ts";
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
  // Observers may only ask questions: then that is the one reply type offered.
  const questionsOnly = !thread.abilities.reply && thread.abilities.askQuestion;
  const attempt = useRef<{ payload: string; key: string } | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const form = useSchemaForm({
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
    ? [{ value: "question", label: REPLY_TYPE_LABELS.question }]
    : [{ value: "", label: "A reply (no particular type)" }, ...REPLY_TYPES.map((t) => ({ value: t, label: REPLY_TYPE_LABELS[t] }))];

  return (
    <form className="form form--inline" onSubmit={form.onSubmit} noValidate aria-label={`Reply to ${speakerName(parent)}`}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <SelectField
        label="Type of reply"
        binding={form.field("replyType")}
        options={replyTypeOptions}
        hint={questionsOnly ? "As an observer you can ask questions; other replies are for participants." : "Say whether you support, contest or clarify the contribution you answer, or ask a question."}
      />
      <Composer
        label="Your reply"
        binding={form.field("body")}
        textareaRef={textarea}
        hint={contributionsHeld ? "Your contribution will be reviewed by a moderator before it appears." : undefined}
        before={
          quoted && (
            <div className="quote-preview" data-testid="quote-preview">
              <p className="quote-preview__label">
                Quoting {speakerName(quoted)}:
              </p>
              <blockquote className="quote-preview__text">{excerptOf(quoted.bodyHtml ?? "", 240)}</blockquote>
              <button type="button" className="button button--small button--quiet" onClick={onRemoveQuote}>
                Remove the quote
              </button>
            </div>
          )
        }
      />
      <SpeakAsField binding={form.field("onBehalfOfOrganisationId")} />
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? "Posting…" : "Post reply"}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={form.submitting}>
          Cancel
        </button>
      </div>
    </form>
  );
}
