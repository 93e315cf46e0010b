import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { Trans, useTranslation } from "react-i18next";
import { getConsultation, type ConsultationDetail } from "../api/consultations.ts";
import { listPositions, type PositionCounts } from "../api/positions.ts";
import { Badge } from "../components/Badge.tsx";
import { Page } from "../components/Page.tsx";
import { ModerationNotice } from "../features/consultations/ModerationNotice.tsx";
import { QuestionList, type CountsByQuestion } from "../features/consultations/QuestionList.tsx";
import { StartThreadForm } from "../features/consultations/StartThreadForm.tsx";
import { ThreadList } from "../features/consultations/ThreadList.tsx";
import { languageLabel } from "../features/consultations/labels.ts";
import { useSession } from "../features/session/SessionContext.tsx";
import { formatDateTime } from "../lib/format.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { LiveThread } from "../../../shared/events.ts";
import { applyThreadUpdate } from "../features/consultations/threadCache.ts";
import { keys } from "../lib/query/keys.ts";
import { resourceOf } from "../lib/query/state.ts";
import { useRefreshSignal } from "../lib/useRefreshSignal.ts";
import { useRoom } from "../realtime/useRoom.ts";
import { TransparencyPanel } from "../features/moderation/TransparencyPanel.tsx";
import { auditPath, dashboardPath, moderationPath } from "../lib/paths.ts";
import { PublishedSummaries } from "../features/dashboard/SummaryVersionList.tsx";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { resourceState } from "../components/ResourceState.tsx";
import { TextsSection } from "../features/texts/TextsSection.tsx";
import { ConsultationSectionNav } from "../features/organiser/ConsultationSectionNav.tsx";

/** Counts by category x stance for every question: one small request each (limit 1: only the counts are used). */
function useCountsByQuestion(c: ConsultationDetail | null, viewerKey: string | null, refresh: number): CountsByQuestion {
  const questionKey = c ? c.questions.map((q) => q.id).join(",") : "";
  const id = c?.id ?? "";
  const query = useQuery({
    queryKey: keys.positionCounts(id, questionKey, viewerKey),
    queryFn: async ({ signal }) => {
      const ids = questionKey ? questionKey.split(",") : [];
      const entries = await Promise.all(ids.map((qid) => listPositions(id, { questionId: qid, limit: 1 }, signal).then((r) => [qid, r.counts] as const)));
      return Object.fromEntries(entries) as Record<string, PositionCounts>;
    },
    enabled: id !== "" && viewerKey !== null,
  });
  // A refresh (a position published or hidden) keeps the counts shown until the new ones arrive.
  const { refetch } = query;
  useEffect(() => {
    if (refresh) void refetch();
  }, [refresh, refetch]);
  const state = resourceOf(query);
  if (state.phase === "ready") return { phase: "ready", counts: state.data };
  return state.phase === "error" ? { phase: "error" } : { phase: "loading" };
}

function Dates({ c }: { c: ConsultationDetail }) {
  const { t } = useTranslation("consultations");
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
      {item(c.opensAt, t("dates.opens"), t("dates.opened"))}
      {item(c.closesAt, t("dates.closes"), t("dates.closed"))}
      <div className="meta__item">
        <dt>{t("meta.language")}</dt>
        <dd>{languageLabel(c.language)}</dd>
      </div>
      {c.viewer.role && (
        <div className="meta__item">
          <dt>{t("meta.yourRole")}</dt>
          <dd>{t(`vocabulary:role.${c.viewer.role}`)}</dd>
        </div>
      )}
    </dl>
  );
}

export function ConsultationPage() {
  const { t } = useTranslation("consultations");
  const { slug = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const session = useSession();
  const viewerKey = useViewerKey();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: keys.consultation(slug, viewerKey), queryFn: ({ signal }) => getConsultation(slug, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);
  const c = state.phase === "ready" ? state.data : null;
  // Live: new and changed threads, published and hidden positions, the consultation's own state.
  const [threadsSignal, bumpThreads] = useRefreshSignal();
  const [positionsSignal, bumpPositions] = useRefreshSignal();
  const [consultationSignal, bumpConsultation] = useRefreshSignal();
  // Moderators' decisions on threads count in the transparency figures, even when the list needs no reload.
  const [decisionsSignal, bumpDecisions] = useRefreshSignal();
  useRoom({
    join: "consultation:join",
    id: c?.id ?? null,
    consultationId: c?.id ?? null,
    onResync: () => {
      bumpThreads();
      bumpPositions();
      bumpConsultation();
      bumpDecisions();
    },
    onEvent: (name, payload) => {
      if (name === "thread:created" || name === "thread:updated") {
        const thread = payload.thread as LiveThread | undefined;
        if (!thread || thread.consultationId !== c?.id) return false;
        // A change the cached lists can take as it is needs no request; anything else reloads them.
        if (name === "thread:created" || !applyThreadUpdate(queryClient, thread)) bumpThreads();
        bumpDecisions();
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
  const { refetch } = query;
  useEffect(() => {
    if (consultationSignal) void refetch();
  }, [consultationSignal, refetch]);
  const counts = useCountsByQuestion(c, viewerKey, positionsSignal);
  const questionId = c?.questions.some((q) => q.id === params.get("question")) ? (params.get("question") ?? undefined) : undefined;
  const [composing, setComposing] = useState(false);
  const startButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // A link to "#threads" (e.g. from a question) lands on the thread list once it is there.
    if (c && location.hash === "#threads") document.getElementById("threads")?.scrollIntoView();
  }, [c, location.hash, questionId]);

  const pending = resourceState(state, () => refetch(), { title: t("page.title"), what: "consultation", loading: t("page.loading") });
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
        <Badge kind={t("badge.status")} tone={`status-${consultation.status}`}>
          {t(`vocabulary:status.${consultation.status}`)}
        </Badge>
        <Badge kind={t("badge.access")} tone={`access-${consultation.accessMode}`} title={t(`vocabulary:accessDescription.${consultation.accessMode}`)}>
          {t(`vocabulary:access.${consultation.accessMode}`)}
        </Badge>
      </p>
      <p className="page__lead consultation__summary">{consultation.summary}</p>
      <Dates c={consultation} />
      <ConsultationSectionNav consultation={consultation} />

      <ModerationNotice consultation={consultation} />

      {(consultation.abilities.moderate || consultation.abilities.edit) && (
        <nav aria-label={t("page.staffNav")} className="staff-links">
          {consultation.abilities.moderate && (
            <Link to={moderationPath(consultation.slug)} className="button button--secondary">
              {t("page.moderationQueue")}
            </Link>
          )}
          {consultation.abilities.edit && (
            <Link to={auditPath(consultation.slug)} className="button button--secondary">
              {t("page.auditLog")}
            </Link>
          )}
          {consultation.abilities.edit && (
            <Link to={dashboardPath(consultation.slug)} className="button button--secondary">
              {t("page.dashboard")}
            </Link>
          )}
        </nav>
      )}

      {session.status === "anonymous" && consultation.status === "open" && (
        <p className="login-prompt">
          <Trans
            t={t}
            i18nKey="page.loginPrompt"
            components={{
              login: <Link to="/login" state={{ from: location.pathname + location.search }} />,
              register: <Link to="/register" state={{ from: location.pathname + location.search }} />,
            }}
          />
        </p>
      )}

      {consultation.backgroundHtml && (
        <section aria-labelledby="background-title" className="section">
          <h2 id="background-title">{t("page.background")}</h2>
          {/* Sanitised by the server (server/content/rich-text.ts) when it was written. */}
          <div className="rich-text" data-testid="background" dangerouslySetInnerHTML={{ __html: consultation.backgroundHtml }} />
        </section>
      )}

      <section aria-labelledby="questions-title" className="section">
        <h2 id="questions-title">{t("page.questions")}</h2>
        <QuestionList consultation={consultation} counts={counts} />
      </section>

      <TextsSection consultation={consultation} viewerKey={viewerKey} />

      <section aria-labelledby="threads-title" className="section" id="threads">
        <div className="section__head">
          <h2 id="threads-title">{t("page.threads")}</h2>
          {consultation.abilities.startThread && !composing && (
            <button type="button" className="button button--primary" ref={startButton} onClick={() => setComposing(true)}>
              {t("startThread.title")}
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

      <TransparencyPanel consultationId={consultation.id} refreshKey={positionsSignal + decisionsSignal} />

      <p className="page__footer-links">
        <Link to={`/search?consultationId=${encodeURIComponent(consultation.id)}`}>{t("page.searchThis")}</Link>
        {" · "}
        <Link to="/consultations">{t("page.all")}</Link>
      </p>
    </Page>
  );
}
