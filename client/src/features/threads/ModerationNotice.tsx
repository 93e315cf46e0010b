// In place of the usual thread view of a hidden or rejected post (issue 10 item 4): its author reads
// what was decided, why, and how to appeal, on the post itself; staff read the same without the appeal.
// Everyone else gets RemovedNotice, a gap that keeps the replies under it.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { TPostModeration } from "../../../../shared/schemas/threads-moderated.ts";
import { reasonLabel } from "../moderation/labels.ts";
import { formatDateTime } from "../../lib/format.ts";
import { myDecisionsPath } from "../../lib/paths.ts";

export function ModerationNotice({ moderation, mine }: { moderation: TPostModeration; mine: boolean }) {
  const { t } = useTranslation("threads-moderated");
  const reason = reasonLabel(moderation.reasonCode);
  return (
    <section className="post__decision" aria-label={t("inPlace.label")} data-testid="post-decision">
      <p className="post__decision-title">
        <strong>{t(moderation.action === "hide" ? (mine ? "inPlace.hiddenMine" : "inPlace.hidden") : mine ? "inPlace.rejectedMine" : "inPlace.rejected")}</strong>{" "}
        <time dateTime={moderation.decidedAt}>{formatDateTime(moderation.decidedAt)}</time>
      </p>
      <dl className="post__decision-reasons">
        <dt>{t("inPlace.reason")}</dt>
        <dd>{reason ?? t("inPlace.noReason")}</dd>
        {moderation.statement && (
          <>
            <dt>{t("inPlace.statement")}</dt>
            <dd className="pre-line" data-testid="post-decision-statement">
              {moderation.statement}
            </dd>
          </>
        )}
      </dl>
      {mine && moderation.appealable && (
        <p>
          <Link to={myDecisionsPath(moderation.decisionId)} className="button button--small button--secondary">
            {t("inPlace.appeal")}
          </Link>
        </p>
      )}
      {mine && moderation.appealStatus && (
        <p data-testid="post-decision-appeal">
          {t(`inPlace.appeal_${moderation.appealStatus}`)} <Link to={myDecisionsPath(moderation.decisionId)}>{t("inPlace.seeDecision")}</Link>
        </p>
      )}
    </section>
  );
}

/** A hidden contribution as everyone but its author and staff see it: only that it was, and why. */
export function RemovedNotice({ reasonCode }: { reasonCode: string | null }) {
  const { t } = useTranslation("threads-moderated");
  const reason = reasonLabel(reasonCode);
  return <p className="post__removed-text">{reason ? t("gap.textWithReason", { reason }) : t("gap.text")}</p>;
}
