import { useId } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { ConsultationSummary } from "../../api/consultations.ts";
import { Badge } from "../../components/Badge.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { languageLabel } from "./labels.ts";

function DateItem({ iso, future, past }: { iso: string | null; future: string; past: string }) {
  if (!iso) return null;
  const isPast = new Date(iso).getTime() <= Date.now();
  return (
    <div className="meta__item">
      <dt>{isPast ? past : future}</dt>
      <dd>
        <time dateTime={iso}>{formatDateTime(iso)}</time>
      </dd>
    </div>
  );
}

// Every field is plain text and rendered as React text: titles and summaries are written by users.
export function ConsultationCard({ consultation: c }: { consultation: ConsultationSummary }) {
  const { t } = useTranslation("consultations");
  const titleId = useId();
  return (
    <article className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <Link to={`/consultations/${encodeURIComponent(c.slug)}`} className="card__link">
          {c.title}
        </Link>
      </h2>
      <p className="card__badges">
        <Badge kind={t("badge.status")} tone={`status-${c.status}`}>
          {t(`vocabulary:status.${c.status}`, c.status)}
        </Badge>
        <Badge kind={t("badge.access")} tone={`access-${c.accessMode}`} title={t(`vocabulary:accessDescription.${c.accessMode}`)}>
          {t(`vocabulary:access.${c.accessMode}`, c.accessMode)}
        </Badge>
      </p>
      <p className="card__summary">{c.summary}</p>
      <dl className="meta">
        <DateItem iso={c.opensAt} future={t("dates.opens")} past={t("dates.opened")} />
        <DateItem iso={c.closesAt} future={t("dates.closes")} past={t("dates.closed")} />
        <div className="meta__item">
          <dt>{t("meta.language")}</dt>
          <dd>{languageLabel(c.language)}</dd>
        </div>
        <div className="meta__item">
          <dt>{t("meta.activity")}</dt>
          <dd>{t("meta.activityValue", { questions: t("count.questions", { count: c.questionCount }), threads: t("count.threads", { count: c.threadCount }) })}</dd>
        </div>
      </dl>
    </article>
  );
}
