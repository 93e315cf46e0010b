// Published versions of the summary report, newest first, with a download link per format. Each
// version is immutable and identified by the SHA-256 of its data (shortened here, whole in the tooltip).
import { useEffect } from "react";
import { REPORT_FORMATS, type ReportFormat } from "../../../../shared/schemas/exports.ts";
import { listSummaryVersions, type SummaryVersion } from "../../api/exports.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useResource } from "../../lib/useResource.ts";
import { shortHash } from "./labels.ts";

export const FORMAT_LABELS: Record<ReportFormat, string> = { html: "HTML", md: "Markdown", pdf: "PDF", docx: "Word (DOCX)" };

export function VersionHash({ hash }: { hash: string }) {
  return (
    <code className="hash" title={`SHA-256 ${hash}`}>
      {shortHash(hash)}
      <span className="visually-hidden"> (SHA-256 {hash})</span>
    </code>
  );
}

export function SummaryVersionItems({ versions }: { versions: SummaryVersion[] }) {
  return (
    <ul className="versions" data-testid="summary-versions">
      {versions.map((v) => (
        <li key={v.version} className="versions__item" data-testid={`summary-version-${v.version}`}>
          <span className="versions__title">Version {v.version}</span>{" "}
          <span className="muted">
            published <time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time> · <VersionHash hash={v.contentHash} />
          </span>
          <span className="versions__links">
            {REPORT_FORMATS.map((f) => (
              <a key={f} href={v.downloads[f]} download={f === "html" ? undefined : true} className="versions__link">
                {FORMAT_LABELS[f]}
                <span className="visually-hidden"> of version {v.version}</span>
              </a>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** For every reader of the consultation: nothing at all until a version is published. */
export function PublishedSummaries({ consultationId, refreshKey }: { consultationId: string; refreshKey?: number }) {
  const { state, reload } = useResource(consultationId, (signal) => listSummaryVersions(consultationId, signal));
  useEffect(() => {
    if (refreshKey) void reload(true);
  }, [refreshKey, reload]);
  if (state.phase !== "ready" || state.data.length === 0) return null;
  return (
    <section aria-labelledby="summaries-title" className="section">
      <h2 id="summaries-title">Summary reports</h2>
      <p className="muted">The organisers' published summaries of this consultation. Each version stays as it was published.</p>
      <SummaryVersionItems versions={state.data} />
    </section>
  );
}
