import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { Trans, useTranslation } from "react-i18next";
import i18n from "../i18n/index.ts";
import { zAppealBody } from "../../../shared/schemas/moderation.ts";
import { LIMITS } from "../../../shared/limits.ts";
import { listMyDecisions, lodgeAppeal, type MyDecision } from "../api/moderation.ts";
import { Alert } from "../components/Alert.tsx";
import { Badge } from "../components/Badge.tsx";
import { TextAreaField } from "../components/fields.tsx";
import { Page } from "../components/Page.tsx";
import { appealStatusLabel, decisionLabel, reasonLabel } from "../features/moderation/labels.ts";
import { useSession } from "../features/session/SessionContext.tsx";
import { formatDateTime } from "../lib/format.ts";
import { consultationPath, positionPath, postPath } from "../lib/paths.ts";
import { textPath } from "../features/texts/paths.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { resourceOf } from "../lib/query/state.ts";
import { AffectedContribution } from "../features/threads/AffectedContribution.tsx";
import { useApiForm } from "../lib/useApiForm.ts";

/** What the decision was about, in words. */
function subject(d: MyDecision): string {
  if (d.positionId && !d.postId) return i18n.t("moderation:mine.subject.position");
  if (d.amendmentId) return i18n.t("moderation:mine.subject.amendment");
  if (!d.postId && d.action === "mute") return i18n.t("moderation:mine.subject.participation");
  if (!d.postId && (d.action === "suspend" || d.action === "unsuspend")) return i18n.t("moderation:mine.subject.account");
  return i18n.t("moderation:mine.subject.post");
}

/** Decisions that leave the content readable to its author: link to it. */
const STILL_VISIBLE = new Set(["approve", "restore", "edit", "move"]);

function AppealForm({ decision, onLodged }: { decision: MyDecision; onLodged(): void }) {
  const { t } = useTranslation("moderation");
  const form = useApiForm({
    schema: zAppealBody,
    initial: { message: "" },
    onValid: async ({ message }) => {
      await lodgeAppeal(decision.id, message);
      onLodged();
    },
  });
  return (
    <form className="form form--inline" onSubmit={form.onSubmit} noValidate aria-label={t("mine.appeal")}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextAreaField
        label={t("mine.yourAppeal")}
        binding={form.field("message")}
        rows={4}
        maxLength={LIMITS.plainTextMax}
        hint={t("mine.appealHint")}
      />
      <button type="submit" className="button button--primary" disabled={form.submitting}>
        {form.submitting ? t("flag.sending") : t("mine.lodge")}
      </button>
    </form>
  );
}

function DecisionCard({ d, highlighted, onLodged }: { d: MyDecision; highlighted: boolean; onLodged(): void }) {
  const { t } = useTranslation("moderation");
  const [appealing, setAppealing] = useState(false);
  const titleId = `decision-${d.id}-title`;
  return (
    <article id={`decision-${d.id}`} className={highlighted ? "card decision decision--highlighted" : "card decision"} aria-labelledby={titleId} tabIndex={-1} data-testid="decision">
      <h2 className="decision__title" id={titleId}>
        {t("mine.cardTitle", { subject: subject(d), decision: decisionLabel(d.action).toLowerCase() })}
      </h2>
      <p className="decision__meta">
        <strong>{d.automated ? t("mine.automated") : t("mine.byModerator")}</strong> · <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
        {d.consultationId && (
          <>
            {" · "}
            <Link to={consultationPath(d.consultationId)}>{t("mine.theConsultation")}</Link>
          </>
        )}
        {d.postId && STILL_VISIBLE.has(d.action) && (
          <>
            {" · "}
            <Link to={postPath(d.postId)}>{t("context.theContribution")}</Link>
          </>
        )}
        {d.positionId && STILL_VISIBLE.has(d.action) && (
          <>
            {" · "}
            <Link to={positionPath(d.positionId)}>{t("appeals.thePosition")}</Link>
          </>
        )}
        {d.amendment && d.amendment.status === "published" && !d.amendment.quarantined && (
          <>
            {" · "}
            {/* While it is public (also once an appeal restored it): its unit in the reading view, as the exports' permalinks. */}
            <Link to={`${textPath(d.amendment.consultationSlug, d.amendment.documentId, { unit: d.amendment.eId })}#amendment-${encodeURIComponent(d.amendment.id)}`}>{t("appeals.theAmendment")}</Link>
          </>
        )}
      </p>
      {d.automated && <p className="muted">{t("mine.automatedNote")}</p>}
      {d.contribution && <AffectedContribution contribution={d.contribution} />}
      <dl className="decision__reasons">
        <dt>{t("reason")}</dt>
        <dd data-testid="decision-reason">{reasonLabel(d.reasonCode) ?? t("mine.noneGiven")}</dd>
        {d.statement && (
          <>
            <dt>{t("dialog.statement")}</dt>
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
            <Badge kind={t("appeals.badge")} tone={`appeal-${d.appeal.status}`}>
              {appealStatusLabel(d.appeal.status)}
            </Badge>{" "}
            {d.appeal.status === "open"
              ? t("mine.appealOpen")
              : d.appeal.status === "overturned"
                ? t("mine.appealOverturned")
                : t("mine.appealUpheld")}
          </p>
          {d.appeal.outcomeStatement && <blockquote className="decision__statement pre-line">{d.appeal.outcomeStatement}</blockquote>}
        </div>
      )}
      {d.appealable && !appealing && (
        <button type="button" className="button button--secondary" onClick={() => setAppealing(true)}>
          {t("mine.appeal")}
        </button>
      )}
      {d.appealable && appealing && <AppealForm decision={d} onLodged={onLodged} />}
    </article>
  );
}

/** The author's view: every decision about their contributions or account, with reasons, and appeals. */
export function MyDecisionsPage() {
  const { t } = useTranslation("moderation");
  const session = useSession();
  const location = useLocation();
  const userId = session.status === "authenticated" ? (session.user?.id ?? null) : null;
  const query = useQuery({ queryKey: keys.myDecisions(userId), queryFn: ({ signal }) => listMyDecisions(signal), enabled: userId !== null });
  const state = resourceOf(query);
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
      <Page title={t("mine.title")}>
        <p role="status">{t("common:loading")}</p>
      </Page>
    );
  }
  if (session.status === "anonymous") {
    return (
      <Page title={t("mine.title")}>
        <p>
          <Trans t={t} i18nKey="mine.login" components={{ login: <Link to="/login" state={{ from: location.pathname + location.hash }} /> }} />
        </p>
      </Page>
    );
  }
  return (
    <Page
      title={t("mine.title")}
      lead={t("mine.lead")}
    >
      <p role="status" className="list-status">
        {status && <span className="list-status__action">{status} </span>}
        {state.phase === "ready" && state.data.length > 0 && t("mine.count", { count: state.data.length })}
      </p>
      {state.phase === "loading" && <p role="status">{t("mine.loading")}</p>}
      {state.phase === "error" && (
        <Alert title={t("mine.notLoaded")}>
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
            {t("common:tryAgain")}
          </button>
        </Alert>
      )}
      {state.phase === "ready" && state.data.length === 0 && (
        <div className="empty">
          <p>{t("mine.none")}</p>
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
                  setStatus(t("mine.lodged"));
                  void query.refetch();
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
