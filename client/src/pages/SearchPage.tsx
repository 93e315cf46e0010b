import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { Trans, useTranslation } from "react-i18next";
import i18n from "../i18n/index.ts";
import { STAKEHOLDER_CATEGORIES } from "../../../shared/categories.ts";
import { STANCES } from "../../../shared/schemas/positions.ts";
import { SEARCH_TYPES } from "../../../shared/schemas/search.ts";
import { getConsultation } from "../api/consultations.ts";
import { search, type SearchQuery, type SearchResult, type SearchType } from "../api/search.ts";
import { Alert } from "../components/Alert.tsx";
import { Badge } from "../components/Badge.tsx";
import { Page } from "../components/Page.tsx";
import { formatDateTime, formatNumber } from "../lib/format.ts";
import { consultationPath, positionPath, postPath, threadPath } from "../lib/paths.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { resourceOf } from "../lib/query/state.ts";
import { textPath } from "../features/texts/paths.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";

const PAGE_SIZE = 20;


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
    case "text_unit":
    case "amendment":
      // The reading view opened at the unit (the consultation page if the text has gone meanwhile).
      return r.text ? textPath(r.consultation.slug, r.text.documentId, { unit: r.text.eId }) : consultationPath(r.consultation.slug);
    case "response":
      return `${consultationPath(r.consultation.slug)}/responses#response-${r.id}`;
  }
}

function resultTitle(r: SearchResult): string {
  if (r.type === "post") return i18n.t("search:postIn", { title: r.title });
  if (r.type === "text_unit" && r.text) return i18n.t("search:unitIn", { eId: r.text.eId, title: r.title });
  if (r.type === "amendment" && r.text) return i18n.t("search:amendmentIn", { eId: r.text.eId, title: r.title });
  return r.title;
}

/**
 * The snippet comes from the Markdown source: drop the markup a reader would see as noise ("**strong**",
 * "`code`", "[text](https://…)" -> "text", "> " quotes), keeping the words and the highlights.
 */
export function plainSnippetText(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\*\*|__|`/g, "")
    .replace(/(^|[\s(])\*(?=\S)/g, "$1")
    .replace(/(\S)\*(?=[\s).,;:!?]|$)/g, "$1")
    .replace(/^\s*(>|#{1,6}\s|[-+]\s|\d+\.\s)/gm, "");
}

/** Highlighted words as <mark> elements: the snippet is text segments, never HTML. */
function Snippet({ segments }: { segments: SearchResult["snippet"] }) {
  return (
    <p className="result__snippet">
      {segments.map((s, i) => (s.highlight ? <mark key={i}>{plainSnippetText(s.text)}</mark> : <span key={i}>{plainSnippetText(s.text)}</span>))}
    </p>
  );
}

function ResultItem({ result: r }: { result: SearchResult }) {
  const { t } = useTranslation("search");
  return (
    <article className="result" aria-labelledby={`result-${r.type}-${r.id}`} data-type={r.type}>
      <p className="result__context">
        <Badge kind={t("typeBadge")} tone={`type-${r.type}`}>
          {t(`type.${r.type as SearchType}`)}
        </Badge>
        {r.type !== "consultation" && (
          <>
            {" "}
            <Trans t={t} i18nKey="inConsultation" values={{ title: r.consultation.title }} components={{ link: <Link to={consultationPath(r.consultation.slug)} /> }} />
          </>
        )}
      </p>
      <h3 className="result__title" id={`result-${r.type}-${r.id}`}>
        <Link to={resultLink(r)}>{resultTitle(r)}</Link>
      </h3>
      {r.snippet.length > 0 && <Snippet segments={r.snippet} />}
      <p className="result__meta">
        {r.category && <>{t(`vocabulary:category.${r.category}`)} · </>}
        {r.stance && <>{t(`vocabulary:stance.${r.stance}`)} · </>}
        <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
      </p>
    </article>
  );
}

export function SearchPage() {
  const { t } = useTranslation("search");
  const [params, setParams] = useSearchParams();
  const viewerKey = useViewerKey();
  const query = queryFrom(params);
  const queryKey = query ? JSON.stringify(query) : null;
  const resultsQuery = useQuery({ queryKey: keys.search(queryKey ?? "", viewerKey), queryFn: ({ signal }) => search(query!, signal), enabled: viewerKey !== null && queryKey !== null });
  const results = resourceOf(resultsQuery);
  const consultationId = params.get("consultationId");
  const scope = resourceOf(
    useQuery({ queryKey: keys.consultation(consultationId ?? "", viewerKey), queryFn: ({ signal }) => getConsultation(consultationId!, signal), enabled: Boolean(consultationId) && viewerKey !== null }),
  );
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

  // When the results of the page moved to arrive (not on every render).
  const resultsData = resultsQuery.data;
  useEffect(() => {
    if (movedPage.current && resultsData !== undefined) {
      movedPage.current = false;
      resultsHeading.current?.focus();
    }
  }, [resultsData]);

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

  const scopeTitle = scope.phase === "ready" ? scope.data.title : t("thisConsultation");

  let status = "";
  if (query && results.phase === "loading") status = t("searching");
  else if (query && results.phase === "ready") {
    const { total, items } = results.data;
    status =
      total === 0
        ? t("noResults", { q: query.q })
        : items.length < total
          ? t("resultsRange", { count: total, q: query.q, from: formatNumber(query.offset! + 1), to: formatNumber(query.offset! + items.length) })
          : t("results", { count: total, q: query.q });
  }

  return (
    <Page title={t("title")}>
      <form role="search" aria-label={t("common:header.searchLabel")} className="form search-form" onSubmit={onSubmit} noValidate>
        <div className={emptyError ? "field field--error" : "field"}>
          <label htmlFor="search-q" className="field__label">
            {t("searchFor")}
          </label>
          {emptyError && (
            <p id="search-q-error" className="field__error">
              <span className="visually-hidden">{t("common:field.errorPrefix")}</span>
              {t("enterWords")}
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
              {t("common:header.searchButton")}
            </button>
          </div>
          <p id="search-q-hint" className="field__hint search-form__hint">
            {t("hint")}
          </p>
        </div>
        <fieldset className="filters filters--plain">
          <legend className="visually-hidden">{t("filters")}</legend>
          {consultationId && (
            <div className="filters__field">
              <label htmlFor="search-consultation" className="field__label">
                {t("where")}
              </label>
              <select {...bind("consultationId")} className="field__control">
                <option value={consultationId}>{t("onlyIn", { title: scopeTitle })}</option>
                <option value="">{t("consultations:page.all")}</option>
              </select>
            </div>
          )}
          <div className="filters__field">
            <label htmlFor="search-type" className="field__label">
              {t("typeBadge")}
            </label>
            <select {...bind("type")} className="field__control">
              <option value="">{t("everything")}</option>
              {SEARCH_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`typePlural.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field">
            <label htmlFor="search-category" className="field__label">
              {t("positions:counts.category")}
            </label>
            <select {...bind("category")} className="field__control">
              <option value="">{t("positions:filters.anyCategory")}</option>
              {STAKEHOLDER_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`vocabulary:category.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field">
            <label htmlFor="search-stance" className="field__label">
              {t("positions:filters.stance")} <span className="field__optional">{t("stanceNote")}</span>
            </label>
            <select {...bind("stance")} className="field__control">
              <option value="">{t("positions:filters.anyStance")}</option>
              {STANCES.map((s) => (
                <option key={s} value={s}>
                  {t(`vocabulary:stance.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field">
            <label htmlFor="search-from" className="field__label">
              {t("moderation:audit.from")}
            </label>
            <input {...bind("from")} type="date" className="field__control" />
          </div>
          <div className="filters__field">
            <label htmlFor="search-to" className="field__label">
              {t("moderation:audit.to")}
            </label>
            <input {...bind("to")} type="date" className="field__control" />
          </div>
        </fieldset>
      </form>

      <p role="status" className="list-status">
        {status}
      </p>

      {query && results.phase === "error" && (
        <Alert title={t("failed")}>
          <p>{results.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void resultsQuery.refetch()}>
            {t("common:tryAgain")}
          </button>
        </Alert>
      )}

      {query && results.phase === "ready" && results.data.items.length > 0 && (
        <section aria-labelledby="results-title" className="section">
          <h2 id="results-title" ref={resultsHeading} tabIndex={-1}>
            {t("resultsTitle")}
          </h2>
          <ol className="card-list results" start={query.offset! + 1}>
            {results.data.items.map((r) => (
              <li key={`${r.type}-${r.id}`}>
                <ResultItem result={r} />
              </li>
            ))}
          </ol>
          {results.data.total > PAGE_SIZE && (
            <nav aria-label={t("pages")} className="pager">
              {query.offset! > 0 && (
                <Link to={pageLink(Math.max(0, query.offset! - PAGE_SIZE))} onClick={() => (movedPage.current = true)} className="button button--secondary">
                  {t("previous", { count: PAGE_SIZE })}
                </Link>
              )}
              {query.offset! + PAGE_SIZE < Math.min(results.data.total, 1000 + PAGE_SIZE) && (
                <Link to={pageLink(query.offset! + PAGE_SIZE)} onClick={() => (movedPage.current = true)} className="button button--secondary">
                  {t("next", { count: PAGE_SIZE })}
                </Link>
              )}
            </nav>
          )}
        </section>
      )}
    </Page>
  );
}
