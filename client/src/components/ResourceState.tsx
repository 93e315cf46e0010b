// The loading, not-found and error states every page shows while its main resource loads: one place,
// so pages differ only in their words.
import type { ReactNode } from "react";
import i18n from "../i18n/index.ts";
import type { Resource } from "../lib/query/state.ts";
import { NotFoundPage } from "../pages/NotFoundPage.tsx";
import { Alert } from "./Alert.tsx";
import { Page } from "./Page.tsx";

export interface ResourceStateWords {
  /** The page title while loading or failing. */
  title: string;
  /**
   * What is loading, for "… could not be loaded" and the not-found page: a kind with its own sentences in
   * common.json (consultation, thread, contribution, question, position); any other gets the generic ones.
   */
  what: string;
  /** The status line while loading; "Loading…" when left out. */
  loading?: string;
}

/** The page to show instead of the content, or null once the resource is ready. */
export function resourceState<T>(state: Resource<T>, reload: (quiet: boolean) => unknown, words: ResourceStateWords): ReactNode | null {
  if (state.phase === "loading") {
    return (
      <Page title={words.title}>
        <p role="status">{words.loading ?? i18n.t("common:loading")}</p>
      </Page>
    );
  }
  if (state.phase === "error") {
    if (state.error.status === 404) return <NotFoundPage what={words.what} />;
    return (
      <Page title={words.title}>
        <Alert title={i18n.t([`common:resource.notLoaded.${words.what}`, "common:resource.notLoadedGeneric"])}>
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload(false)}>
            {i18n.t("common:tryAgain")}
          </button>
        </Alert>
      </Page>
    );
  }
  return null;
}
