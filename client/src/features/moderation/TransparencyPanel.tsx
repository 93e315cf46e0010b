// The public transparency report of a consultation: how many moderation decisions, of what kind, for
// what reasons, about which stakeholder categories, how many were automated, appeals and their outcomes,
// and how long people wait for a decision. Counts only: never who.
import { useEffect } from "react";
import { CATEGORY_LABELS, type StakeholderCategory } from "../../../../shared/categories.ts";
import { getTransparency } from "../../api/moderation.ts";
import { formatDuration, plural } from "../../lib/format.ts";
import { useResource } from "../../lib/useResource.ts";
import { APPEAL_STATUS_LABELS, decisionLabel, reasonLabel } from "./labels.ts";

function CountTable({ caption, head, rows, testId }: { caption: string; head: string; rows: [string, number][]; testId: string }) {
  if (rows.length === 0) return null;
  return (
    <table className="counts transparency__table" data-testid={testId}>
      <caption className="counts__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" className="counts__num">
            Number
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="counts__num">{n}</td>
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
  const { state, reload } = useResource(consultationId, (signal) => getTransparency(consultationId, signal));
  useEffect(() => {
    if (refreshKey) void reload(true);
  }, [refreshKey, reload]);
  return (
    <section aria-labelledby="transparency-title" className="section transparency" data-testid="transparency">
      <h2 id="transparency-title">Moderation in numbers</h2>
      <p className="muted">Every moderation decision in this consultation, counted. Who flagged, who decided and who was affected are never published.</p>
      {state.phase === "loading" && <p role="status">Loading the figures…</p>}
      {state.phase === "error" && <p className="muted">The figures are not available at the moment.</p>}
      {state.phase === "ready" && (
        <>
          <dl className="meta meta--page transparency__summary">
            <div className="meta__item">
              <dt>Decisions</dt>
              <dd data-testid="transparency-total">
                {state.data.decisions.total}
                {state.data.decisions.total > 0 && (
                  <span className="muted">
                    {" "}
                    ({state.data.decisions.human} by moderators, {state.data.decisions.automated} automated)
                  </span>
                )}
              </dd>
            </div>
            <div className="meta__item">
              <dt>Appeals</dt>
              <dd data-testid="transparency-appeals">{plural(state.data.appeals.lodged, "appeal lodged", "appeals lodged")}</dd>
            </div>
            <div className="meta__item">
              <dt>Typical wait for a decision</dt>
              <dd data-testid="transparency-median">{state.data.medianSecondsToDecision === null ? "Not measured yet" : `${formatDuration(state.data.medianSecondsToDecision)} (median)`}</dd>
            </div>
          </dl>
          {state.data.decisions.total === 0 ? (
            <p>No moderation decisions have been taken yet.</p>
          ) : (
            <div className="transparency__tables">
              <CountTable caption="Decisions by type" head="Decision" rows={sorted(state.data.decisions.byAction, decisionLabel)} testId="transparency-by-action" />
              <CountTable caption="Decisions by reason" head="Reason" rows={sorted(state.data.decisions.byReasonCode, (k) => reasonLabel(k) ?? k)} testId="transparency-by-reason" />
              <CountTable
                caption="Decisions by the author's stakeholder category"
                head="Category"
                rows={sorted(state.data.decisions.byAuthorCategory, (k) => CATEGORY_LABELS[k as StakeholderCategory] ?? k)}
                testId="transparency-by-category"
              />
              <CountTable caption="Appeals by outcome" head="Outcome" rows={sorted(state.data.appeals.byOutcome, (k) => APPEAL_STATUS_LABELS[k] ?? k)} testId="transparency-appeals-table" />
            </div>
          )}
        </>
      )}
    </section>
  );
}
