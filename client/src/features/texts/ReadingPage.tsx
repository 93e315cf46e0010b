// /consultations/:slug/texts/:docId: the reading view of a draft text. Units with their margins; the
// unit named by ?unit= is opened (permalinks from threads land there) with its threads and amendments;
// ?version= shows an older version; the version bar compares two versions word by word.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { Page } from "../../components/Page.tsx";
import { resourceState } from "../../components/ResourceState.tsx";
import { consultationPath } from "../../lib/paths.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { useRoom } from "../../realtime/useRoom.ts";
import { ConsultationGate } from "../consultations/ConsultationGate.tsx";
import { getReadingView, listAmendments, listAnchoredThreads, type Amendment, type ReadingUnit, type ReadingView } from "./api.ts";
import { ImportForm } from "./ImportForm.tsx";
import { unitElementId } from "./paths.ts";
import { StandingPanel } from "./StandingPanel.tsx";
import { findUnit, unitLabel } from "./tree.ts";
import { UnitBlock } from "./UnitBlock.tsx";
import { UnitPanel } from "./UnitPanel.tsx";
import { VersionBar } from "./VersionBar.tsx";
import type { WordSpan } from "./words.ts";
import "./texts.css";

function Reading({ consultation: c, view, reload }: { consultation: ConsultationDetail; view: ReadingView; reload(): void }) {
  const { t } = useTranslation("texts");
  const viewerKey = useViewerKey();
  const [params, setParams] = useSearchParams();
  const openEId = params.get("unit");
  const [span, setSpan] = useState<WordSpan | null>(null);
  const [publishing, setPublishing] = useState(false);
  const isCurrent = view.version === view.currentVersion;
  const queryClient = useQueryClient();
  // The open unit's own threads and amendments, every page of them (a text-wide list would have to stop
  // somewhere, and the unit's discussions past that point would silently go missing).
  const unitEId = openEId && findUnit(view.units, openEId) ? openEId : null;
  const threadsKey = keys.anchoredThreads(view.id, view.currentVersion, unitEId ?? "", viewerKey);
  const threadsQuery = useQuery({ queryKey: threadsKey, queryFn: ({ signal }) => listAnchoredThreads(view.id, unitEId!, signal), enabled: unitEId !== null && viewerKey !== null });
  const amendmentsKey = keys.amendments(view.id, view.currentVersion, unitEId ?? "", viewerKey);
  const amendmentsQuery = useQuery({ queryKey: amendmentsKey, queryFn: ({ signal }) => listAmendments(view.id, unitEId!, signal), enabled: unitEId !== null && viewerKey !== null });
  const threads = resourceOf(threadsQuery);
  const amendments = resourceOf(amendmentsQuery);

  // Live: amendments, anchored threads and posts in anchored threads (the consultation room carries those
  // for the reading view) reload what they change, quietly: the lists carry the viewer's abilities, which
  // broadcasts do not, and the margin counts are the viewer's (only the server knows them).
  const reloadUnitThreads = useCallback(() => void queryClient.invalidateQueries({ queryKey: ["anchored-threads", view.id] }), [queryClient, view.id]);
  const reloadUnitAmendments = useCallback(() => void queryClient.invalidateQueries({ queryKey: ["amendments", view.id] }), [queryClient, view.id]);
  useRoom({
    join: "consultation:join",
    id: c.id,
    consultationId: c.id,
    onResync: () => {
      reloadUnitThreads();
      reloadUnitAmendments();
      reload();
    },
    // Post events are not replayed to consultation rooms: after a reconnection the counts are read afresh.
    onJoined: (_result, rejoin) => {
      if (rejoin) reload();
    },
    onEvent: (name, payload) => {
      if (name === "amendment:changed") {
        const p = payload as { amendment?: { documentId: string }; amendmentId?: string };
        if (p.amendment && p.amendment.documentId !== view.id) return false;
        reloadUnitAmendments();
        reload();
        return true;
      }
      if (name === "thread:created") {
        const thread = payload.thread as { consultationId?: string } | undefined;
        if (thread?.consultationId !== c.id) return false;
        reloadUnitThreads();
        reload();
        return true;
      }
      if (name === "post:created" || name === "post:approved" || name === "post:hidden" || name === "post:withdrawn") {
        // A reply (or one held, hidden or withdrawn) in a thread anchored to a text of this consultation.
        reload();
        return true;
      }
      return false;
    },
  });

  const open = useCallback(
    (eId: string | null, nextSpan: WordSpan | null = null) => {
      setSpan(nextSpan);
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (eId) next.set("unit", eId);
          else next.delete("unit");
          return next;
        },
        { preventScrollReset: true, replace: true },
      );
    },
    [setParams],
  );

  // A permalink (?unit=) scrolls to its unit once the text is there.
  useEffect(() => {
    if (openEId) document.getElementById(unitElementId(openEId))?.scrollIntoView({ block: "start" });
    // Only on arrival: later openings happen where the reader already is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.id]);

  const found = openEId ? findUnit(view.units, openEId) : null;
  const label = useMemo(() => {
    const cache = new Map<string, string>();
    return (u: ReadingUnit) => {
      if (!cache.has(u.eId)) {
        const f = findUnit(view.units, u.eId);
        cache.set(u.eId, f ? unitLabel(f.unit, f.ancestors) : u.eId);
      }
      return cache.get(u.eId)!;
    };
  }, [view.units]);

  const onAmendment = (next: Amendment) => {
    if (next.eId === unitEId) queryClient.setQueryData<Awaited<ReturnType<typeof listAmendments>>>(amendmentsKey, (d) => d && ({ ...d, items: d.items.some((a) => a.id === next.id) ? d.items.map((a) => (a.id === next.id ? next : a)) : [...d.items, next] }));
    reload();
  };

  const panel = found ? (
    <UnitPanel
      key={found.unit.eId}
      consultation={c}
      documentId={view.id}
      unit={found.unit}
      label={label(found.unit)}
      isCurrent={isCurrent}
      span={span}
      onSpan={setSpan}
      threads={threads.phase === "ready" ? threads.data.items : []}
      amendments={amendments.phase === "ready" ? amendments.data.items : []}
      lists={threads.phase === "error" || amendments.phase === "error" ? "error" : threads.phase === "ready" && amendments.phase === "ready" ? "ready" : "loading"}
      onRetry={() => {
        void threadsQuery.refetch();
        void amendmentsQuery.refetch();
      }}
      onAmendment={onAmendment}
      onClose={() => {
        const eId = found.unit.eId;
        open(null);
        requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`#${unitElementId(eId)} [data-testid="unit-open"]`)?.focus());
      }}
    />
  ) : null;

  return (
    <Page title={view.title}>
      <nav aria-label={t("threads:breadcrumb")} className="breadcrumb">
        <Link to={consultationPath(c.slug)}>{c.title}</Link>
      </nav>
      <VersionBar key={`${view.version}-${view.currentVersion}`} view={view} slug={c.slug} />
      {view.abilities.manage && isCurrent && (
        <section className="section" aria-label={t("manage.publishTitle")}>
          {publishing ? (
            <ImportForm
              consultationId={c.id}
              existing={{ id: view.id, basedOn: view.currentVersion, units: view.units }}
              onCancel={() => setPublishing(false)}
              onSaved={() => {
                setPublishing(false);
                reload();
              }}
            />
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setPublishing(true)}>
              {t("manage.publish")}
            </button>
          )}
        </section>
      )}
      <StandingPanel view={view} slug={c.slug} label={label} />
      <section aria-labelledby="text-title" className="section">
        <h2 id="text-title">{isCurrent ? t("reading.textHeading") : t("reading.textHeadingOld", { version: view.version })}</h2>
        <p className="field__hint">{t("reading.how")}</p>
        <div className="text-units" data-testid="text-units">
          {view.units.map((u) => (
            <UnitBlock key={u.eId} unit={u} level={3} label={label} selectedEId={openEId} onOpen={open} panel={panel} />
          ))}
        </div>
      </section>
    </Page>
  );
}

function ReadingLoader({ consultation }: { consultation: ConsultationDetail }) {
  const { t } = useTranslation("texts");
  const { docId = "" } = useParams();
  const [params] = useSearchParams();
  const version = Number(params.get("version")) || undefined;
  const viewerKey = useViewerKey();
  const query = useQuery({ queryKey: keys.readingView(docId, version, viewerKey), queryFn: ({ signal }) => getReadingView(docId, version, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);
  const pending = resourceState(state, () => query.refetch(), { title: t("reading.loadingTitle"), what: "text" });
  if (pending !== null || state.phase !== "ready") return pending;
  return <Reading consultation={consultation} view={state.data} reload={() => void query.refetch()} />;
}

export function ReadingPage() {
  const { t } = useTranslation("texts");
  return <ConsultationGate title={t("reading.loadingTitle")}>{(c) => <ReadingLoader consultation={c} />}</ConsultationGate>;
}
