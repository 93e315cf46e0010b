// The organisers' dashboard of one consultation: participation figures, stance by category per
// question, moderation figures, the response matrix, the summary report (preview, publish, versions)
// and exports. Organisers and admins only: the server refuses the rest anyway; others get a message.
import { useEffect } from "react";
import { Link, useParams } from "react-router";
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
import { useResource } from "../lib/useResource.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { resourceState } from "../components/ResourceState.tsx";

function DashboardBody({ consultationId }: { consultationId: string }) {
  const preview = useResource(consultationId, (signal) => getSummaryPreview(consultationId, signal));
  // A saved outcome changes the report: refresh the preview quietly.
  const [outcomesSignal, bumpOutcomes] = useRefreshSignal(200);
  const { reload } = preview;
  useEffect(() => {
    if (outcomesSignal) void reload(true);
  }, [outcomesSignal, reload]);

  return (
    <>
      {preview.state.phase === "loading" && <p role="status">Loading the figures…</p>}
      {preview.state.phase === "error" && (
        <Alert title="The figures could not be loaded.">
          <p>{preview.state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload(false)}>
            Try again
          </button>
        </Alert>
      )}
      {preview.state.phase === "ready" && (
        <>
          <ParticipationCharts participation={preview.state.data.summary.participation} />
          <StanceByQuestion questions={preview.state.data.summary.questions} />
        </>
      )}
      <TransparencyPanel consultationId={consultationId} />
      <OutcomeMatrix consultationId={consultationId} onSaved={bumpOutcomes} />
      {preview.state.phase === "ready" && <PublishPanel consultationId={consultationId} preview={preview.state.data.summary} />}
      <ExportPanel consultationId={consultationId} />
    </>
  );
}

export function DashboardPage() {
  const { slug = "" } = useParams();
  const session = useSession();
  const viewerKey = useViewerKey();
  const { state, reload } = useResource(viewerKey === null ? null : `${slug}|${viewerKey}`, (signal) => getConsultation(slug, signal));

  const pending = resourceState(state, reload, { title: "Dashboard", what: "consultation", loading: "Loading the consultation…" });
  if (pending !== null || state.phase !== "ready") return pending;
  const c = state.data;
  if (!c.abilities.edit) {
    return (
      <Page title="Dashboard" narrow>
        <div role="alert" className="notice" data-testid="dashboard-not-allowed">
          <p className="notice__title">You are not allowed to see this dashboard.</p>
          <p>
            Only the consultation's organisers and administrators can.{" "}
            {session.status === "anonymous" ? (
              <Link to="/login" state={{ from: `/consultations/${slug}/dashboard` }}>
                Log in
              </Link>
            ) : (
              <Link to={consultationPath(c.slug)}>Back to the consultation</Link>
            )}
          </p>
        </div>
      </Page>
    );
  }
  return (
    <Page title={`Dashboard: ${c.title}`}>
      <p className="breadcrumb">
        <Link to={consultationPath(c.slug)}>Back to the consultation</Link>
      </p>
      <DashboardBody consultationId={c.id} />
    </Page>
  );
}
