// Pages under /consultations/:slug/…: load the consultation (with the viewer's abilities), show the
// loading, error and not-found states, and hand the consultation to the page once it is there.
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { getConsultation, type ConsultationDetail } from "../../api/consultations.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";
import { useResource } from "../../lib/useResource.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { NotFoundPage } from "../../pages/NotFoundPage.tsx";

export function ConsultationGate({ title, children }: { title: string; children: (c: ConsultationDetail) => ReactNode }) {
  const { slug = "" } = useParams();
  const viewerKey = useViewerKey();
  const { state, reload } = useResource(viewerKey === null ? null : `${slug}|${viewerKey}`, (signal) => getConsultation(slug, signal));
  if (state.phase === "loading") {
    return (
      <Page title={title}>
        <p role="status">Loading…</p>
      </Page>
    );
  }
  if (state.phase === "error") {
    if (state.error.status === 404) return <NotFoundPage what="consultation" />;
    return (
      <Page title={title}>
        <Alert title="The consultation could not be loaded.">
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload(false)}>
            Try again
          </button>
        </Alert>
      </Page>
    );
  }
  return <>{children(state.data)}</>;
}
