import { Navigate, useParams } from "react-router";
import { getConsultation } from "../api/consultations.ts";
import { getPosition } from "../api/positions.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { positionsPath } from "../lib/paths.ts";
import { useResource } from "../lib/useResource.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

/** /positions/:id (e.g. from search): the position's card in the positions view of its question. */
export function PositionRedirectPage() {
  const { id = "" } = useParams();
  const viewerKey = useViewerKey();
  const { state } = useResource(viewerKey === null ? null : `${id}|${viewerKey}`, async (signal) => {
    const position = await getPosition(id, signal);
    const consultation = await getConsultation(position.consultationId, signal);
    return `${positionsPath(consultation.slug, position.questionId)}#position-${position.id}`;
  });
  if (state.phase === "ready") return <Navigate to={state.data} replace />;
  if (state.phase === "error") {
    if (state.error.status === 404) return <NotFoundPage what="position" />;
    return (
      <Page title="Position">
        <Alert title="The position could not be loaded.">{state.error.message}</Alert>
      </Page>
    );
  }
  return (
    <Page title="Position">
      <p role="status">Loading…</p>
    </Page>
  );
}
