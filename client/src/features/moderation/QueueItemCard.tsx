// One item of the moderation queue, and the context panel a moderator decides with. Quarantined
// content is never shown here: only the offer to open it (logged).
import type { ReactNode } from "react";
import { Link } from "react-router";
import { DismissFlagsButton } from "./DismissFlagsButton.tsx";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n/index.ts";
import type { QueueItem } from "../../api/moderation.ts";
import { Badge } from "../../components/Badge.tsx";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { postPath, threadPath } from "../../lib/paths.ts";
import { AmendmentFacts } from "./AmendmentFacts.tsx";
import { contributionStatusLabel, decisionLabel, hintLabel, reasonLabel } from "./labels.ts";

export function itemTitle(item: QueueItem): string {
  if (item.kind === "post") return i18n.t("moderation:item.postTitle", { thread: item.context.thread.title });
  if (item.kind === "amendment") return i18n.t("queue-amendments:title", { unit: item.context.unitLabel, text: item.context.text.title });
  const who = item.context.organisation?.name ?? i18n.t(`vocabulary:category.${item.author.category}`);
  return i18n.t("moderation:item.positionTitle", { who, ordinal: item.context.question.ordinal });
}

/** Which decisions the item's status allows (the server checks again). */
export function allowedActions(item: QueueItem) {
  return {
    approve: item.status === "pending",
    restore: item.status === "hidden" || item.status === "rejected",
    reject: item.status === "pending",
    hide: item.status === "published",
    edit: item.kind === "post" && item.status === "published" && !item.quarantined,
  };
}

interface QueueItemCardProps {
  item: QueueItem;
  selected: boolean;
  checked: boolean;
  note?: string;
  onSelect(): void;
  onToggle(checked: boolean): void;
  onOpenQuarantined(): void;
}

export function QueueItemCard({ item, selected, checked, note, onSelect, onToggle, onOpenQuarantined }: QueueItemCardProps) {
  const { t } = useTranslation("moderation");
  const titleId = `queue-item-${item.id}-title`;
  return (
    <article
      id={`queue-item-${item.id}`}
      className={["queue-item", selected ? "queue-item--selected" : "", item.urgent ? "queue-item--urgent" : ""].join(" ").trim()}
      // Reachable with Tab too (focusing an item selects it), not only with j and k.
      tabIndex={0}
      aria-labelledby={titleId}
      aria-current={selected ? "true" : undefined}
      data-item-id={item.id}
      data-status={item.status}
      onClick={onSelect}
      onFocus={onSelect}
    >
      <div className="queue-item__check">
        <input
          type="checkbox"
          id={`queue-check-${item.id}`}
          checked={checked}
          disabled={item.status !== "pending"}
          onChange={(e) => onToggle(e.target.checked)}
          aria-label={item.status === "pending" ? t("item.selectForApproval", { title: itemTitle(item) }) : t("item.onlyPendingTogether")}
        />
      </div>
      <div className="queue-item__main">
        {item.urgent && (
          <p className="queue-item__urgent">
            <span aria-hidden="true">⚠ </span>{t("item.urgent")}
          </p>
        )}
        <h3 className="queue-item__title" id={titleId}>
          {itemTitle(item)}
        </h3>
        <p className="card__badges">
          <Badge kind={t("item.badgeStatus")} tone={`post-${item.status}`}>
            {contributionStatusLabel(item.status)}
          </Badge>
          {item.flags.count > 0 && (
            <Badge kind={t("item.badgeFlags")} tone="flags">
              {t("item.flags", { count: item.flags.count })}
            </Badge>
          )}
          {item.kind === "position" && (
            <Badge kind={t("item.badgeType")} tone="type-position">
              {t("item.position")}
            </Badge>
          )}
          {item.kind === "amendment" && (
            <Badge kind={t("item.badgeType")} tone="type-position">
              {i18n.t("queue-amendments:badge")}
            </Badge>
          )}
        </p>
        {item.quarantined ? (
          <p className="queue-item__withheld">
            {t("item.withheld")}{" "}
            <button
              type="button"
              className="button button--small button--danger"
              onClick={(e) => {
                e.stopPropagation();
                onSelect();
                onOpenQuarantined();
              }}
            >
              {t("quarantine.open")}
            </button>
          </p>
        ) : (
          <p className="queue-item__excerpt" data-testid="queue-excerpt">
            {item.excerpt}
          </p>
        )}
        <p className="queue-item__meta">
          {t("item.by", { name: item.author.displayName })} · {t(`vocabulary:category.${item.author.category}`)} · {t("item.queued")}{" "}
          <time dateTime={item.queuedAt}>{formatDateTime(item.queuedAt)}</time>
        </p>
        {note && (
          <p className="queue-item__note" role="status">
            {note}
          </p>
        )}
      </div>
    </article>
  );
}

interface ContextPanelProps {
  item: QueueItem;
  busy: boolean;
  onApprove(): void;
  onDecide(action: "reject" | "hide" | "edit"): void;
  onOpenQuarantined(): void;
  /** "No action needed": dismiss the open flags (DismissFlagsDialog). */
  onDismiss?(): void;
  /** Shown under the actions, e.g. the item's decision history. */
  extra?: ReactNode;
}

/** Everything a moderator needs to decide on the selected item, and the decisions it allows. */
export function QueueContextPanel({ item, busy, onApprove, onDecide, onOpenQuarantined, onDismiss, extra }: ContextPanelProps) {
  const { t } = useTranslation("moderation");
  const allowed = allowedActions(item);
  const prior = Object.entries(item.priorDecisions).filter(([, n]) => (n ?? 0) > 0);
  return (
    <section className="queue-context" aria-labelledby="queue-context-title" data-testid="queue-context">
      <h2 id="queue-context-title" className="queue-context__title">
        {itemTitle(item)}
      </h2>
      {item.urgent && <p className="queue-item__urgent">{t("context.urgent")}</p>}

      <div className="button-row queue-context__actions">
        {allowed.approve && (
          <button type="button" className="button button--primary" disabled={busy} onClick={onApprove}>
            {t("context.approve")} <kbd>a</kbd>
          </button>
        )}
        {allowed.restore && (
          <button type="button" className="button button--primary" disabled={busy} onClick={onApprove}>
            {t("context.restore")} <kbd>a</kbd>
          </button>
        )}
        {allowed.reject && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => onDecide("reject")}>
            {item.kind === "position" ? t("context.proposeRemoval") : t("context.reject")} <kbd>r</kbd>
          </button>
        )}
        {allowed.hide && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => onDecide("hide")}>
            {item.kind === "position" ? t("context.proposeRemoval") : t("context.hide")} <kbd>h</kbd>
          </button>
        )}
        {allowed.edit && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => onDecide("edit")}>
            {t("context.edit")}
          </button>
        )}
        {onDismiss && item.flags.count > 0 && <DismissFlagsButton busy={busy} onClick={onDismiss} />}
        {item.quarantined && (
          <button type="button" className="button button--danger" onClick={onOpenQuarantined}>
            {t("quarantine.open")}
          </button>
        )}
      </div>
      {item.status === "published" && (
        <p className="muted">{t("context.publishedFlagged")}</p>
      )}
      {extra}
      {item.kind === "position" && (
        <p className="muted">{t("context.twoModerators")}</p>
      )}

      <h3>{t("context.where")}</h3>
      {item.kind === "amendment" ? (
        <AmendmentFacts item={item} />
      ) : item.kind === "post" ? (
        <dl className="queue-context__facts">
          <dt>{t("context.thread")}</dt>
          <dd>
            <Link to={threadPath(item.context.thread.id)}>{item.context.thread.title}</Link>
            {!item.quarantined && (
              <>
                {" · "}
                <Link to={postPath(item.id)}>{t("context.theContribution")}</Link>
              </>
            )}
          </dd>
          {item.context.replyType && (
            <>
              <dt>{t("context.replyType")}</dt>
              <dd>{t(`vocabulary:replyType.${item.context.replyType}`)}</dd>
            </>
          )}
          {item.context.parentExcerpt && (
            <>
              <dt>{t("context.inReplyTo")}</dt>
              <dd>
                <blockquote className="queue-context__quote">{item.context.parentExcerpt}</blockquote>
              </dd>
            </>
          )}
          {item.context.onBehalfOf && (
            <>
              <dt>{t("context.onBehalfOf")}</dt>
              <dd>{item.context.onBehalfOf.name}</dd>
            </>
          )}
        </dl>
      ) : (
        <dl className="queue-context__facts">
          <dt>{t("consultations:questions.ordinal", { ordinal: item.context.question.ordinal })}</dt>
          <dd>{item.context.question.text}</dd>
          {item.context.organisation && (
            <>
              <dt>{t("context.organisation")}</dt>
              <dd>
                {item.context.organisation.name} {item.context.organisation.verified ? t("context.verifiedParen") : t("context.notVerifiedParen")}
              </dd>
            </>
          )}
        </dl>
      )}
      {!item.quarantined && item.excerpt && (
        <>
          <h3>{t("context.text")}</h3>
          <blockquote className="queue-context__quote">{item.excerpt}</blockquote>
        </>
      )}

      <h3>{t("context.author")}</h3>
      <dl className="queue-context__facts">
        <dt>{t("context.name")}</dt>
        <dd>{item.author.displayName}</dd>
        <dt>{t("context.category")}</dt>
        <dd>{t(`vocabulary:category.${item.author.category}`)}</dd>
        <dt>{t("context.memberSince")}</dt>
        <dd>{formatDateTime(item.author.memberSince)}</dd>
        <dt>{t("context.organisations")}</dt>
        <dd>
          {item.author.organisations.length === 0
            ? t("context.none")
            : item.author.organisations
                .map((o) => t("context.organisationLine", { name: o.name, verified: o.verified ? t("context.verified") : t("context.notVerified"), role: t(`context.orgRole.${o.role}`) }))
                .join("; ")}
        </dd>
        <dt>{t("context.earlier")}</dt>
        <dd>{prior.length === 0 ? t("context.none") : prior.map(([action, n]) => `${decisionLabel(action)}: ${formatNumber(n ?? 0)}`).join("; ")}</dd>
      </dl>

      {item.flags.count > 0 && (
        <>
          <h3>{t("context.flagsTitle", { count: item.flags.count })}</h3>
          <ul className="queue-context__flags">
            {item.flags.reasons.map((f, i) => (
              <li key={i}>
                <strong>{reasonLabel(f.reason)}</strong> · <time dateTime={f.at}>{formatDateTime(f.at)}</time>
                {f.note && <p className="pre-line queue-context__flag-note">{f.note}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {item.hints.length > 0 && (
        <>
          <h3>{t("context.signals")}</h3>
          <p className="muted">{t("context.signalsNote")}</p>
          <ul>
            {item.hints.map((h) => (
              <li key={h}>{hintLabel(h)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
