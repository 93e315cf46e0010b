// The summary report: the preview of what would be published now, "Publish version", and the list of
// versions already published with their downloads.
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import type { ReportData } from "../../../../shared/schemas/exports.ts";
import { asApiError } from "../../api/client.ts";
import { listSummaryVersions, publishSummaryVersion, type SummaryVersion } from "../../api/exports.ts";
import { Alert } from "../../components/Alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { ReportPreview } from "./ReportPreview.tsx";
import { SummaryVersionItems, VersionHash } from "./SummaryVersionList.tsx";
import { ConfirmPublishDialog } from "../organiser/ConfirmPublishDialog.tsx";

export function PublishPanel({ consultationId, preview }: { consultationId: string; preview: ReportData }) {
  const { t } = useTranslation("dashboard");
  const viewerKey = useViewerKey();
  const queryClient = useQueryClient();
  const versionsKey = keys.summaryVersions(consultationId, viewerKey);
  const versions = resourceOf(useQuery({ queryKey: versionsKey, queryFn: ({ signal }) => listSummaryVersions(consultationId, signal), enabled: viewerKey !== null }));
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<SummaryVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const publish = async () => {
    setConfirming(false);
    setPublishing(true);
    setError(null);
    setPublished(null);
    try {
      const v = await publishSummaryVersion(consultationId);
      setPublished(v);
      queryClient.setQueryData<SummaryVersion[]>(versionsKey, (list) => (list ? [v, ...list.filter((x) => x.version !== v.version)] : list));
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setPublishing(false);
    }
  };

  return (
    <section aria-labelledby="report-section-title" className="section dashboard__section" data-testid="report">
      <h2 id="report-section-title">{t("publish.title")}</h2>
      <p className="muted">{t("publish.lead")}</p>
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={publishing} onClick={() => setConfirming(true)}>
          {publishing ? t("publish.publishing") : t("publish.publish")}
        </button>
      </div>
      <ConfirmPublishDialog open={confirming} busy={publishing} onConfirm={() => void publish()} onClose={() => setConfirming(false)} />
      <div role="status" data-testid="publish-status">
        {published && (
          <p className="notice notice--success">
            <Trans
              t={t}
              i18nKey="publish.done"
              values={{ version: published.version, date: formatDateTime(published.createdAt) }}
              components={{ time: <time dateTime={published.createdAt} /> }}
            />{" "}
            SHA-256{" "}
            <VersionHash hash={published.contentHash} />
          </p>
        )}
      </div>
      {error && <Alert title={t("publish.notPublished")}>{error}</Alert>}

      <h3>{t("publish.versions")}</h3>
      {versions.phase === "loading" && <p role="status">{t("publish.loadingVersions")}</p>}
      {versions.phase === "error" && <p className="inline-error">{t("publish.versionsNotLoaded", { message: versions.error.message })}</p>}
      {versions.phase === "ready" &&
        (versions.data.length === 0 ? <p className="muted">{t("publish.noVersion")}</p> : <SummaryVersionItems versions={versions.data} />)}

      <details className="report-preview" open>
        <summary>{t("publish.preview")}</summary>
        <ReportPreview data={preview} />
      </details>
    </section>
  );
}
