import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES } from "../../../shared/categories.ts";
import { STANCES, STANCE_LABELS } from "../../../shared/schemas/positions.ts";
import { SEARCH_TYPES } from "../../../shared/schemas/search.ts";
import { getConsultation } from "../api/consultations.ts";
import { search, type SearchQuery, type SearchResult, type SearchType } from "../api/search.ts";
import { Alert } from "../components/Alert.tsx";
import { Badge } from "../components/Badge.tsx";
import { Page } from "../components/Page.tsx";
import { formatDateTime, plural } from "../lib/format.ts";
import { consultationPath, positionPath, postPath, threadPath } from "../lib/paths.ts";
import { useResource } from "../lib/useResource.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";

const PAGE_SIZE = 20;

const TYPE_LABELS: Record<SearchType, string> = {
  consultation: "Consultation",
  thread: "Thread",
  post: "Contribution",
  position: "Position",
};
const TYPE_FILTER_LABELS: Record<SearchType, string> = {
  consultation: "Consultations",
  thread: "Threads",
  post: "Contributions",
  position: "Positions",
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pick = <T extends string>(list: readonly T[], v: string | null) => list.find((x) => x === v);

/** The query in the address, as the API takes it. Dates are whole days in the reader's time zone. */
function queryFrom(params: URLSearchParams): SearchQuery | null {
  const q = (params.get("q") ?? "").trim();
  if (!q) return null;
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const offset = Math.max(0, Math.min(1000, Number.parseInt(params.get("offset") ?? "0", 10) || 0));
  return {
    q: q.slice(0, 200),
    consultationId: params.get("consultationId") || undefined,
    type: pick(SEARCH_TYPES, params.get("type")),
    category: pick(STAKEHOLDER_CATEGORIES, params.get("category")),
    stance: pick(STANCES, params.get("stance")),
    from: DATE.test(from) ? new Date(`${from}T00:00:00`).toISOString() : undefined,
    to: DATE.test(to) ? new Date(`${to}T23:59:59.999`).toISOString() : undefined,
    limit: PAGE_SIZE,
    offset,
  };
}

const DRAFT_FILTERS = ["consultationId", "type", "category", "stance", "from", "to"] as const;
type DraftField = "q" | (typeof DRAFT_FILTERS)[number];

function draftFrom(params: URLSearchParams): Record<DraftField, string> {
  const draft = { q: params.get("q") ?? "" } as Record<DraftField, string>;
  for (const name of DRAFT_FILTERS) draft[name] = params.get(name) ?? "";
  return draft;
}

function resultLink(r: SearchResult): string {
  switch (r.type) {
    case "consultation":
      return consultationPath(r.consultation.slug);
    case "thread":
      return threadPath(r.threadId ?? r.id);
    case "post":
      return postPath(r.id);
    case "position":
      return positionPath(r.id);
  }
}

function resultTitle(r: SearchResult): string {
  if (r.type === "post") return `Contribution in “${r.title}”`;
  return r.title;
}

/** Highlighted words as <mark> elements: the snippet is text segments, never HTML. */
function Snippet({ segments }: { segments: SearchResult["snippet"] }) {
  return (
    <p className="result__snippet">
      {segments.map((s, i) => (s.highlight ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </p>
  );
}

function ResultItem({ result: r }: { result: SearchResult }) {
  return (
    <article className="result" aria-labelledby={`result-${r.type}-${r.id}`} data-type={r.type}>
      <p className="result__context">
        <Badge kind="Type" tone={`type-${r.type}`}>
          {TYPE_LABELS[r.type]}
        </Badge>
        {r.type !== "consultation" && (
          <>
            {" "}
            in <Link to={consultationPath(r.consultation.slug)}>{r.consultation.title}</Link>
          </>
        )}
      </p>
      <h3 className="result__title" id={`result-${r.type}-${r.id}`}>
        <Link to={resultLink(r)}>{resultTitle(r)}</Link>
      </h3>
      {r.snippet.length > 0 && <Snippet segments={r.snippet} />}
      <p className="result__meta">
        {r.category && <>{CATEGORY_LABELS[r.category]} · </>}
        {r.stance && <>{STANCE_LABELS[r.stance]} · </>}
        <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
      </p>
    </article>
  );
}

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const viewerKey = useViewerKey();
  const query = queryFrom(params);
  const queryKey = query ? JSON.stringify(query) : null;
  const results = useResource(viewerKey === null || !queryKey ? null : `${queryKey}|${viewerKey}`, (signal) => search(query!, signal));
  const consultationId = params.get("consultationId");
  const scope = useResource(consultationId && viewerKey !== null ? `${consultationId}|${viewerKey}` : null, (signal) => getConsultation(consultationId!, signal));
  // The form's fields, taken from the address whenever it changes (back, forward, the header's search box).
  const [draft, setDraft] = useState(() => draftFrom(params));
  const text = draft.q;
  const setText = (q: string) => setDraft((d) => ({ ...d, q }));
  const [emptyError, setEmptyError] = useState(false);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const movedPage = useRef(false);

  useEffect(() => {
    setDraft(draftFrom(params));
  }, [params]);
  const bind = (name: Exclude<DraftField, "q">) => ({
    id: `search-${name === "consultationId" ? "consultation" : name}`,
    name,
    value: draft[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft((d) => ({ ...d, [name]: e.target.value })),
  });

  useEffect(() => {
    if (movedPage.current && results.state.phase === "ready") {
      movedPage.current = false;
      resultsHeading.current?.focus();
    }
  }, [results.state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = draft.q.trim();
    if (!q) {
      setEmptyError(true);
      document.getElementById("search-q")?.focus();
      return;
    }
    setEmptyError(false);
    const next = new URLSearchParams();
    next.set("q", q);
    for (const name of DRAFT_FILTERS) {
      if (draft[name]) next.set(name, draft[name]);
    }
    setParams(next);
  };

  const pageLink = (offset: number) => {
    const p = new URLSearchParams(params);
    if (offset > 0) p.set("offset", String(offset));
    else p.delete("offset");
    return { search: `?${p.toString()}` };
  };

  const scopeTitle = scope.state.phase === "ready" ? scope.state.data.title : "this consultation";

  let status = "";
  if (query && results.state.phase === "loading") status = "Searching…";
  else if (query && results.state.phase === "ready") {
    const { total, items } = results.state.data;
    status = total === 0 ? `No results for “${query.q}”.` : `${plural(total, "result", "results")} for “${query.q}”${items.length < total ? `, showing ${query.offset! + 1} to ${query.offset! + items.length}` : ""}.`;
  }

  return (
    <Page title="Search">
      <form role="search" aria-label="Search consultations and contributions" className="form search-form" onSubmit={onSubmit} noValidate>
        <div className={emptyError ? "field field--error" : "field"}>
          <label htmlFor="search-q" className="field__label">
            Search for
          </label>
          {emptyError && (
            <p id="search-q-error" className="field__error">
              <span className="visually-hidden">Error: </span>Enter words to search for.
            </p>
          )}
          <div className="search-form__row">
            <input
              id="search-q"
              name="q"
              type="search"
              className="field__control"
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={200}
              aria-invalid={emptyError ? true : undefined}
              aria-describedby={emptyError ? "search-q-error" : "search-q-hint"}
            />
            <button type="submit" className="button button--primary">
              Search
            </button>
          </div>
          <p id="search-q-hint" className="field__hint search-form__hint">
            Words are matched in any form (“encrypt” finds “encryption”). Use "quotes" for a phrase and -word to leave a word out.
          </p>
        </div>
        <fieldset className="filters filters--plain">
          <legend className="visually-hidden">Filters</legend>
          {consultationId && (
            <div className="filters__field">
              <label htmlFor="search-consultation" className="field__label">
                Where
              </label>
              <select {...bind("consultationId")} className="field__control">
                <option value={consultationId}>Only in {scopeTitle}</option>
                <option value="">All consultations</option>
              </select>
            </div>
          )}
          <div className="filters__field">
            <label htmlFor="search-type" className="field__label">
              Type
            </label>
            <select {...bind("type")} className="field__control">
              <option value="">Everything</option>
              {SEARCH_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_FILTER_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field">
            <label htmlFor="search-category" className="field__label">
              Stakeholder category
            </label>
            <select {...bind("category")} className="field__control">
              <option value="">Any category</option>
              {STAKEHOLDER_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field">
            <label htmlFor="search-stance" className="field__label">
              Stance <span className="field__optional">(positions)</span>
            </label>
            <select {...bind("stance")} className="field__control">
              <option value="">Any stance</option>
              {STANCES.map((s) => (
                <option key={s} value={s}>
                  {STANCE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field">
            <label htmlFor="search-from" className="field__label">
              From
            </label>
            <input {...bind("from")} type="date" className="field__control" />
          </div>
          <div className="filters__field">
            <label htmlFor="search-to" className="field__label">
              To
            </label>
            <input {...bind("to")} type="date" className="field__control" />
          </div>
        </fieldset>
      </form>

      <p role="status" className="list-status">
        {status}
      </p>

      {query && results.state.phase === "error" && (
        <Alert title="The search did not work.">
          <p>{results.state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void results.reload(false)}>
            Try again
          </button>
        </Alert>
      )}

      {query && results.state.phase === "ready" && results.state.data.items.length > 0 && (
        <section aria-labelledby="results-title" className="section">
          <h2 id="results-title" ref={resultsHeading} tabIndex={-1}>
            Results
          </h2>
          <ol className="card-list results" start={query.offset! + 1}>
            {results.state.data.items.map((r) => (
              <li key={`${r.type}-${r.id}`}>
                <ResultItem result={r} />
              </li>
            ))}
          </ol>
          {results.state.data.total > PAGE_SIZE && (
            <nav aria-label="Result pages" className="pager">
              {query.offset! > 0 && (
                <Link to={pageLink(Math.max(0, query.offset! - PAGE_SIZE))} onClick={() => (movedPage.current = true)} className="button button--secondary">
                  Previous {PAGE_SIZE}
                </Link>
              )}
              {query.offset! + PAGE_SIZE < Math.min(results.state.data.total, 1000 + PAGE_SIZE) && (
                <Link to={pageLink(query.offset! + PAGE_SIZE)} onClick={() => (movedPage.current = true)} className="button button--secondary">
                  Next {PAGE_SIZE}
                </Link>
              )}
            </nav>
          )}
        </section>
      )}
    </Page>
  );
}
