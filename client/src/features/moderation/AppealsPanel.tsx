// Appeals for staff: the author's message beside the decision it contests, decided by someone other
// than the person who took the decision, with a statement the author will read.
import { useId, useState } from "react";
import { z } from "zod";
import { zAppealDecisionBody } from "../../../../shared/schemas/moderation.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { decideAppeal, listAppeals, type StaffAppeal } from "../../api/moderation.ts";
import { Alert } from "../../components/Alert.tsx";
import { Badge } from "../../components/Badge.tsx";
import { RadioGroup, TextAreaField } from "../../components/fields.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { positionPath, postPath } from "../../lib/paths.ts";
import { useResource } from "../../lib/useResource.ts";
import { useSchemaForm } from "../../lib/useSchemaForm.ts";
import { Link } from "react-router";
import { APPEAL_STATUS_LABELS, decisionLabel, reasonLabel } from "./labels.ts";

const zAppealForm = z.object({ outcome: z.enum(["upheld", "overturned"], { error: "is required: uphold or overturn" }), statement: zAppealDecisionBody.shape.statement }).strict();

function DecideAppealForm({ appeal, onDecided }: { appeal: StaffAppeal; onDecided(): void }) {
  const idPrefix = useId();
  const form = useSchemaForm({
    schema: zAppealForm,
    initial: { outcome: "", statement: "" },
    onValid: async (data) => {
      await decideAppeal(appeal.id, data);
      onDecided();
    },
  });
  const outcome = form.field("outcome");
  return (
    <form className="form form--inline" onSubmit={form.onSubmit} noValidate aria-label="Decide the appeal">
      {form.formError && <Alert>{form.formError}</Alert>}
      <RadioGroup
        legend="Outcome"
        name={`outcome-${appeal.id}`}
        idPrefix={`${idPrefix}-outcome`}
        value={outcome.value}
        error={outcome.error}
        options={[
          { value: "upheld", label: "Uphold the decision" },
          { value: "overturned", label: "Overturn the decision (undo it)" },
        ]}
        onChange={(v) => outcome.onChange({ target: { value: v } } as never)}
      />
      <TextAreaField label="Statement to the author" binding={form.field("statement")} rows={3} maxLength={LIMITS.plainTextMax} hint="The author reads this with the outcome." />
      <button type="submit" className="button button--primary" disabled={form.submitting}>
        {form.submitting ? "Recording…" : "Record the outcome"}
      </button>
    </form>
  );
}

export function AppealsPanel({ consultationId }: { consultationId: string }) {
  const { state, reload } = useResource(consultationId, (signal) => listAppeals(consultationId, signal));
  const [status, setStatus] = useState("");
  const appeals = state.phase === "ready" ? [...state.data].sort((a, b) => Number(b.status === "open") - Number(a.status === "open")) : [];
  return (
    <section className="section" aria-labelledby="appeals-title">
      <h2 id="appeals-title">Appeals</h2>
      <p role="status" className="list-status">
        {status}
      </p>
      {state.phase === "loading" && <p role="status">Loading the appeals…</p>}
      {state.phase === "error" && <Alert title="The appeals could not be loaded.">{state.error.message}</Alert>}
      {state.phase === "ready" && appeals.length === 0 && <p className="muted">No appeals have been lodged.</p>}
      {appeals.length > 0 && (
        <ul className="card-list" data-testid="appeals">
          {appeals.map((a) => (
            <li key={a.id}>
              <article className="card appeal" aria-labelledby={`appeal-${a.id}-title`}>
                <h3 className="appeal__title" id={`appeal-${a.id}-title`}>
                  Appeal against: {decisionLabel(a.decision.action)}
                  {a.decision.reasonCode && <> ({reasonLabel(a.decision.reasonCode)})</>}
                </h3>
                <p className="card__badges">
                  <Badge kind="Appeal" tone={`appeal-${a.status}`}>
                    {APPEAL_STATUS_LABELS[a.status] ?? a.status}
                  </Badge>
                </p>
                <p className="muted">
                  Lodged <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
                  {a.decision.postId && (
                    <>
                      {" · "}
                      <Link to={postPath(a.decision.postId)}>the contribution</Link>
                    </>
                  )}
                  {a.decision.positionId && (
                    <>
                      {" · "}
                      <Link to={positionPath(a.decision.positionId)}>the position</Link>
                    </>
                  )}
                </p>
                {a.decision.statement && (
                  <>
                    <p className="appeal__label">The statement of reasons</p>
                    <blockquote className="appeal__quote">{a.decision.statement}</blockquote>
                  </>
                )}
                <p className="appeal__label">The author's appeal</p>
                <blockquote className="appeal__quote pre-line">{a.message}</blockquote>
                {a.status !== "open" && a.outcomeStatement && (
                  <>
                    <p className="appeal__label">The outcome</p>
                    <blockquote className="appeal__quote">{a.outcomeStatement}</blockquote>
                  </>
                )}
                {a.canDecide && (
                  <DecideAppealForm
                    appeal={a}
                    onDecided={() => {
                      setStatus("The outcome was recorded and sent to the author.");
                      void reload(true);
                    }}
                  />
                )}
                {a.status === "open" && !a.canDecide && (
                  <p className="muted">You took this decision, or it concerns you: another moderator or an organiser decides this appeal.</p>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
