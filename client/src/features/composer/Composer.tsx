// The one rich-text editor: a Markdown textarea, the formatting it accepts, a length counter and a
// live preview of exactly what will be stored (rendered by the server with the sanitiser it saves with).
import { useId, type ReactNode, type Ref } from "react";
import { Trans, useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { FieldFrame } from "../../components/fields.tsx";
import { formatNumber } from "../../lib/format.ts";
import type { FieldBinding } from "../../lib/useApiForm.ts";
import { usePreview } from "./usePreview.ts";

function FormattingHelp() {
  const { t } = useTranslation("threads");
  // The Markdown samples stay as written: they are what the reader types, in any language.
  return <Trans t={t} i18nKey="composer.help" components={{ code: <code /> }} />;
}

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
  const { t } = useTranslation("threads");
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
            <FormattingHelp />
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
              {t("composer.counter", { length: formatNumber(length), max: formatNumber(LIMITS.richTextMax) })}
              {over && t("composer.tooLong", { over: formatNumber(length - LIMITS.richTextMax) })}
            </p>
          </>
        )}
      </FieldFrame>
      <section className="composer__preview" aria-labelledby={previewId} data-testid="composer-preview">
        <p className="composer__preview-title" id={previewId}>
          {t("composer.preview")} <span className="composer__preview-note">{t("composer.previewNote")}</span>
        </p>
        {preview.phase === "empty" && <p className="composer__preview-empty">{t("composer.nothing")}</p>}
        {preview.phase === "unavailable" && <p className="composer__preview-empty">{preview.message}</p>}
        {preview.phase === "loading" && preview.html === null && <p className="composer__preview-empty">{t("composer.preparing")}</p>}
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
