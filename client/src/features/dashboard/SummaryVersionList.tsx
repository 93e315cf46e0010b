// Published versions of the summary report, newest first, with a download link per format. Each
// version is immutable and identified by the SHA-256 of its data (shortened here, whole in the tooltip).
import { useEffect } from "react";
import { Trans, useTranslation } from "react-i18next";
import { REPORT_FORMATS, type ReportFormat } from "../../../../shared/schemas/exports.ts";
import { listSummaryVersions, type SummaryVersion } from "../../api/exports.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
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
  const { t } = useTranslation("dashboard");
  return (
    <ul className="versions" data-testid="summary-versions">
      {versions.map((v) => (
        <li key={v.version} className="versions__item" data-testid={`summary-version-${v.version}`}>
          <span className="versions__title">{t("versions.version", { version: v.version })}</span>{" "}
          <span className="muted">
            <Trans t={t} i18nKey="versions.published" values={{ date: formatDateTime(v.createdAt) }} components={{ time: <time dateTime={v.createdAt} /> }} /> ·{" "}
            <VersionHash hash={v.contentHash} />
          </span>
          <span className="versions__links">
            {REPORT_FORMATS.map((f) => (
              <a key={f} href={v.downloads[f]} download={f === "html" ? undefined : true} className="versions__link">
                {t(`versions.format.${f}`)}
                <span className="visually-hidden">{t("versions.ofVersion", { version: v.version })}</span>
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
  const { t } = useTranslation("dashboard");
  const viewerKey = useViewerKey();
  const query = useQuery({ queryKey: keys.summaryVersions(consultationId, viewerKey), queryFn: ({ signal }) => listSummaryVersions(consultationId, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);
  const { refetch } = query;
  useEffect(() => {
    if (refreshKey) void refetch();
  }, [refreshKey, refetch]);
  if (state.phase !== "ready" || state.data.length === 0) return null;
  return (
    <section aria-labelledby="summaries-title" className="section">
      <h2 id="summaries-title">{t("versions.publicTitle")}</h2>
      <p className="muted">{t("versions.publicLead")}</p>
      <SummaryVersionItems versions={state.data} />
    </section>
  );
}
