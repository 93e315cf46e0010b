// One item of the moderation queue, and the context panel a moderator decides with. Quarantined
// content is never shown here: only the offer to open it (logged).
import { Link } from "react-router";
import { CATEGORY_LABELS } from "../../../../shared/categories.ts";
import { REPLY_TYPE_LABELS } from "../../../../shared/schemas/threads.ts";
import type { QueueItem } from "../../api/moderation.ts";
import { Badge } from "../../components/Badge.tsx";
import { formatDateTime, plural } from "../../lib/format.ts";
import { postPath, threadPath } from "../../lib/paths.ts";
import { CONTRIBUTION_STATUS_LABELS, decisionLabel, HINT_LABELS, reasonLabel } from "./labels.ts";

export function itemTitle(item: QueueItem): string {
  if (item.kind === "post") return `Contribution in “${item.context.thread.title}”`;
  const who = item.context.organisation?.name ?? CATEGORY_LABELS[item.author.category];
  return `Position of ${who} on question ${item.context.question.ordinal}`;
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
          aria-label={item.status === "pending" ? `Select for approval: ${itemTitle(item)}` : `Only contributions awaiting review can be approved together`}
        />
      </div>
      <div className="queue-item__main">
        {item.urgent && (
          <p className="queue-item__urgent">
            <span aria-hidden="true">⚠ </span>Urgent: reported as illegal
          </p>
        )}
        <h3 className="queue-item__title" id={titleId}>
          {itemTitle(item)}
        </h3>
        <p className="card__badges">
          <Badge kind="Status" tone={`post-${item.status}`}>
            {CONTRIBUTION_STATUS_LABELS[item.status] ?? item.status}
          </Badge>
          {item.flags.count > 0 && (
            <Badge kind="Flags" tone="flags">
              {plural(item.flags.count, "flag", "flags")}
            </Badge>
          )}
          {item.kind === "position" && (
            <Badge kind="Type" tone="type-position">
              Position
            </Badge>
          )}
        </p>
        {item.quarantined ? (
          <p className="queue-item__withheld">
            Content withheld: quarantined after a report of illegal content.{" "}
            <button
              type="button"
              className="button button--small button--danger"
              onClick={(e) => {
                e.stopPropagation();
                onSelect();
                onOpenQuarantined();
              }}
            >
              Open (logged)
            </button>
          </p>
        ) : (
          <p className="queue-item__excerpt" data-testid="queue-excerpt">
            {item.excerpt}
          </p>
        )}
        <p className="queue-item__meta">
          By {item.author.displayName} · {CATEGORY_LABELS[item.author.category]} · queued <time dateTime={item.queuedAt}>{formatDateTime(item.queuedAt)}</time>
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
}

/** Everything a moderator needs to decide on the selected item, and the decisions it allows. */
export function QueueContextPanel({ item, busy, onApprove, onDecide, onOpenQuarantined }: ContextPanelProps) {
  const allowed = allowedActions(item);
  const prior = Object.entries(item.priorDecisions).filter(([, n]) => (n ?? 0) > 0);
  return (
    <section className="queue-context" aria-labelledby="queue-context-title" data-testid="queue-context">
      <h2 id="queue-context-title" className="queue-context__title">
        {itemTitle(item)}
      </h2>
      {item.urgent && <p className="queue-item__urgent">Urgent: reported as illegal content. It is hidden and quarantined until you decide.</p>}

      <div className="button-row queue-context__actions">
        {allowed.approve && (
          <button type="button" className="button button--primary" disabled={busy} onClick={onApprove}>
            Approve <kbd>a</kbd>
          </button>
        )}
        {allowed.restore && (
          <button type="button" className="button button--primary" disabled={busy} onClick={onApprove}>
            Restore <kbd>a</kbd>
          </button>
        )}
        {allowed.reject && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => onDecide("reject")}>
            {item.kind === "position" ? "Propose removal…" : "Reject…"} <kbd>r</kbd>
          </button>
        )}
        {allowed.hide && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => onDecide("hide")}>
            {item.kind === "position" ? "Propose removal…" : "Hide…"} <kbd>h</kbd>
          </button>
        )}
        {allowed.edit && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => onDecide("edit")}>
            Edit with a note…
          </button>
        )}
        {item.quarantined && (
          <button type="button" className="button button--danger" onClick={onOpenQuarantined}>
            Open (logged)
          </button>
        )}
      </div>
      {item.status === "published" && (
        <p className="muted">Published and flagged: hide it if the flags are right; otherwise leave it as it is.</p>
      )}
      {item.kind === "position" && (
        <p className="muted">Removing an organisation's position takes two moderators: the first proposes, a second confirms.</p>
      )}

      <h3>Where it was written</h3>
      {item.kind === "post" ? (
        <dl className="queue-context__facts">
          <dt>Thread</dt>
          <dd>
            <Link to={threadPath(item.context.thread.id)}>{item.context.thread.title}</Link>
            {!item.quarantined && (
              <>
                {" · "}
                <Link to={postPath(item.id)}>the contribution</Link>
              </>
            )}
          </dd>
          {item.context.replyType && (
            <>
              <dt>Reply type</dt>
              <dd>{REPLY_TYPE_LABELS[item.context.replyType]}</dd>
            </>
          )}
          {item.context.parentExcerpt && (
            <>
              <dt>In reply to</dt>
              <dd>
                <blockquote className="queue-context__quote">{item.context.parentExcerpt}</blockquote>
              </dd>
            </>
          )}
          {item.context.onBehalfOf && (
            <>
              <dt>On behalf of</dt>
              <dd>{item.context.onBehalfOf.name}</dd>
            </>
          )}
        </dl>
      ) : (
        <dl className="queue-context__facts">
          <dt>Question {item.context.question.ordinal}</dt>
          <dd>{item.context.question.text}</dd>
          {item.context.organisation && (
            <>
              <dt>Organisation</dt>
              <dd>
                {item.context.organisation.name} {item.context.organisation.verified ? "(verified)" : "(not verified)"}
              </dd>
            </>
          )}
        </dl>
      )}
      {!item.quarantined && item.excerpt && (
        <>
          <h3>The text</h3>
          <blockquote className="queue-context__quote">{item.excerpt}</blockquote>
        </>
      )}

      <h3>The author</h3>
      <dl className="queue-context__facts">
        <dt>Name</dt>
        <dd>{item.author.displayName}</dd>
        <dt>Category</dt>
        <dd>{CATEGORY_LABELS[item.author.category]}</dd>
        <dt>Member since</dt>
        <dd>{formatDateTime(item.author.memberSince)}</dd>
        <dt>Organisations</dt>
        <dd>
          {item.author.organisations.length === 0
            ? "None"
            : item.author.organisations.map((o) => `${o.name} (${o.verified ? "verified" : "not verified"}, ${o.role})`).join("; ")}
        </dd>
        <dt>Earlier decisions by moderators</dt>
        <dd>{prior.length === 0 ? "None" : prior.map(([action, n]) => `${decisionLabel(action)}: ${n}`).join("; ")}</dd>
      </dl>

      {item.flags.count > 0 && (
        <>
          <h3>Flags ({item.flags.count})</h3>
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
          <h3>Signals</h3>
          <p className="muted">Hints to look at, never reasons on their own.</p>
          <ul>
            {item.hints.map((h) => (
              <li key={h}>{HINT_LABELS[h] ?? h}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
