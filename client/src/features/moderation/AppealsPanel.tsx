// Appeals for staff: the author's message beside the decision it contests, decided by someone other
// than the person who took the decision, with a statement the author will read.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { zAppealDecisionBody } from "../../../../shared/schemas/moderation.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { decideAppeal, listAppeals, type StaffAppeal } from "../../api/moderation.ts";
import { Alert } from "../../components/Alert.tsx";
import { Badge } from "../../components/Badge.tsx";
import { RadioGroup, TextAreaField } from "../../components/fields.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { positionPath, postPath } from "../../lib/paths.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { useApiForm } from "../../lib/useApiForm.ts";
import { Link } from "react-router";
import { appealStatusLabel, decisionLabel, reasonLabel } from "./labels.ts";

const zAppealForm = z.object({ outcome: z.enum(["upheld", "overturned"], { error: "is required: uphold or overturn" }), statement: zAppealDecisionBody.shape.statement }).strict();

function DecideAppealForm({ appeal, onDecided }: { appeal: StaffAppeal; onDecided(): void }) {
  const { t } = useTranslation("moderation");
  const idPrefix = useId();
  const form = useApiForm({
    schema: zAppealForm,
    initial: { outcome: "", statement: "" },
    onValid: async (data) => {
      await decideAppeal(appeal.id, data);
      onDecided();
    },
  });
  const outcome = form.field("outcome");
  return (
    <form className="form form--inline" onSubmit={form.onSubmit} noValidate aria-label={t("appeals.decide")}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <RadioGroup
        legend={t("appeals.outcome")}
        name={`outcome-${appeal.id}`}
        idPrefix={`${idPrefix}-outcome`}
        value={outcome.value}
        error={outcome.error}
        options={[
          { value: "upheld", label: t("appeals.uphold") },
          { value: "overturned", label: t("appeals.overturn") },
        ]}
        onChange={(v) => outcome.onChange({ target: { value: v } } as never)}
      />
      <TextAreaField label={t("appeals.statement")} binding={form.field("statement")} rows={3} maxLength={LIMITS.plainTextMax} hint={t("appeals.statementHint")} />
      <button type="submit" className="button button--primary" disabled={form.submitting}>
        {form.submitting ? t("appeals.recording") : t("appeals.record")}
      </button>
    </form>
  );
}

export function AppealsPanel({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation("moderation");
  const viewerKey = useViewerKey();
  const query = useQuery({ queryKey: keys.appeals(consultationId, viewerKey), queryFn: ({ signal }) => listAppeals(consultationId, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);
  const [status, setStatus] = useState("");
  const appeals = state.phase === "ready" ? [...state.data].sort((a, b) => Number(b.status === "open") - Number(a.status === "open")) : [];
  return (
    <section className="section" aria-labelledby="appeals-title">
      <h2 id="appeals-title">{t("appeals.title")}</h2>
      <p role="status" className="list-status">
        {status}
      </p>
      {state.phase === "loading" && <p role="status">{t("appeals.loading")}</p>}
      {state.phase === "error" && <Alert title={t("appeals.notLoaded")}>{state.error.message}</Alert>}
      {state.phase === "ready" && appeals.length === 0 && <p className="muted">{t("appeals.none")}</p>}
      {appeals.length > 0 && (
        <ul className="card-list" data-testid="appeals">
          {appeals.map((a) => (
            <li key={a.id}>
              <article className="card appeal" aria-labelledby={`appeal-${a.id}-title`}>
                <h3 className="appeal__title" id={`appeal-${a.id}-title`}>
                  {t("appeals.against", { decision: decisionLabel(a.decision.action) })}
                  {a.decision.reasonCode && <> ({reasonLabel(a.decision.reasonCode)})</>}
                </h3>
                <p className="card__badges">
                  <Badge kind={t("appeals.badge")} tone={`appeal-${a.status}`}>
                    {appealStatusLabel(a.status)}
                  </Badge>
                </p>
                <p className="muted">
                  {t("appeals.lodged")} <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
                  {a.decision.postId && (
                    <>
                      {" · "}
                      <Link to={postPath(a.decision.postId)}>{t("context.theContribution")}</Link>
                    </>
                  )}
                  {a.decision.positionId && (
                    <>
                      {" · "}
                      <Link to={positionPath(a.decision.positionId)}>{t("appeals.thePosition")}</Link>
                    </>
                  )}
                </p>
                {a.decision.statement && (
                  <>
                    <p className="appeal__label">{t("appeals.statementOfReasons")}</p>
                    <blockquote className="appeal__quote">{a.decision.statement}</blockquote>
                  </>
                )}
                <p className="appeal__label">{t("appeals.authorsAppeal")}</p>
                <blockquote className="appeal__quote pre-line">{a.message}</blockquote>
                {a.status !== "open" && a.outcomeStatement && (
                  <>
                    <p className="appeal__label">{t("appeals.theOutcome")}</p>
                    <blockquote className="appeal__quote">{a.outcomeStatement}</blockquote>
                  </>
                )}
                {a.canDecide && (
                  <DecideAppealForm
                    appeal={a}
                    onDecided={() => {
                      setStatus(t("appeals.recorded"));
                      void query.refetch();
                    }}
                  />
                )}
                {a.status === "open" && !a.canDecide && (
                  <p className="muted">{t("appeals.notYours")}</p>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
