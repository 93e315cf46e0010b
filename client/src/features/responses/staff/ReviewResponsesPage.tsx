// /consultations/:slug/responses/review: the consultation's staff go through every submitted response
// (published or not), mark those that look automated and withhold files, watching the counts the summary
// report will give apart. The server decides who may (a 404 for anyone else).
import { useParams, useSearchParams, Link } from "react-router";
import { useTranslation } from "react-i18next";
import { RESPONSE_CHANNELS } from "../../../../../shared/schemas/responses.ts";
import { listForReview, type ReviewItem as Item, type ReviewPage } from "../../../api/response-staff.ts";
import { ListState } from "../../../components/ListState.tsx";
import { Page } from "../../../components/Page.tsx";
import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { keys } from "../../../lib/query/keys.ts";
import { cursorPaging, mapPagedItems, useCursorListState } from "../../../lib/query/state.ts";
import { useViewerKey } from "../../../lib/useViewerKey.ts";
import { NotFoundPage } from "../../../pages/NotFoundPage.tsx";
import { ReviewItem } from "./ReviewItem.tsx";
import "./staff.css";

export function ReviewResponsesPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation("response-staff");
  const viewerKey = useViewerKey();
  const [params, setParams] = useSearchParams();
  const suspected = params.get("suspected") ?? "";
  const channel = params.get("channel") ?? "";
  const queryClient = useQueryClient();
  const queryKey = keys.responseReview(slug, { suspected, channel }, viewerKey);
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => listForReview(slug, { suspected: suspected || undefined, channel: channel || undefined, cursor: pageParam }, signal),
    ...cursorPaging<ReviewPage>(),
    enabled: viewerKey !== null,
  });
  const list = useCursorListState<Item, ReviewPage>(query);
  const { state } = list;
  if (state.phase === "error" && state.error.status === 404) return <NotFoundPage what="consultation" />;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const counts = state.phase === "ready" ? state.counts : null;

  return (
    <Page title={t("review.title")} lead={t("review.lead")}>
      <p>
        <Link to={`/consultations/${slug}/responses`}>{t("nav.published")}</Link> · <Link to={`/consultations/${slug}/responses/intake`}>{t("nav.intake")}</Link>
      </p>
      {counts && (
        <dl className="counts-list" data-testid="review-counts">
          <div>
            <dt>{t("review.total")}</dt>
            <dd>{counts.total}</dd>
          </div>
          <div>
            <dt>{t("review.suspectedCount")}</dt>
            <dd data-testid="suspected-count">{counts.suspectedAutomated}</dd>
          </div>
          <div>
            <dt>{t("review.withheldCount")}</dt>
            <dd data-testid="withheld-count">{counts.withheldFiles}</dd>
          </div>
          {RESPONSE_CHANNELS.filter((ch) => counts.byChannel[ch]).map((ch) => (
            <div key={ch}>
              <dt>{t(`channels.${ch}`)}</dt>
              <dd>{counts.byChannel[ch]}</dd>
            </div>
          ))}
        </dl>
      )}
      <form role="search" aria-label={t("review.filters")} className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="filters__field">
          <label htmlFor="r-suspected" className="field__label">{t("review.show")}</label>
          <select id="r-suspected" className="field__control" value={suspected} onChange={(e) => set("suspected", e.target.value)}>
            <option value="">{t("review.all")}</option>
            <option value="true">{t("review.onlySuspected")}</option>
            <option value="false">{t("review.notSuspected")}</option>
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor="r-channel" className="field__label">{t("review.channel")}</label>
          <select id="r-channel" className="field__control" value={channel} onChange={(e) => set("channel", e.target.value)}>
            <option value="">{t("review.anyChannel")}</option>
            {RESPONSE_CHANNELS.map((ch) => <option key={ch} value={ch}>{t(`channels.${ch}`)}</option>)}
          </select>
        </div>
      </form>
      <ListState
        phase={state.phase}
        error={state.phase === "error" ? state.error.message : (list.moreError?.message ?? null)}
        onRetry={() => void query.refetch()}
        items={state.phase === "ready" ? state.items : []}
        hasMore={state.phase === "ready" && state.nextCursor !== null}
        loadMore={list.loadMore}
        words={{ loading: t("review.loading"), empty: t("review.empty"), more: t("review.more") }}
      >
        {(items) => (
          <ul className="staff-list">
            {items.map((item) => (
              <ReviewItem
                key={item.id}
                item={item}
                onChanged={(next) => {
                  queryClient.setQueryData<InfiniteData<ReviewPage>>(queryKey, (d) => mapPagedItems(d, (all: Item[]) => all.map((x) => (x.id === next.id ? next : x))));
                  // The counts are the server's: read again quietly.
                  void query.refetch();
                }}
              />
            ))}
          </ul>
        )}
      </ListState>
    </Page>
  );
}
