// The summary report: the preview of what would be published now, "Publish version", and the list of
// versions already published with their downloads.
import { useState } from "react";
import type { ReportData } from "../../../../shared/schemas/exports.ts";
import { asApiError } from "../../api/client.ts";
import { listSummaryVersions, publishSummaryVersion, type SummaryVersion } from "../../api/exports.ts";
import { Alert } from "../../components/Alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useResource } from "../../lib/useResource.ts";
import { ReportPreview } from "./ReportPreview.tsx";
import { SummaryVersionItems, VersionHash } from "./SummaryVersionList.tsx";

export function PublishPanel({ consultationId, preview }: { consultationId: string; preview: ReportData }) {
  const versions = useResource(consultationId, (signal) => listSummaryVersions(consultationId, signal));
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<SummaryVersion | null>(null);
  const [error, setError] = useState<string | null>(null);

  const publish = async () => {
    setPublishing(true);
    setError(null);
    setPublished(null);
    try {
      const v = await publishSummaryVersion(consultationId);
      setPublished(v);
      versions.update((list) => [v, ...list.filter((x) => x.version !== v.version)]);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setPublishing(false);
    }
  };

  return (
    <section aria-labelledby="report-section-title" className="section dashboard__section" data-testid="report">
      <h2 id="report-section-title">Summary report</h2>
      <p className="muted">
        Publishing freezes the report as it is now, as a new numbered version anyone who can read the consultation may download. Published versions are
        never changed.
      </p>
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={publishing} onClick={() => void publish()}>
          {publishing ? "Publishing…" : "Publish version"}
        </button>
      </div>
      <div role="status" data-testid="publish-status">
        {published && (
          <p className="notice notice--success">
            Version {published.version} published on <time dateTime={published.createdAt}>{formatDateTime(published.createdAt)}</time>. SHA-256{" "}
            <VersionHash hash={published.contentHash} />
          </p>
        )}
      </div>
      {error && <Alert title="The report was not published.">{error}</Alert>}

      <h3>Published versions</h3>
      {versions.state.phase === "loading" && <p role="status">Loading the versions…</p>}
      {versions.state.phase === "error" && <p className="inline-error">The versions could not be loaded: {versions.state.error.message}</p>}
      {versions.state.phase === "ready" &&
        (versions.state.data.length === 0 ? <p className="muted">No version has been published yet.</p> : <SummaryVersionItems versions={versions.state.data} />)}

      <details className="report-preview" open>
        <summary>Preview of the report as it would be published now</summary>
        <ReportPreview data={preview} />
      </details>
    </section>
  );
}
