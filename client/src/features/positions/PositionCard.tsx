// One organisation's position on a question, with what it rests on (evidence) and who stands behind it
// (declaration of interests, funding), shown together so a reader weighs them together.
import { Trans, useTranslation } from "react-i18next";
import { setPositionEndorsement, type Position } from "../../api/positions.ts";
import { CitedUnits } from "../texts/CitedUnits.tsx";
import type { EndorsementState } from "../../api/threads.ts";
import { Badge } from "../../components/Badge.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { EndorseControl } from "../threads/EndorseControl.tsx";
import { FlagButton } from "../moderation/FlagButton.tsx";

const isHttpUrl = (url: string) => /^https?:\/\//i.test(url);

export function PositionCard({ position: p, onEndorsed, viewerId = null }: { position: Position; onEndorsed(next: EndorsementState): void; viewerId?: string | null }) {
  const { t } = useTranslation("positions");
  const titleId = `position-${p.id}-title`;
  const category = t(`vocabulary:category.${p.category}`);
  const canFlag = viewerId !== null && p.author?.id !== viewerId && p.status === "published";
  return (
    <article className="position" id={`position-${p.id}`} aria-labelledby={titleId} tabIndex={-1} data-stance={p.stance}>
      <header className="position__header">
        <h3 className="position__title" id={titleId}>
          {p.organisation ? p.organisation.name : category}
        </h3>
        <p className="position__who">
          {p.organisation ? (
            <>
              {category}
              {p.organisation.country && <> · {p.organisation.country}</>}
            </>
          ) : (
            <>{t("card.withheld")}</>
          )}
        </p>
        <p className="card__badges">
          <Badge kind={t("card.badgeStance")} tone={`stance-${p.stance}`}>
            {t(`vocabulary:stance.${p.stance}`)}
          </Badge>
          {p.status === "pending" && (
            <Badge kind={t("card.badgeStatus")} tone="post-pending" title={t("card.pendingTitle")}>
              {t("card.pending")}
            </Badge>
          )}
        </p>
      </header>
      <p className="position__summary">{p.summary}</p>
      {/* Sanitised by the server (server/content/rich-text.ts) when it was written. */}
      <div className="rich-text position__argument" dangerouslySetInnerHTML={{ __html: p.argumentHtml }} />
      {p.amendmentText && (
        <div className="position__block">
          <h4>{t("card.amendments")}</h4>
          <p className="pre-line">{p.amendmentText}</p>
        </div>
      )}
      <CitedUnits position={p} />
      {p.evidence.length > 0 && (
        <div className="position__block">
          <h4>{t("card.evidence")}</h4>
          <ul className="evidence">
            {p.evidence.map((e, i) => (
              <li key={i}>
                <span className="evidence__kind">{t("card.evidenceKind", { kind: t(`vocabulary:evidenceKind.${e.kind}`) })}</span>{" "}
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
          <dt>{t("card.interests")}</dt>
          <dd className="pre-line">{p.declarationOfInterests || t("card.noneDeclared")}</dd>
        </div>
        <div>
          <dt>{t("card.funding")}</dt>
          <dd className="pre-line">{p.fundingSources || t("card.notStated")}</dd>
        </div>
      </dl>
      <p className="position__version">
        <Trans t={t} i18nKey="card.version" values={{ version: p.version, date: formatDateTime(p.updatedAt) }} components={{ time: <time dateTime={p.updatedAt} /> }} />
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
          <FlagButton kind="position" id={p.id} label={t("card.flagLabel", { name: p.organisation ? p.organisation.name : category })} />
        </p>
      )}
    </article>
  );
}
