// One organisation's position on a question, with what it rests on (evidence) and who stands behind it
// (declaration of interests, funding), shown together so a reader weighs them together.
import { CATEGORY_LABELS } from "../../../../shared/categories.ts";
import { EVIDENCE_KIND_LABELS, STANCE_LABELS } from "../../../../shared/schemas/positions.ts";
import { setPositionEndorsement, type Position } from "../../api/positions.ts";
import type { EndorsementState } from "../../api/threads.ts";
import { Badge } from "../../components/Badge.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { EndorseControl } from "../threads/EndorseControl.tsx";
import { FlagButton } from "../moderation/FlagButton.tsx";

const isHttpUrl = (url: string) => /^https?:\/\//i.test(url);

export function PositionCard({ position: p, onEndorsed, viewerId = null }: { position: Position; onEndorsed(next: EndorsementState): void; viewerId?: string | null }) {
  const titleId = `position-${p.id}-title`;
  const canFlag = viewerId !== null && p.author?.id !== viewerId && p.status === "published";
  return (
    <article className="position" id={`position-${p.id}`} aria-labelledby={titleId} tabIndex={-1} data-stance={p.stance}>
      <header className="position__header">
        <h3 className="position__title" id={titleId}>
          {p.organisation ? p.organisation.name : CATEGORY_LABELS[p.category]}
        </h3>
        <p className="position__who">
          {p.organisation ? (
            <>
              {CATEGORY_LABELS[p.category]}
              {p.organisation.country && <> · {p.organisation.country}</>}
            </>
          ) : (
            <>Organisation withheld under the Chatham House rule</>
          )}
        </p>
        <p className="card__badges">
          <Badge kind="Stance" tone={`stance-${p.stance}`}>
            {STANCE_LABELS[p.stance]}
          </Badge>
          {p.status === "pending" && (
            <Badge kind="Status" tone="post-pending" title="Only its authors and the moderators see it until a moderator approves it">
              Pending review
            </Badge>
          )}
        </p>
      </header>
      <p className="position__summary">{p.summary}</p>
      {/* Sanitised by the server (server/content/rich-text.ts) when it was written. */}
      <div className="rich-text position__argument" dangerouslySetInnerHTML={{ __html: p.argumentHtml }} />
      {p.amendmentText && (
        <div className="position__block">
          <h4>Proposed amendments</h4>
          <p className="pre-line">{p.amendmentText}</p>
        </div>
      )}
      {p.evidence.length > 0 && (
        <div className="position__block">
          <h4>Evidence</h4>
          <ul className="evidence">
            {p.evidence.map((e, i) => (
              <li key={i}>
                <span className="evidence__kind">{EVIDENCE_KIND_LABELS[e.kind]}:</span>{" "}
                {e.url && isHttpUrl(e.url) ? (
                  <a href={e.url} rel="nofollow ugc noopener noreferrer">
                    {e.citation}
                  </a>
                ) : (
                  e.citation
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="position__disclosures">
        <div>
          <dt>Declaration of interests</dt>
          <dd className="pre-line">{p.declarationOfInterests || "None declared."}</dd>
        </div>
        <div>
          <dt>Funding sources</dt>
          <dd className="pre-line">{p.fundingSources || "Not stated."}</dd>
        </div>
      </dl>
      <p className="position__version">
        Version {p.version} · updated <time dateTime={p.updatedAt}>{formatDateTime(p.updatedAt)}</time>
      </p>
      <EndorseControl
        tally={p.endorsements}
        viewerEndorsed={p.viewerEndorsed}
        canEndorse={p.abilities.endorse}
        toggle={(endorse) => setPositionEndorsement(p.id, endorse)}
        onChange={onEndorsed}
      />
      {canFlag && (
        <p className="position__actions">
          <FlagButton kind="position" id={p.id} label={`the position of ${p.organisation ? p.organisation.name : CATEGORY_LABELS[p.category]}`} />
        </p>
      )}
    </article>
  );
}
