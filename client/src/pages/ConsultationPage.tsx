import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { getConsultation, type ConsultationDetail } from "../api/consultations.ts";
import { listPositions, type PositionCounts } from "../api/positions.ts";
import { Badge } from "../components/Badge.tsx";
import { Page } from "../components/Page.tsx";
import { ModerationNotice } from "../features/consultations/ModerationNotice.tsx";
import { OrganiserPanel } from "../features/consultations/OrganiserPanel.tsx";
import { QuestionList, type CountsByQuestion } from "../features/consultations/QuestionList.tsx";
import { StartThreadForm } from "../features/consultations/StartThreadForm.tsx";
import { ThreadList } from "../features/consultations/ThreadList.tsx";
import { ACCESS_LABELS, ACCESS_MODE_DESCRIPTIONS, ROLE_LABELS, STATUS_LABELS, languageLabel } from "../features/consultations/labels.ts";
import { useSession } from "../features/session/SessionContext.tsx";
import { formatDateTime } from "../lib/format.ts";
import { useResource } from "../lib/useResource.ts";
import { useRefreshSignal } from "../lib/useRefreshSignal.ts";
import { useRoom } from "../realtime/useRoom.ts";
import { TransparencyPanel } from "../features/moderation/TransparencyPanel.tsx";
import { auditPath, dashboardPath, moderationPath } from "../lib/paths.ts";
import { PublishedSummaries } from "../features/dashboard/SummaryVersionList.tsx";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { resourceState } from "../components/ResourceState.tsx";

/** Counts by category x stance for every question: one small request each (limit 1: only the counts are used). */
function useCountsByQuestion(c: ConsultationDetail | null, viewerKey: string | null, refresh: number): CountsByQuestion {
  const [state, setState] = useState<CountsByQuestion>({ phase: "loading" });
  const questionKey = c ? c.questions.map((q) => q.id).join(",") : null;
  const id = c?.id;
  useEffect(() => {
    if (!id || questionKey === null || viewerKey === null) return;
    const controller = new AbortController();
    // A refresh (a position published or hidden) keeps the counts shown until the new ones arrive.
    setState((s) => (refresh > 0 && s.phase === "ready" ? s : { phase: "loading" }));
    const ids = questionKey ? questionKey.split(",") : [];
    Promise.all(ids.map((qid) => listPositions(id, { questionId: qid, limit: 1 }, controller.signal).then((r) => [qid, r.counts] as const))).then(
      (entries) => setState({ phase: "ready", counts: Object.fromEntries(entries) as Record<string, PositionCounts> }),
      () => {
        if (!controller.signal.aborted) setState({ phase: "error" });
      },
    );
    return () => controller.abort();
  }, [id, questionKey, viewerKey, refresh]);
  return state;
}

function Dates({ c }: { c: ConsultationDetail }) {
  const item = (iso: string | null, future: string, past: string) => {
    if (!iso) return null;
    const isPast = new Date(iso).getTime() <= Date.now();
    return (
      <div className="meta__item">
        <dt>{isPast ? past : future}</dt>
        <dd>
          <time dateTime={iso}>{formatDateTime(iso)}</time>
        </dd>
      </div>
    );
  };
  return (
    <dl className="meta meta--page">
      {item(c.opensAt, "Opens", "Opened")}
      {item(c.closesAt, "Closes", "Closed")}
      <div className="meta__item">
        <dt>Language</dt>
        <dd>{languageLabel(c.language)}</dd>
      </div>
      {c.viewer.role && (
        <div className="meta__item">
          <dt>Your role</dt>
          <dd>{ROLE_LABELS[c.viewer.role]}</dd>
        </div>
      )}
    </dl>
  );
}

export function ConsultationPage() {
  const { slug = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const session = useSession();
  const viewerKey = useViewerKey();
  const { state, reload, update } = useResource(viewerKey === null ? null : `${slug}|${viewerKey}`, (signal) => getConsultation(slug, signal));
  const c = state.phase === "ready" ? state.data : null;
  // Live: new and changed threads, published and hidden positions, the consultation's own state.
  const [threadsSignal, bumpThreads] = useRefreshSignal();
  const [positionsSignal, bumpPositions] = useRefreshSignal();
  const [consultationSignal, bumpConsultation] = useRefreshSignal();
  useRoom({
    join: "consultation:join",
    id: c?.id ?? null,
    consultationId: c?.id ?? null,
    onResync: () => {
      bumpThreads();
      bumpPositions();
      bumpConsultation();
    },
    onEvent: (name, payload) => {
      if (name === "thread:created" || name === "thread:updated") {
        const thread = payload.thread as { consultationId?: string } | undefined;
        if (thread?.consultationId !== c?.id) return false;
        bumpThreads();
        return true;
      }
      if (name === "position:published" || name === "position:hidden") {
        bumpPositions();
        return true;
      }
      if (name === "consultation:updated") {
        const updated = payload.consultation as { id?: string } | undefined;
        if (updated?.id !== c?.id) return false;
        bumpConsultation();
        return true;
      }
      return false;
    },
  });
  useEffect(() => {
    if (consultationSignal) void reload(true);
  }, [consultationSignal, reload]);
  const counts = useCountsByQuestion(c, viewerKey, positionsSignal);
  const questionId = c?.questions.some((q) => q.id === params.get("question")) ? (params.get("question") ?? undefined) : undefined;
  const [composing, setComposing] = useState(false);
  const startButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // A link to "#threads" (e.g. from a question) lands on the thread list once it is there.
    if (c && location.hash === "#threads") document.getElementById("threads")?.scrollIntoView();
  }, [c, location.hash, questionId]);

  const pending = resourceState(state, reload, { title: "Consultation", what: "consultation", loading: "Loading the consultation…" });
  if (pending !== null || state.phase !== "ready") return pending;
  const consultation = state.data;

  const setQuestion = (next: string | undefined) => {
    const p = new URLSearchParams(params);
    if (next) p.set("question", next);
    else p.delete("question");
    setParams(p, { preventScrollReset: true });
  };

  return (
    <Page title={consultation.title}>
      <p className="card__badges">
        <Badge kind="Status" tone={`status-${consultation.status}`}>
          {STATUS_LABELS[consultation.status]}
        </Badge>
        <Badge kind="Access" tone={`access-${consultation.accessMode}`} title={ACCESS_MODE_DESCRIPTIONS[consultation.accessMode]}>
          {ACCESS_LABELS[consultation.accessMode]}
        </Badge>
      </p>
      <p className="page__lead consultation__summary">{consultation.summary}</p>
      <Dates c={consultation} />

      <ModerationNotice consultation={consultation} />

      {(consultation.abilities.moderate || consultation.abilities.edit) && (
        <nav aria-label="Staff" className="staff-links">
          {consultation.abilities.moderate && (
            <Link to={moderationPath(consultation.slug)} className="button button--secondary">
              Moderation queue
            </Link>
          )}
          {consultation.abilities.edit && (
            <Link to={auditPath(consultation.slug)} className="button button--secondary">
              Audit log
            </Link>
          )}
          {consultation.abilities.edit && (
            <Link to={dashboardPath(consultation.slug)} className="button button--secondary">
              Dashboard and reports
            </Link>
          )}
        </nav>
      )}

      {session.status === "anonymous" && consultation.status === "open" && (
        <p className="login-prompt">
          <Link to="/login" state={{ from: location.pathname + location.search }}>
            Log in
          </Link>{" "}
          or{" "}
          <Link to="/register" state={{ from: location.pathname + location.search }}>
            register
          </Link>{" "}
          to take part.
        </p>
      )}

      {consultation.backgroundHtml && (
        <section aria-labelledby="background-title" className="section">
          <h2 id="background-title">Background</h2>
          {/* Sanitised by the server (server/content/rich-text.ts) when it was written. */}
          <div className="rich-text" data-testid="background" dangerouslySetInnerHTML={{ __html: consultation.backgroundHtml }} />
        </section>
      )}

      <section aria-labelledby="questions-title" className="section">
        <h2 id="questions-title">Questions</h2>
        <QuestionList consultation={consultation} counts={counts} />
      </section>

      <section aria-labelledby="threads-title" className="section" id="threads">
        <div className="section__head">
          <h2 id="threads-title">Discussion threads</h2>
          {consultation.abilities.startThread && !composing && (
            <button type="button" className="button button--primary" ref={startButton} onClick={() => setComposing(true)}>
              Start a thread
            </button>
          )}
        </div>
        {composing && (
          <StartThreadForm
            consultation={consultation}
            questionId={questionId}
            onCancel={() => {
              setComposing(false);
              requestAnimationFrame(() => startButton.current?.focus());
            }}
          />
        )}
        <ThreadList consultation={consultation} viewerKey={viewerKey} questionId={questionId} onQuestionChange={setQuestion} refreshSignal={threadsSignal} />
      </section>

      <PublishedSummaries consultationId={consultation.id} refreshKey={consultationSignal} />

      <TransparencyPanel consultationId={consultation.id} refreshKey={positionsSignal + threadsSignal} />

      {consultation.abilities.edit && <OrganiserPanel consultation={consultation} onChanged={(next) => update(() => next)} />}

      <p className="page__footer-links">
        <Link to={`/search?consultationId=${encodeURIComponent(consultation.id)}`}>Search this consultation</Link>
        {" · "}
        <Link to="/consultations">All consultations</Link>
      </p>
    </Page>
  );
}
