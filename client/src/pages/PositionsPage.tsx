import { useCallback, useEffect, useState, type ChangeEvent } from "react";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES, type StakeholderCategory } from "../../../shared/categories.ts";
import { STANCES, STANCE_LABELS, type Stance } from "../../../shared/schemas/positions.ts";
import { type ConsultationDetail } from "../api/consultations.ts";
import { listPositions, type Position, type PositionList } from "../api/positions.ts";
import { Alert } from "../components/Alert.tsx";
import { Page } from "../components/Page.tsx";
import { representedOrganisations } from "../features/composer/SpeakAsField.tsx";
import { PositionCard } from "../features/positions/PositionCard.tsx";
import { PositionCountsTable } from "../features/positions/PositionCountsTable.tsx";
import { PositionForm } from "../features/positions/PositionForm.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { plural } from "../lib/format.ts";
import { consultationPath } from "../lib/paths.ts";
import { useCursorList } from "../lib/useCursorList.ts";
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
  return (
    <form role="search" aria-label="Filter positions" className="filters" onSubmit={(e) => e.preventDefault()}>
      <div className="filters__field">
        <label htmlFor="filter-stance" className="field__label">
          Stance
        </label>
        <select
          id="filter-stance"
          className="field__control"
          value={stance ?? ""}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange({ stance: parseStance(e.target.value), category })}
        >
          <option value="">Any stance</option>
          {STANCES.map((s) => (
            <option key={s} value={s}>
              {STANCE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__field">
        <label htmlFor="filter-category" className="field__label">
          Stakeholder category
        </label>
        <select
          id="filter-category"
          className="field__control"
          value={category ?? ""}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange({ stance, category: parseCategory(e.target.value) })}
        >
          <option value="">Any category</option>
          {STAKEHOLDER_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

function PositionsView({ consultation: c, questionId }: { consultation: ConsultationDetail; questionId: string }) {
  const question = c.questions.find((q) => q.id === questionId)!;
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const session = useSession();
  const viewerKey = useViewerKey();
  const stance = parseStance(params.get("stance"));
  const category = parseCategory(params.get("category"));
  const list = useCursorList<Position, PositionList>(viewerKey === null ? null : `${c.id}|${questionId}|${stance ?? ""}|${category ?? ""}|${viewerKey}`, (cursor, signal) =>
    listPositions(c.id, { questionId, stance, category, cursor }, signal),
  );
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
  if (state.phase === "loading") listStatus = "Loading positions…";
  else if (state.phase === "ready") listStatus = `Showing ${plural(state.items.length, "position", "positions")}${filtered ? " matching the filters" : ""}${state.nextCursor ? "; more are available" : ""}.`;

  return (
    <Page title={`Positions on question ${question.ordinal}`}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={consultationPath(c.slug)}>{c.title}</Link>
      </nav>
      <p className="page__lead">{question.text}</p>
      {question.explanation && <p className="question__explanation">{question.explanation}</p>}

      <section aria-labelledby="counts-title" className="section">
        <h2 id="counts-title">Overview</h2>
        {state.phase === "ready" && <PositionCountsTable counts={state.counts} caption="All positions on this question by stakeholder category and stance" />}
      </section>

      <section aria-labelledby="positions-title" className="section">
        <h2 id="positions-title" tabIndex={-1}>
          Positions
        </h2>
        <Filters stance={stance} category={category} onChange={setFilters} />
        <p role="status" className="list-status">
          {status && <span className="list-status__action">{status} </span>}
          {listStatus}
        </p>
        {state.phase === "error" && (
          <Alert title="The positions could not be loaded.">
            <p>{state.error.message}</p>
            <button type="button" className="button button--secondary" onClick={() => void list.reload(false)}>
              Try again
            </button>
          </Alert>
        )}
        {state.phase === "ready" && state.items.length === 0 && (
          <div className="empty">
            <p>{filtered ? "No positions match these filters." : "No positions yet."}</p>
            {filtered && (
              <p>
                <Link to={{ search: "" }}>Show all positions</Link>
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
                  onEndorsed={(next) => list.updateItems((items) => items.map((x) => (x.id === p.id ? { ...x, endorsements: next.endorsements, viewerEndorsed: next.viewerEndorsed } : x)))}
                />
              </li>
            ))}
          </ul>
        )}
        {list.moreError && <Alert title="More positions could not be loaded.">{list.moreError.message}</Alert>}
        {state.phase === "ready" && state.nextCursor && (
          <div className="load-more">
            <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
              {list.loadingMore ? "Loading…" : "Load more positions"}
            </button>
          </div>
        )}
      </section>

      {canPublish && (
        <section className="section" aria-label="Your organisation's position">
          <PositionForm
            consultationId={c.id}
            contributionsHeld={c.viewer.contributionsHeld}
            questionId={questionId}
            organisations={organisations}
            existing={own}
            onStale={async () => {
              void list.reload();
              return refreshOwn();
            }}
            onPublished={(position) => {
              setStatus(
                position.status === "pending"
                  ? "Your position was saved. It awaits a moderator's review: until it is approved, only your organisation's representatives and the moderators can see it."
                  : `Your position was published (version ${position.version}).`,
              );
              void list.reload();
              void refreshOwn().catch(() => undefined);
              requestAnimationFrame(() => document.getElementById("positions-title")?.focus());
            }}
          />
        </section>
      )}
      {!canPublish && session.status === "authenticated" && c.abilities.takeStance && (
        <p className="muted">Positions are published by representatives of verified organisations. You can endorse the positions you agree with.</p>
      )}
    </Page>
  );
}

export function PositionsPage() {
  const { questionId = "" } = useParams();
  return (
    <ConsultationGate title="Positions">
      {(c) => (c.questions.some((q) => q.id === questionId) ? <PositionsView consultation={c} questionId={questionId} /> : <NotFoundPage what="question" />)}
    </ConsultationGate>
  );
}
