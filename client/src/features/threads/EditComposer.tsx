// Editing one's own post in place. The edit names the version it started from: if the post changed
// meanwhile (another tab, another device), the server refuses with 409 and the current version is
// loaded and shown, with the author's text kept, so nothing is silently overwritten or lost.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { zEditPostBody } from "../../../../shared/schemas/threads.ts";
import { ApiError } from "../../api/client.ts";
import { editPost, getPostContext, type Post } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import { htmlToMarkdown } from "../../lib/richText.ts";
import { useApiForm } from "../../lib/useApiForm.ts";
import { Composer } from "../composer/Composer.tsx";

interface EditComposerProps {
  post: Post;
  onSaved(post: Post): void;
  /** The post was changed elsewhere: here is its current version. */
  onReloaded(post: Post): void;
  onCancel(): void;
}

export function EditComposer({ post, onSaved, onReloaded, onCancel }: EditComposerProps) {
  const { t } = useTranslation("threads");
  const version = useRef(post.version);
  const [current, setCurrent] = useState<Post | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textarea.current?.focus(), []);
  const form = useApiForm({
    schema: zEditPostBody,
    // The server does not send the Markdown source (yet): rebuild it from the stored HTML.
    initial: { body: post.bodySource ?? htmlToMarkdown(post.bodyHtml ?? "") },
    toInput: (v) => ({ body: v.body, version: version.current }),
    onValid: async (data) => {
      try {
        onSaved(await editPost(post.id, data));
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== "stale_version") throw err;
        const latest = (await getPostContext(post.id)).post;
        version.current = latest.version;
        setCurrent(latest);
        onReloaded(latest);
        throw new ApiError("stale_version", t("edit.stale"), 409);
      }
    },
  });

  return (
    <form className="form form--inline" onSubmit={form.onSubmit} noValidate aria-label={t("edit.label")}>
      {form.formError && <Alert>{form.formError}</Alert>}
      {current && (
        <div className="current-version">
          <p className="current-version__label">{t("edit.currentVersion", { version: current.version })}</p>
          {/* Sanitised by the server when it was written. */}
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: current.bodyHtml ?? "" }} />
        </div>
      )}
      <Composer label={t("edit.field")} binding={form.field("body")} rows={6} textareaRef={textarea} />
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? t("edit.saving") : t("edit.save")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={form.submitting}>
          {t("common:cancel")}
        </button>
      </div>
    </form>
  );
}
