import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { ConsultationFilters as Filters } from "../api/consultations.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { ConsultationCard } from "../features/consultations/ConsultationCard.tsx";
import { ConsultationFilters } from "../features/consultations/ConsultationFilters.tsx";
import { parseAccessMode, parseLanguage, parseStatus } from "../features/consultations/labels.ts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { listConsultations, type ConsultationSummary } from "../api/consultations.ts";
import { keys } from "../lib/query/keys.ts";
import { useCursorListState, cursorPaging, type CursorPage } from "../lib/query/state.ts";
import { useSession } from "../features/session/SessionContext.tsx";

const PAGE_SIZE = 20;

export function ConsultationsPage() {
  const { t } = useTranslation("consultations");
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const filters: Filters = {
    status: parseStatus(params.get("status")),
    accessMode: parseAccessMode(params.get("accessMode")),
    language: parseLanguage(params.get("language")),
  };
  const filtered = Boolean(filters.status || filters.accessMode || filters.language);
  const viewerKey = session.status === "loading" ? null : (session.user?.id ?? "anonymous");
  const query = useInfiniteQuery({
    queryKey: keys.consultations(filters, viewerKey),
    queryFn: ({ pageParam, signal }) => listConsultations({ ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal),
    ...cursorPaging<CursorPage<ConsultationSummary>>(),
    enabled: viewerKey !== null,
  });
  const { state, loadingMore, moreError, loadMore } = useCursorListState(query);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  useEffect(() => {
    // After "Load more", move focus to the first new consultation rather than leaving it on a vanished button.
    if (focusIndex === null) return;
    document.querySelectorAll<HTMLElement>(".card__link")[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);

  const setFilters = (next: Filters) => {
    const p = new URLSearchParams();
    if (next.status) p.set("status", next.status);
    if (next.accessMode) p.set("accessMode", next.accessMode);
    if (next.language) p.set("language", next.language);
    setParams(p);
  };

  let status = "";
  if (state.phase === "loading") status = t("list.loading");
  else if (state.phase === "ready" && state.items.length > 0) {
    status = t(state.nextCursor ? "list.showingMore" : "list.showing", { count: state.items.length });
  }

  return (
    <Page
      title={t("list.title")}
      lead={t("list.lead")}
    >
      <ConsultationFilters filters={filters} onChange={setFilters} />
      <p role="status" className="list-status">
        {status}
      </p>

      {state.phase === "error" && (
        <Alert title={t("list.notLoaded")}>
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
            {t("common:tryAgain")}
          </button>
        </Alert>
      )}

      {state.phase === "ready" && state.items.length === 0 && (
        <div className="empty">
          {filtered ? (
            <>
              <p>{t("list.noMatch")}</p>
              <p>
                <Link to={{ search: "" }}>{t("list.showAll")}</Link>
              </p>
            </>
          ) : (
            <p>{t("list.none")}</p>
          )}
        </div>
      )}

      {state.phase === "ready" && state.items.length > 0 && (
        <>
          <ul className="card-list">
            {state.items.map((c) => (
              <li key={c.id}>
                <ConsultationCard consultation={c} />
              </li>
            ))}
          </ul>
          {moreError && <Alert title={t("list.moreNotLoaded")}>{moreError.message}</Alert>}
          {state.nextCursor && (
            <div className="load-more">
              <button
                type="button"
                className="button button--secondary"
                disabled={loadingMore}
                onClick={() => {
                  const start = state.items.length;
                  void loadMore().then((n) => n > 0 && setFocusIndex(start));
                }}
              >
                {loadingMore ? t("common:loading") : t("common:loadMore")}
              </button>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
