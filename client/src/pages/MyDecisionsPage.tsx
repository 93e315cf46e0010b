import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { zAppealBody } from "../../../shared/schemas/moderation.ts";
import { LIMITS } from "../../../shared/limits.ts";
import { listMyDecisions, lodgeAppeal, type MyDecision } from "../api/moderation.ts";
import { Alert } from "../components/Alert.tsx";
import { Badge } from "../components/Badge.tsx";
import { TextAreaField } from "../components/fields.tsx";
import { Page } from "../components/Page.tsx";
import { APPEAL_STATUS_LABELS, decisionLabel, reasonLabel } from "../features/moderation/labels.ts";
import { useSession } from "../features/session/SessionContext.tsx";
import { formatDateTime, plural } from "../lib/format.ts";
import { consultationPath, positionPath, postPath } from "../lib/paths.ts";
import { useResource } from "../lib/useResource.ts";
import { useSchemaForm } from "../lib/useSchemaForm.ts";

/** What the decision was about, in words. */
function subject(d: MyDecision): string {
  if (d.postId) return "Your contribution";
  if (d.positionId) return "Your organisation's position";
  if (d.action === "mute") return "Your participation in a consultation";
  if (d.action === "suspend" || d.action === "unsuspend") return "Your account";
  return "Your contribution";
}

/** Decisions that leave the content readable to its author: link to it. */
const STILL_VISIBLE = new Set(["approve", "restore", "edit", "move"]);

function AppealForm({ decision, onLodged }: { decision: MyDecision; onLodged(): void }) {
  const form = useSchemaForm({
    schema: zAppealBody,
    initial: { message: "" },
    onValid: async ({ message }) => {
      await lodgeAppeal(decision.id, message);
      onLodged();
    },
  });
  return (
    <form className="form form--inline" onSubmit={form.onSubmit} noValidate aria-label="Appeal this decision">
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextAreaField
        label="Your appeal"
        binding={form.field("message")}
        rows={4}
        maxLength={LIMITS.plainTextMax}
        hint="Say why you think the decision is wrong. You can appeal each decision once; a moderator who did not take it will review it, and you will be told the outcome and why."
      />
      <button type="submit" className="button button--primary" disabled={form.submitting}>
        {form.submitting ? "Sending…" : "Lodge the appeal"}
      </button>
    </form>
  );
}

function DecisionCard({ d, highlighted, onLodged }: { d: MyDecision; highlighted: boolean; onLodged(): void }) {
  const [appealing, setAppealing] = useState(false);
  const titleId = `decision-${d.id}-title`;
  return (
    <article id={`decision-${d.id}`} className={highlighted ? "card decision decision--highlighted" : "card decision"} aria-labelledby={titleId} tabIndex={-1} data-testid="decision">
      <h2 className="decision__title" id={titleId}>
        {subject(d)}: {decisionLabel(d.action).toLowerCase()}
      </h2>
      <p className="decision__meta">
        <strong>{d.automated ? "Taken automatically" : "Taken by a moderator"}</strong> · <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
        {d.consultationId && (
          <>
            {" · "}
            <Link to={consultationPath(d.consultationId)}>the consultation</Link>
          </>
        )}
        {d.postId && STILL_VISIBLE.has(d.action) && (
          <>
            {" · "}
            <Link to={postPath(d.postId)}>the contribution</Link>
          </>
        )}
        {d.positionId && STILL_VISIBLE.has(d.action) && (
          <>
            {" · "}
            <Link to={positionPath(d.positionId)}>the position</Link>
          </>
        )}
      </p>
      {d.automated && <p className="muted">No person took this decision: it followed a rule (for example, several participants flagged the content). A moderator reviews it.</p>}
      <dl className="decision__reasons">
        <dt>Reason</dt>
        <dd data-testid="decision-reason">{reasonLabel(d.reasonCode) ?? "None given"}</dd>
        {d.statement && (
          <>
            <dt>Statement of reasons</dt>
            <dd>
              <blockquote className="decision__statement pre-line" data-testid="decision-statement">
                {d.statement}
              </blockquote>
            </dd>
          </>
        )}
      </dl>
      {d.appeal && (
        <div className="decision__appeal" data-testid="appeal-state">
          <p>
            <Badge kind="Appeal" tone={`appeal-${d.appeal.status}`}>
              {APPEAL_STATUS_LABELS[d.appeal.status] ?? d.appeal.status}
            </Badge>{" "}
            {d.appeal.status === "open"
              ? "You appealed this decision. A moderator who did not take it is reviewing your appeal."
              : d.appeal.status === "overturned"
                ? "Your appeal succeeded: the decision was overturned."
                : "Your appeal was reviewed and the decision stands."}
          </p>
          {d.appeal.outcomeStatement && <blockquote className="decision__statement pre-line">{d.appeal.outcomeStatement}</blockquote>}
        </div>
      )}
      {d.appealable && !appealing && (
        <button type="button" className="button button--secondary" onClick={() => setAppealing(true)}>
          Appeal this decision
        </button>
      )}
      {d.appealable && appealing && <AppealForm decision={d} onLodged={onLodged} />}
    </article>
  );
}

/** The author's view: every decision about their contributions or account, with reasons, and appeals. */
export function MyDecisionsPage() {
  const session = useSession();
  const location = useLocation();
  const userId = session.status === "authenticated" ? (session.user?.id ?? null) : null;
  const { state, reload } = useResource(userId, (signal) => listMyDecisions(signal));
  const [status, setStatus] = useState("");
  const target = location.hash.startsWith("#decision-") ? location.hash.slice(1) : null;

  useEffect(() => {
    if (state.phase !== "ready" || !target) return;
    const el = document.getElementById(target);
    if (el) {
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
    }
  }, [state.phase, target]);

  if (session.status === "loading") {
    return (
      <Page title="Decisions about your contributions">
        <p role="status">Loading…</p>
      </Page>
    );
  }
  if (session.status === "anonymous") {
    return (
      <Page title="Decisions about your contributions">
        <p>
          <Link to="/login" state={{ from: location.pathname + location.hash }}>
            Log in
          </Link>{" "}
          to see the moderation decisions about your contributions and to appeal them.
        </p>
      </Page>
    );
  }
  return (
    <Page
      title="Decisions about your contributions"
      lead="Every moderation decision about what you wrote or about your account, with the reasons you were given. You can appeal a decision that went against you, once."
    >
      <p role="status" className="list-status">
        {status && <span className="list-status__action">{status} </span>}
        {state.phase === "ready" && state.data.length > 0 && `${plural(state.data.length, "decision", "decisions")}.`}
      </p>
      {state.phase === "loading" && <p role="status">Loading your decisions…</p>}
      {state.phase === "error" && (
        <Alert title="Your decisions could not be loaded.">
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload(false)}>
            Try again
          </button>
        </Alert>
      )}
      {state.phase === "ready" && state.data.length === 0 && (
        <div className="empty">
          <p>No moderation decision has been taken about your contributions.</p>
        </div>
      )}
      {state.phase === "ready" && state.data.length > 0 && (
        <ul className="card-list">
          {state.data.map((d) => (
            <li key={d.id}>
              <DecisionCard
                d={d}
                highlighted={target === `decision-${d.id}`}
                onLodged={() => {
                  setStatus("Your appeal was lodged. You will be told the outcome and the reasons.");
                  void reload(true);
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
