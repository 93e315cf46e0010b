import { useCallback, useEffect, useState, type ChangeEvent } from "react";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { STAKEHOLDER_CATEGORIES, type StakeholderCategory } from "../../../shared/categories.ts";
import { STANCES, type Stance } from "../../../shared/schemas/positions.ts";
import { type ConsultationDetail } from "../api/consultations.ts";
import { listPositions, type Position, type PositionList } from "../api/positions.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { representedOrganisations } from "../features/composer/SpeakAsField.tsx";
import { PositionCard } from "../features/positions/PositionCard.tsx";
import { PositionCountsTable } from "../features/positions/PositionCountsTable.tsx";
import { PositionForm } from "../features/positions/PositionForm.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { consultationPath } from "../lib/paths.ts";
import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { cursorPaging, mapPagedItems, useCursorListState } from "../lib/query/state.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { ConsultationGate } from "../features/consultations/ConsultationGate.tsx";

const parseStance = (v: string | null) => STANCES.find((s) => s === v);
const parseCategory = (v: string | null) => STAKEHOLDER_CATEGORIES.find((c) => c === v);
/** Pages read (of 100) when looking for the viewer's organisations' current positions. */
const MAX_OWN_PAGES = 10;

/** The current position of each of the given organisations on a question, whatever the filters. */
async function loadOwnPositions(consultationId: string, questionId: string, orgIds: Set<string>, signal?: AbortSignal) {
  const found = new Map<string, Position>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_OWN_PAGES && found.size < orgIds.size; page++) {
    const res = await listPositions(consultationId, { questionId, cursor, limit: 100 }, signal);
    for (const p of res.items) if (p.organisation && orgIds.has(p.organisation.id)) found.set(p.organisation.id, p);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  return found;
}

function Filters({ stance, category, onChange }: { stance?: Stance; category?: StakeholderCategory; onChange(next: { stance?: Stance; category?: StakeholderCategory }): void }) {
  const { t } = useTranslation("positions");
  return (
    <form role="search" aria-label={t("filters.landmark")} className="filters" onSubmit={(e) => e.preventDefault()}>
      <div className="filters__field">
        <label htmlFor="filter-stance" className="field__label">
          {t("filters.stance")}
        </label>
        <select
          id="filter-stance"
          className="field__control"
          value={stance ?? ""}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange({ stance: parseStance(e.target.value), category })}
        >
          <option value="">{t("filters.anyStance")}</option>
          {STANCES.map((s) => (
            <option key={s} value={s}>
              {t(`vocabulary:stance.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__field">
        <label htmlFor="filter-category" className="field__label">
          {t("counts.category")}
        </label>
        <select
          id="filter-category"
          className="field__control"
          value={category ?? ""}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange({ stance, category: parseCategory(e.target.value) })}
        >
          <option value="">{t("filters.anyCategory")}</option>
          {STAKEHOLDER_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`vocabulary:category.${c}`)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

function PositionsView({ consultation: c, questionId }: { consultation: ConsultationDetail; questionId: string }) {
  const { t } = useTranslation("positions");
  const question = c.questions.find((q) => q.id === questionId)!;
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const session = useSession();
  const viewerKey = useViewerKey();
  const stance = parseStance(params.get("stance"));
  const category = parseCategory(params.get("category"));
  const queryClient = useQueryClient();
  const listKey = keys.positions(c.id, { questionId, stance, category }, viewerKey);
  const listQuery = useInfiniteQuery({
    queryKey: listKey,
    queryFn: ({ pageParam, signal }) => listPositions(c.id, { questionId, stance, category, cursor: pageParam }, signal),
    ...cursorPaging<PositionList>(),
    enabled: viewerKey !== null,
  });
  const list = useCursorListState(listQuery);
  const organisations = representedOrganisations(session.user);
  const canPublish = c.abilities.takeStance && organisations.length > 0;
  const orgKey = organisations.map((o) => o.id).join(",");
  const [own, setOwn] = useState<Map<string, Position>>(new Map());
  const [status, setStatus] = useState("");

  const refreshOwn = useCallback(async () => {
    if (!orgKey) return new Map<string, Position>();
    const found = await loadOwnPositions(c.id, questionId, new Set(orgKey.split(",")));
    setOwn(found);
    return found;
  }, [c.id, questionId, orgKey]);

  useEffect(() => {
    if (canPublish) void refreshOwn().catch(() => undefined);
  }, [canPublish, refreshOwn]);

  // A link to one position (#position-<id>, e.g. from search) scrolls to its card.
  const { state } = list;
  useEffect(() => {
    if (state.phase !== "ready" || !location.hash.startsWith("#position-")) return;
    const el = document.getElementById(location.hash.slice(1));
    if (el) {
      el.classList.add("position--highlighted");
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
    }
  }, [state, location.hash]);

  const setFilters = (next: { stance?: Stance; category?: StakeholderCategory }) => {
    const p = new URLSearchParams();
    if (next.stance) p.set("stance", next.stance);
    if (next.category) p.set("category", next.category);
    setParams(p, { replace: false, preventScrollReset: true });
  };

  const filtered = Boolean(stance || category);
  let listStatus = "";
  if (state.phase === "loading") listStatus = t("list.loading");
  else if (state.phase === "ready") {
    const key = filtered ? (state.nextCursor ? "list.showingFilteredMore" : "list.showingFiltered") : state.nextCursor ? "list.showingMore" : "list.showing";
    listStatus = t(key, { count: state.items.length });
  }

  return (
    <Page title={t("list.title", { ordinal: question.ordinal })}>
      <nav aria-label={t("threads:breadcrumb")} className="breadcrumb">
        <Link to={consultationPath(c.slug)}>{c.title}</Link>
      </nav>
      <p className="page__lead">{question.text}</p>
      {question.explanation && <p className="question__explanation">{question.explanation}</p>}

      <section aria-labelledby="counts-title" className="section">
        <h2 id="counts-title">{t("list.overview")}</h2>
        {state.phase === "ready" && <PositionCountsTable counts={state.counts} caption={t("list.countsCaption")} />}
      </section>

      <section aria-labelledby="positions-title" className="section">
        <h2 id="positions-title" tabIndex={-1}>
          {t("list.positions")}
        </h2>
        <Filters stance={stance} category={category} onChange={setFilters} />
        <p role="status" className="list-status">
          {status && <span className="list-status__action">{status} </span>}
          {listStatus}
        </p>
        {state.phase === "error" && (
          <Alert title={t("list.notLoaded")}>
            <p>{state.error.message}</p>
            <button type="button" className="button button--secondary" onClick={() => void listQuery.refetch()}>
              {t("common:tryAgain")}
            </button>
          </Alert>
        )}
        {state.phase === "ready" && state.items.length === 0 && (
          <div className="empty">
            <p>{filtered ? t("list.noMatch") : t("list.none")}</p>
            {filtered && (
              <p>
                <Link to={{ search: "" }}>{t("list.showAll")}</Link>
              </p>
            )}
          </div>
        )}
        {state.phase === "ready" && state.items.length > 0 && (
          <ul className="card-list" data-testid="positions">
            {state.items.map((p) => (
              <li key={p.id}>
                <PositionCard
                  position={p}
                  viewerId={session.user?.id ?? null}
                  onEndorsed={(next) => queryClient.setQueryData<InfiniteData<PositionList>>(listKey, (d) => mapPagedItems(d, (items: Position[]) => items.map((x) => (x.id === p.id ? { ...x, endorsements: next.endorsements, viewerEndorsed: next.viewerEndorsed } : x))))}
                />
              </li>
            ))}
          </ul>
        )}
        {list.moreError && <Alert title={t("list.moreNotLoaded")}>{list.moreError.message}</Alert>}
        {state.phase === "ready" && state.nextCursor && (
          <div className="load-more">
            <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
              {list.loadingMore ? t("common:loading") : t("list.loadMore")}
            </button>
          </div>
        )}
      </section>

      {canPublish && (
        <section className="section" aria-label={t("list.yourPosition")}>
          <PositionForm
            consultationId={c.id}
            contributionsHeld={c.viewer.contributionsHeld}
            questionId={questionId}
            organisations={organisations}
            existing={own}
            onStale={async () => {
              void listQuery.refetch();
              return refreshOwn();
            }}
            onPublished={(position) => {
              setStatus(position.status === "pending" ? t("list.savedPending") : t("list.published", { version: position.version }));
              void listQuery.refetch();
              void refreshOwn().catch(() => undefined);
              requestAnimationFrame(() => document.getElementById("positions-title")?.focus());
            }}
          />
        </section>
      )}
      {!canPublish && session.status === "authenticated" && c.abilities.takeStance && (
        <p className="muted">{t("list.onlyRepresentatives")}</p>
      )}
    </Page>
  );
}

export function PositionsPage() {
  const { t } = useTranslation("positions");
  const { questionId = "" } = useParams();
  return (
    <ConsultationGate title={t("list.positions")}>
      {(c) => (c.questions.some((q) => q.id === questionId) ? <PositionsView consultation={c} questionId={questionId} /> : <NotFoundPage what="question" />)}
    </ConsultationGate>
  );
}
