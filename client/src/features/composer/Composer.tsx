// The one rich-text editor: a Markdown textarea, the formatting it accepts, a length counter and a
// live preview of exactly what will be stored (rendered by the server with the sanitiser it saves with).
import { useId, type ReactNode, type Ref } from "react";
import { LIMITS } from "../../../../shared/limits.ts";
import { FieldFrame } from "../../components/fields.tsx";
import type { FieldBinding } from "../../lib/useSchemaForm.ts";
import { usePreview } from "./usePreview.ts";

const FORMATTING_HELP = (
  <>
    Markdown: a blank line starts a new paragraph, Enter a new line; <code>*emphasis*</code>, <code>**strong**</code>, lists
    (<code>- item</code> or <code>1. item</code>), <code>&gt; quote</code>, links (<code>[text](https://…)</code>) and{" "}
    <code>`code`</code>. Nothing else is kept: no images, headings or HTML.
  </>
);

interface ComposerProps {
  label: string;
  binding: FieldBinding;
  hint?: ReactNode;
  rows?: number;
  textareaRef?: Ref<HTMLTextAreaElement>;
  /** Shown above the textarea, e.g. the excerpt of a quoted contribution. */
  before?: ReactNode;
}

export function Composer({ label, binding, hint, rows = 6, textareaRef, before }: ComposerProps) {
  const { error, ...textarea } = binding;
  const counterId = useId();
  const previewId = useId();
  const preview = usePreview(binding.value, true);
  const length = binding.value.length;
  const over = length > LIMITS.richTextMax;

  return (
    <div className="composer">
      <FieldFrame
        id={binding.id}
        label={label}
        error={error}
        hint={
          <>
            {hint && <span className="composer__hint">{hint} </span>}
            {FORMATTING_HELP}
          </>
        }
      >
        {(describedBy) => (
          <>
            {before}
            <textarea
              {...textarea}
              ref={textareaRef}
              rows={rows}
              className="field__control field__control--textarea composer__input"
              aria-describedby={[describedBy, counterId].filter(Boolean).join(" ")}
              aria-invalid={error || over ? true : undefined}
              required
            />
            <p id={counterId} className={over ? "composer__counter composer__counter--over" : "composer__counter"}>
              {length.toLocaleString("en-GB")} of {LIMITS.richTextMax.toLocaleString("en-GB")} characters
              {over && <> (too long by {(length - LIMITS.richTextMax).toLocaleString("en-GB")})</>}
            </p>
          </>
        )}
      </FieldFrame>
      <section className="composer__preview" aria-labelledby={previewId} data-testid="composer-preview">
        <p className="composer__preview-title" id={previewId}>
          Preview <span className="composer__preview-note">exactly as it will be published</span>
        </p>
        {preview.phase === "empty" && <p className="composer__preview-empty">Nothing to preview yet.</p>}
        {preview.phase === "unavailable" && <p className="composer__preview-empty">{preview.message}</p>}
        {preview.phase === "loading" && preview.html === null && <p className="composer__preview-empty">Preparing the preview…</p>}
        {(preview.phase === "ready" || (preview.phase === "loading" && preview.html !== null)) && (
          // The server's sanitised rendering of the text, the same HTML it will store.
          <div
            className={preview.phase === "loading" ? "rich-text composer__preview-body composer__preview-body--stale" : "rich-text composer__preview-body"}
            dangerouslySetInnerHTML={{ __html: preview.phase === "ready" ? preview.html : (preview.html ?? "") }}
          />
        )}
      </section>
    </div>
  );
}
