// Exports of the current record. Contributions (CSV, JSON, XLSX) stream straight down as plain links.
// The report as PDF or DOCX and the whole package take a while: they run as jobs on the server, shown
// here with a progress bar, a Cancel button and, when done, a Download link. Progress comes from the
// socket's "export:progressed" when the server pushes it, and from polling the job every second in any
// case (the server does not push it yet; polling is also what keeps working when the socket is down).
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n/index.ts";
import { CONTRIBUTION_FORMATS, type ExportJobKind, type ExportJobStatus, type ExportScope } from "../../../../shared/schemas/exports.ts";
import { asApiError, isAbortError } from "../../api/client.ts";
import { cancelExportJob, contributionsUrl, CONTRIBUTIONS_SCHEMA_URL, getExportJob, startExportJob, type ExportJob } from "../../api/exports.ts";
import { Alert } from "../../components/Alert.tsx";
import { RadioGroup } from "../../components/fields.tsx";
import { useRealtime } from "../../realtime/RealtimeContext.tsx";
import { formatDateTime, formatNumber } from "../../lib/format.ts";

const POLL_MS = 1_000;
const ACTIVE: ExportJobStatus[] = ["queued", "running"];
const isActive = (j: ExportJob) => ACTIVE.includes(j.status);

const JOB_KINDS: ExportJobKind[] = ["pdf", "docx", "package"];

function formatSize(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes < 1024) return i18n.t("exports:size.bytes", { count: bytes });
  if (bytes < 1024 * 1024) return i18n.t("exports:size.kb", { n: formatNumber(bytes / 1024, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) });
  return i18n.t("exports:size.mb", { n: formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) });
}

function JobRow({ job, onCancel }: { job: ExportJob; onCancel(): void }) {
  const { t } = useTranslation("exports");
  const label = t("job.label", { kind: t(`job.kind.${job.kind}`), scope: t(`scope.short.${job.scope}`) });
  return (
    <li className="export-job" data-testid={`export-job-${job.kind}`} data-status={job.status}>
      <span className="export-job__title">{label}</span>
      <progress className="export-job__bar" max={100} value={job.progress} aria-label={t("job.progress", { label })}>
        {job.progress}%
      </progress>
      {/* Announced when the state changes, not at every percent (the progress bar carries those). */}
      <span className="export-job__status" role="status">
        {t(`job.status.${job.status}`)}
      </span>
      {isActive(job) && <span aria-hidden="true">{job.progress}%</span>}
      {isActive(job) && (
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          {t("common:cancel")}<span className="visually-hidden">{t("job.hiddenThe", { label })}</span>
        </button>
      )}
      {job.status === "done" && job.downloadUrl && (
        <a href={job.downloadUrl} className="button button--small button--primary" download>
          {t("job.download")}<span className="visually-hidden">{t("job.hiddenThe", { label })}</span>
        </a>
      )}
      {job.status === "done" && <span className="muted">{formatSize(job.size)}</span>}
      {job.status === "done" && job.expiresAt && <span className="muted">{t("job.until", { date: formatDateTime(job.expiresAt) })}</span>}
      {job.status === "expired" && <p className="muted export-job__error">{t("job.expired")}</p>}
      {job.status === "failed" && (
        <p role="alert" className="inline-error export-job__error">
          {job.error ?? t("job.failed")}
        </p>
      )}
    </li>
  );
}

export function ExportPanel({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation("exports");
  const [scope, setScope] = useState<ExportScope>("public");
  const [jobs, setJobs] = useState<ExportJob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState<ExportJobKind | null>(null);
  const { socket } = useRealtime();
  const active = jobs.filter(isActive).map((j) => j.id).join(",");

  const merge = (next: ExportJob) => setJobs((list) => list.map((j) => (j.id === next.id ? next : j)));
  const mergeRef = useRef(merge);
  mergeRef.current = merge;

  // Pushed progress, when the server sends it: the poll below stays the source of truth.
  useEffect(() => {
    const onProgress = (payload: Record<string, unknown>) => {
      const jobId = typeof payload.jobId === "string" ? payload.jobId : null;
      const progress = typeof payload.progress === "number" ? payload.progress : null;
      const status = typeof payload.status === "string" ? (payload.status as ExportJobStatus) : null;
      if (!jobId || progress === null || !status) return;
      // Only the progress bar moves here; the download address comes with the next poll.
      setJobs((list) => list.map((j) => (j.id === jobId && isActive(j) && ACTIVE.includes(status) ? { ...j, status, progress } : j)));
    };
    socket.on("export:progressed", onProgress);
    return () => {
      socket.off("export:progressed", onProgress);
    };
  }, [socket]);

  useEffect(() => {
    if (!active) return;
    const ids = active.split(",");
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const next = await Promise.all(ids.map((id) => getExportJob(id, controller.signal)));
        next.forEach((j) => mergeRef.current(j));
      } catch (err) {
        if (isAbortError(err) || controller.signal.aborted) return;
        setError(asApiError(err).message);
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [active]);

  // A finished file is kept until expiresAt: look at the job again then, so the row says it expired.
  const expiring = jobs.filter((j) => j.status === "done" && j.expiresAt).map((j) => `${j.id}@${j.expiresAt}`).join(",");
  useEffect(() => {
    if (!expiring) return;
    const timers = expiring.split(",").map((entry) => {
      const [id, at] = entry.split("@") as [string, string];
      // setTimeout's longest delay is about 24.8 days; a longer wait just looks again then.
      const delay = Math.min(Math.max(0, Date.parse(at) - Date.now()) + 1_000, 2 ** 31 - 1);
      return setTimeout(() => getExportJob(id).then((j) => mergeRef.current(j), () => undefined), delay);
    });
    return () => timers.forEach(clearTimeout);
  }, [expiring]);

  const start = async (kind: ExportJobKind) => {
    setError(null);
    setStarting(kind);
    try {
      const job = await startExportJob(consultationId, { kind, scope });
      setJobs((list) => [job, ...list]);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setStarting(null);
    }
  };

  const cancel = async (job: ExportJob) => {
    setError(null);
    try {
      merge(await cancelExportJob(job.id));
    } catch (err) {
      setError(asApiError(err).message);
      // It may have finished meanwhile: show its real state.
      getExportJob(job.id).then(merge, () => undefined);
    }
  };

  return (
    <section aria-labelledby="exports-title" className="section dashboard__section" data-testid="exports">
      <h2 id="exports-title">{t("title")}</h2>
      <RadioGroup
        legend={t("scope.legend")}
        name="export-scope"
        idPrefix="export-scope"
        value={scope}
        options={[
          { value: "public", label: t("scope.public") },
          { value: "staff", label: t("scope.staff") },
        ]}
        onChange={(v) => setScope(v as ExportScope)}
        hint={t("scope.hint")}
      />
      <h3>{t("contributions")}</h3>
      <p className="button-row">
        {CONTRIBUTION_FORMATS.map((f) => (
          <a key={f} href={contributionsUrl(consultationId, f, scope)} className="button button--secondary" download>
            {t("contributionsAs", { format: t(`format.${f}`) })}
          </a>
        ))}
        <a href={CONTRIBUTIONS_SCHEMA_URL} className="button button--quiet">
          {t("schema")}
        </a>
      </p>
      <h3>{t("files")}</h3>
      <p className="button-row">
        {JOB_KINDS.map((kind) => (
          <button key={kind} type="button" className="button button--secondary" disabled={starting !== null} onClick={() => void start(kind)}>
            {starting === kind ? t("starting") : t("prepare", { kind: t(`job.kind.${kind}`) })}
          </button>
        ))}
      </p>
      {error && <Alert title={t("failed")}>{error}</Alert>}
      {jobs.length > 0 && (
        <ul className="export-jobs" aria-label={t("jobs")}>
          {jobs.map((j) => (
            <JobRow key={j.id} job={j} onCancel={() => void cancel(j)} />
          ))}
        </ul>
      )}
    </section>
  );
}
