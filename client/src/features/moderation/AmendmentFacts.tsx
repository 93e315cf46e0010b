// Where a held amendment sits, in the queue's context panel: the text and the provision it amends
// (a link opening the reading view at the unit), the words it replaces, the organisation it speaks for.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { QueueAmendmentItem } from "../../api/moderation.ts";
import { textPath } from "../texts/paths.ts";

export function AmendmentFacts({ item }: { item: QueueAmendmentItem }) {
  const { t } = useTranslation("moderation");
  const c = item.context;
  return (
    <dl className="queue-context__facts" data-testid="queue-amendment-facts">
      <dt>{t("queue-amendments:text")}</dt>
      <dd>{c.text.title}</dd>
      <dt>{t("queue-amendments:unit")}</dt>
      <dd>
        <Link to={textPath(c.text.consultationSlug, c.text.id, { unit: c.eId })}>{c.unitLabel}</Link>
      </dd>
      {c.quote && (
        <>
          <dt>{t("queue-amendments:quote")}</dt>
          <dd>
            <blockquote className="queue-context__quote">{c.quote}</blockquote>
          </dd>
        </>
      )}
      {c.organisation && (
        <>
          <dt>{t("context.organisation")}</dt>
          <dd>
            {c.organisation.name} {c.organisation.verified ? t("context.verifiedParen") : t("context.notVerifiedParen")}
          </dd>
        </>
      )}
    </dl>
  );
}
