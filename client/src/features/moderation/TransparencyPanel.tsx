// The public transparency report of a consultation: how many moderation decisions, of what kind, for
// what reasons, about which stakeholder categories, how many were automated, appeals and their outcomes,
// and how long people wait for a decision. Counts only: never who.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getTransparency } from "../../api/moderation.ts";
import { formatDuration, formatNumber } from "../../lib/format.ts";
import i18n from "../../i18n/index.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { appealStatusLabel, decisionLabel, reasonLabel } from "./labels.ts";

function CountTable({ caption, head, rows, testId }: { caption: string; head: string; rows: [string, number][]; testId: string }) {
  const { t } = useTranslation("moderation");
  if (rows.length === 0) return null;
  return (
    <table className="counts transparency__table" data-testid={testId}>
      <caption className="counts__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" className="counts__num">
            {t("transparency.number")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="counts__num">{formatNumber(n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const sorted = (m: Record<string, number>, label: (k: string) => string): [string, number][] =>
  Object.entries(m)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => [label(k), n]);

export function TransparencyPanel({ consultationId, refreshKey }: { consultationId: string; refreshKey?: number }) {
  const { t } = useTranslation("moderation");
  const viewerKey = useViewerKey();
  const query = useQuery({ queryKey: keys.transparency(consultationId, viewerKey), queryFn: ({ signal }) => getTransparency(consultationId, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);
  const { refetch } = query;
  useEffect(() => {
    if (refreshKey) void refetch();
  }, [refreshKey, refetch]);
  return (
    <section aria-labelledby="transparency-title" className="section transparency" data-testid="transparency">
      <h2 id="transparency-title">{t("transparency.title")}</h2>
      <p className="muted">{t("transparency.lead")}</p>
      {state.phase === "loading" && <p role="status">{t("transparency.loading")}</p>}
      {state.phase === "error" && <p className="muted">{t("transparency.unavailable")}</p>}
      {state.phase === "ready" && (
        <>
          <dl className="meta meta--page transparency__summary">
            <div className="meta__item">
              <dt>{t("transparency.decisions")}</dt>
              <dd data-testid="transparency-total">
                {formatNumber(state.data.decisions.total)}
                {state.data.decisions.total > 0 && (
                  <span className="muted">
                    {" "}
                    {t("transparency.split", { human: formatNumber(state.data.decisions.human), automated: formatNumber(state.data.decisions.automated) })}
                  </span>
                )}
              </dd>
            </div>
            <div className="meta__item">
              <dt>{t("appeals.title")}</dt>
              <dd data-testid="transparency-appeals">{t("transparency.appealsLodged", { count: state.data.appeals.lodged })}</dd>
            </div>
            <div className="meta__item">
              <dt>{t("transparency.wait")}</dt>
              <dd data-testid="transparency-median">
                {state.data.medianSecondsToDecision === null ? t("transparency.notMeasured") : t("transparency.median", { duration: formatDuration(state.data.medianSecondsToDecision) })}
              </dd>
            </div>
          </dl>
          {state.data.decisions.total === 0 ? (
            <p>{t("transparency.none")}</p>
          ) : (
            <div className="transparency__tables">
              <CountTable caption={t("transparency.byType")} head={t("transparency.decision")} rows={sorted(state.data.decisions.byAction, decisionLabel)} testId="transparency-by-action" />
              <CountTable caption={t("transparency.byReason")} head={t("reason")} rows={sorted(state.data.decisions.byReasonCode, (k) => reasonLabel(k) ?? k)} testId="transparency-by-reason" />
              <CountTable
                caption={t("transparency.byCategory")}
                head={t("context.category")}
                rows={sorted(state.data.decisions.byAuthorCategory, (k) => (i18n.exists(`vocabulary:category.${k}`) ? i18n.t(`vocabulary:category.${k}`) : k))}
                testId="transparency-by-category"
              />
              <CountTable caption={t("transparency.byOutcome")} head={t("appeals.outcome")} rows={sorted(state.data.appeals.byOutcome, appealStatusLabel)} testId="transparency-appeals-table" />
            </div>
          )}
        </>
      )}
    </section>
  );
}
