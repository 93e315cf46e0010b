import { useId } from "react";
import { Link } from "react-router";
import type { ConsultationSummary } from "../../api/consultations.ts";
import { Badge } from "../../components/Badge.tsx";
import { formatDateTime, plural } from "../../lib/format.ts";
import { ACCESS_LABELS, ACCESS_MODE_DESCRIPTIONS, STATUS_LABELS, languageLabel } from "./labels.ts";

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
  const titleId = useId();
  return (
    <article className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <Link to={`/consultations/${encodeURIComponent(c.slug)}`} className="card__link">
          {c.title}
        </Link>
      </h2>
      <p className="card__badges">
        <Badge kind="Status" tone={`status-${c.status}`}>
          {STATUS_LABELS[c.status] ?? c.status}
        </Badge>
        <Badge kind="Access" tone={`access-${c.accessMode}`} title={ACCESS_MODE_DESCRIPTIONS[c.accessMode]}>
          {ACCESS_LABELS[c.accessMode] ?? c.accessMode}
        </Badge>
      </p>
      <p className="card__summary">{c.summary}</p>
      <dl className="meta">
        <DateItem iso={c.opensAt} future="Opens" past="Opened" />
        <DateItem iso={c.closesAt} future="Closes" past="Closed" />
        <div className="meta__item">
          <dt>Language</dt>
          <dd>{languageLabel(c.language)}</dd>
        </div>
        <div className="meta__item">
          <dt>Activity</dt>
          <dd>
            {plural(c.questionCount, "question", "questions")}, {plural(c.threadCount, "thread", "threads")}
          </dd>
        </div>
      </dl>
    </article>
  );
}
