import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { ConsultationFilters as Filters } from "../api/consultations.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { ConsultationCard } from "../features/consultations/ConsultationCard.tsx";
import { ConsultationFilters } from "../features/consultations/ConsultationFilters.tsx";
import { parseAccessMode, parseLanguage, parseStatus } from "../features/consultations/labels.ts";
import { useConsultationList } from "../features/consultations/useConsultationList.ts";
import { useSession } from "../features/session/SessionContext.tsx";
import { plural } from "../lib/format.ts";

export function ConsultationsPage() {
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const filters: Filters = {
    status: parseStatus(params.get("status")),
    accessMode: parseAccessMode(params.get("accessMode")),
    language: parseLanguage(params.get("language")),
  };
  const filtered = Boolean(filters.status || filters.accessMode || filters.language);
  const viewerKey = session.status === "loading" ? null : (session.user?.id ?? "anonymous");
  const { state, loadingMore, moreError, loadMore, retry } = useConsultationList(filters, viewerKey);
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
  if (state.phase === "loading") status = "Loading consultations…";
  else if (state.phase === "ready" && state.items.length > 0) {
    status = `Showing ${plural(state.items.length, "consultation", "consultations")}${state.nextCursor ? "; more are available" : ""}.`;
  }

  return (
    <Page
      title="Consultations"
      lead="Moderated consultations in which organisations, officials and individuals put their positions on record and answer each other."
    >
      <ConsultationFilters filters={filters} onChange={setFilters} />
      <p role="status" className="list-status">
        {status}
      </p>

      {state.phase === "error" && (
        <Alert title="The consultations could not be loaded.">
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={retry}>
            Try again
          </button>
        </Alert>
      )}

      {state.phase === "ready" && state.items.length === 0 && (
        <div className="empty">
          {filtered ? (
            <>
              <p>No consultations match these filters.</p>
              <p>
                <Link to={{ search: "" }}>Show all consultations</Link>
              </p>
            </>
          ) : (
            <p>There are no consultations yet.</p>
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
          {moreError && <Alert title="More consultations could not be loaded.">{moreError.message}</Alert>}
          {state.nextCursor && (
            <div className="load-more">
              <button
                type="button"
                className="button button--secondary"
                disabled={loadingMore}
                onClick={() => void loadMore().then((index) => index !== null && setFocusIndex(index))}
              >
                {loadingMore ? "Loading…" : "Load more"}
              </button>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
