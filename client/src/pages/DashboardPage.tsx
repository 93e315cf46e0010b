// The organisers' dashboard of one consultation: participation figures, stance by category per
// question, moderation figures, the response matrix, the summary report (preview, publish, versions)
// and exports. Organisers and admins only: the server refuses the rest anyway; others get a message.
import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { getConsultation } from "../api/consultations.ts";
import { getSummaryPreview } from "../api/exports.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { ExportPanel } from "../features/dashboard/ExportPanel.tsx";
import { OutcomeMatrix } from "../features/dashboard/OutcomeMatrix.tsx";
import { ParticipationCharts } from "../features/dashboard/ParticipationCharts.tsx";
import { PublishPanel } from "../features/dashboard/PublishPanel.tsx";
import { StanceByQuestion } from "../features/dashboard/StanceByQuestion.tsx";
import { TransparencyPanel } from "../features/moderation/TransparencyPanel.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { consultationPath } from "../lib/paths.ts";
import { useRefreshSignal } from "../lib/useRefreshSignal.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { resourceOf } from "../lib/query/state.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { resourceState } from "../components/ResourceState.tsx";

function DashboardBody({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation("dashboard");
  const viewerKey = useViewerKey();
  const previewQuery = useQuery({ queryKey: keys.summaryPreview(consultationId, viewerKey), queryFn: ({ signal }) => getSummaryPreview(consultationId, signal), enabled: viewerKey !== null });
  const preview = resourceOf(previewQuery);
  // A saved outcome changes the report: refresh the preview quietly.
  const [outcomesSignal, bumpOutcomes] = useRefreshSignal(200);
  const { refetch } = previewQuery;
  useEffect(() => {
    if (outcomesSignal) void refetch();
  }, [outcomesSignal, refetch]);

  return (
    <>
      {preview.phase === "loading" && <p role="status">{t("page.loading")}</p>}
      {preview.phase === "error" && (
        <Alert title={t("page.notLoaded")}>
          <p>{preview.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void refetch()}>
            {t("common:tryAgain")}
          </button>
        </Alert>
      )}
      {preview.phase === "ready" && (
        <>
          <ParticipationCharts participation={preview.data.summary.participation} />
          <StanceByQuestion questions={preview.data.summary.questions} />
        </>
      )}
      <TransparencyPanel consultationId={consultationId} />
      <OutcomeMatrix consultationId={consultationId} onSaved={bumpOutcomes} />
      {preview.phase === "ready" && <PublishPanel consultationId={consultationId} preview={preview.data.summary} />}
      <ExportPanel consultationId={consultationId} />
    </>
  );
}

export function DashboardPage() {
  const { t } = useTranslation("dashboard");
  const { slug = "" } = useParams();
  const session = useSession();
  const viewerKey = useViewerKey();
  const query = useQuery({ queryKey: keys.consultation(slug, viewerKey), queryFn: ({ signal }) => getConsultation(slug, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);

  const pending = resourceState(state, () => query.refetch(), { title: t("page.title"), what: "consultation", loading: t("consultations:page.loading") });
  if (pending !== null || state.phase !== "ready") return pending;
  const c = state.data;
  if (!c.abilities.edit) {
    return (
      <Page title={t("page.title")} narrow>
        <div role="alert" className="notice" data-testid="dashboard-not-allowed">
          <p className="notice__title">{t("page.notAllowed")}</p>
          <p>
            {t("page.onlyOrganisers")}{" "}
            {session.status === "anonymous" ? (
              <Link to="/login" state={{ from: `/consultations/${slug}/dashboard` }}>
                {t("common:header.login")}
              </Link>
            ) : (
              <Link to={consultationPath(c.slug)}>{t("moderation:audit.back")}</Link>
            )}
          </p>
        </div>
      </Page>
    );
  }
  return (
    <Page title={t("page.titleOf", { title: c.title })}>
      <p className="breadcrumb">
        <Link to={consultationPath(c.slug)}>{t("moderation:audit.back")}</Link>
      </p>
      <DashboardBody consultationId={c.id} />
    </Page>
  );
}
