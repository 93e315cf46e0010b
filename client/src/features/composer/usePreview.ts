// The live preview of what the composer will store: the server renders it (same Markdown parser,
// same sanitiser as on save), 300 ms after the author stops typing. Only the latest request counts.
import { useEffect, useState } from "react";
import { previewRichText } from "../../api/content.ts";
import { ApiError, isAbortError } from "../../api/client.ts";
import i18n from "../../i18n/index.ts";

export const PREVIEW_DEBOUNCE_MS = 300;

export type PreviewState =
  | { phase: "empty" }
  | { phase: "loading"; html: string | null }
  | { phase: "ready"; html: string }
  | { phase: "unavailable"; message: string };

export function usePreview(source: string, enabled: boolean): PreviewState {
  const [state, setState] = useState<PreviewState>({ phase: "empty" });

  useEffect(() => {
    if (!enabled) return;
    if (source.trim() === "") {
      setState({ phase: "empty" });
      return;
    }
    setState((s) => ({ phase: "loading", html: s.phase === "ready" || s.phase === "loading" ? s.html : null }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewRichText(source, controller.signal).then(
        (html) => setState({ phase: "ready", html }),
        (err: unknown) => {
          if (isAbortError(err)) return;
          const tooLong = err instanceof ApiError && err.code === "invalid_input";
          setState({
            phase: "unavailable",
            message: tooLong ? i18n.t("threads:composer.tooLongToPreview") : i18n.t("threads:composer.previewUnavailable"),
          });
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [source, enabled]);

  return state;
}
