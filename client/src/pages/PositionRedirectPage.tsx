import { Navigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { getConsultation } from "../api/consultations.ts";
import { getPosition } from "../api/positions.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { positionsPath } from "../lib/paths.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { resourceOf } from "../lib/query/state.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

/** /positions/:id (e.g. from search): the position's card in the positions view of its question. */
export function PositionRedirectPage() {
  const { t } = useTranslation("positions");
  const { id = "" } = useParams();
  const viewerKey = useViewerKey();
  const state = resourceOf(
    useQuery({
      queryKey: [...keys.position(id, viewerKey), "address"],
      queryFn: async ({ signal }) => {
        const position = await getPosition(id, signal);
        const consultation = await getConsultation(position.consultationId, signal);
        return `${positionsPath(consultation.slug, position.questionId)}#position-${position.id}`;
      },
      enabled: viewerKey !== null,
    }),
  );
  if (state.phase === "ready") return <Navigate to={state.data} replace />;
  if (state.phase === "error") {
    if (state.error.status === 404) return <NotFoundPage what="position" />;
    return (
      <Page title={t("redirect.title")}>
        <Alert title={t("common:resource.notLoaded.position")}>{state.error.message}</Alert>
      </Page>
    );
  }
  return (
    <Page title={t("redirect.title")}>
      <p role="status">{t("common:loading")}</p>
    </Page>
  );
}
