// One contribution: who speaks, what kind of reply it is, its place in the conversation, the text
// (sanitised HTML from the server), endorsements, and the actions the server says the viewer may take.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { REPLY_TYPE_LABELS } from "../../../../shared/schemas/threads.ts";
import { asApiError } from "../../api/client.ts";
import { setPostEndorsement, withdrawPost, type EndorsementState, type Post } from "../../api/threads.ts";
import { Badge } from "../../components/Badge.tsx";
import { FlagButton } from "../moderation/FlagButton.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { postPath } from "../../lib/paths.ts";
import { EndorseControl } from "./EndorseControl.tsx";
import { Speaker, speakerName } from "./Speaker.tsx";

const STATUS_BADGES: Record<string, { label: string; title: string }> = {
  pending: { label: "Pending review", title: "Only its author and the moderators see it until a moderator approves it" },
  hidden: { label: "Hidden", title: "Hidden by a moderator" },
  rejected: { label: "Rejected", title: "Rejected by a moderator" },
  withdrawn: { label: "Withdrawn", title: "Withdrawn by its author" },
};

/** What a moderator can do to a post from the thread (the server checks neutrality and rank). */
export type PostModeration = "approve" | "reject" | "hide" | "restore" | "edit";

export interface PostActions {
  canReply: boolean;
  /** Staff only: opens the decision dialog, or decides at once for approve and restore. */
  onModerate?(post: Post, action: PostModeration): void;
  onReply?(post: Post): void;
  onQuote?(post: Post): void;
  onEdit?(post: Post): void;
  onWithdrawn?(post: Post): void;
  onEndorsed(post: Post, next: EndorsementState): void;
}

interface PostCardProps {
  post: Post;
  viewerId: string | null;
  parent?: Post | null;
  parentMissing?: boolean;
  /** The quoted post when it is on the page (for a readable link), otherwise only its id is known. */
  quoted?: Post | null;
  highlighted?: boolean;
  actions: PostActions;
  /** Replaces the body while editing. */
  editor?: ReactNode;
  /** Level-2 headings on the permalink page, level-3 in a thread (below the h2 "Contributions"). */
  headingLevel?: 2 | 3;
}

function CopyLinkButton({ post }: { post: Post }) {
  const [status, setStatus] = useState("");
  const url = `${window.location.origin}${postPath(post.id)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("Link copied.");
    } catch {
      setStatus(`Copy this link: ${url}`);
    }
  };
  return (
    <>
      <button type="button" className="button button--small button--quiet" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" className="post__copy-status">
        {status}
      </span>
    </>
  );
}

/** The moderator's actions on one post, as its status allows them. */
function ModerationButtons({ post, onModerate }: { post: Post; onModerate(post: Post, action: PostModeration): void }) {
  const offered: [PostModeration, string][] =
    post.status === "pending"
      ? [["approve", "Approve"], ["reject", "Reject…"]]
      : post.status === "published"
        ? [["hide", "Hide…"], ["edit", "Edit with a note…"]]
        : post.status === "hidden" || post.status === "rejected"
          ? [["restore", "Restore"]]
          : [];
  if (offered.length === 0) return null;
  return (
    <div className="post__moderation" role="group" aria-label={`Moderate the contribution by ${speakerName(post)}`}>
      <span className="post__moderation-label" aria-hidden="true">
        Moderate:
      </span>
      {offered.map(([action, label]) => (
        <button key={action} type="button" className="button button--small button--secondary" onClick={() => onModerate(post, action)}>
          {label}
        </button>
      ))}
    </div>
  );
}

export function PostCard({ post, viewerId, parent, parentMissing, quoted, highlighted, actions, editor, headingLevel = 3 }: PostCardProps) {
  const [confirming, setConfirming] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const mine = viewerId !== null && post.author?.id === viewerId;
  const statusBadge = post.status !== "published" ? STATUS_BADGES[post.status] : undefined;
  const speakerId = `post-${post.id}-speaker`;

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const withdraw = async () => {
    setWithdrawing(true);
    setWithdrawError(null);
    try {
      await withdrawPost(post.id);
      actions.onWithdrawn?.(post);
    } catch (err) {
      setWithdrawError(asApiError(err).message);
      setWithdrawing(false);
    }
  };

  return (
    <article
      id={`post-${post.id}`}
      className={highlighted ? "post post--highlighted" : "post"}
      tabIndex={-1}
      aria-labelledby={speakerId}
      data-post-id={post.id}
      data-depth={post.depth}
      data-parent-id={post.parentId ?? ""}
    >
      <header className="post__header">
        <Heading className="post__heading" id={speakerId}>
          <Speaker author={post.author} onBehalfOf={post.onBehalfOf} category={post.category} />
        </Heading>
        <p className="post__meta">
          {post.isOpening && (
            <Badge kind="Role in thread" tone="opening">
              Opening contribution
            </Badge>
          )}
          {post.replyType && (
            <Badge kind="Reply type" tone={`reply-${post.replyType}`}>
              {REPLY_TYPE_LABELS[post.replyType]}
            </Badge>
          )}
          {statusBadge && (
            <Badge kind="Status" tone={`post-${post.status}`} title={statusBadge.title}>
              {statusBadge.label}
            </Badge>
          )}
          <span className="post__time">
            <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
            {post.edited && (
              <span className="post__edited" title={post.editedAt ? `Edited ${formatDateTime(post.editedAt)}` : undefined}>
                {" "}
                · edited
              </span>
            )}
          </span>
          <Link to={postPath(post.id)} className="post__permalink" title="Permanent link to this contribution">
            #<span className="visually-hidden"> Permanent link to this contribution</span>
          </Link>
        </p>
        {parent && !post.isOpening && (
          <p className="post__context">
            In reply to <a href={`#post-${parent.id}`}>{speakerName(parent)}</a>
          </p>
        )}
        {parentMissing && <p className="post__context post__context--missing">In reply to a contribution that is not available</p>}
        {post.quotedPostId && (
          <p className="post__context">
            Quoting{" "}
            <Link to={postPath(post.quotedPostId)} data-testid="quote-link">
              #{quoted ? ` ${speakerName(quoted)}` : " a contribution"}
            </Link>
          </p>
        )}
      </header>

      {post.status === "pending" && mine && (
        <p className="post__pending-note">This contribution awaits a moderator's review. Until it is approved, only you and the moderators can see it.</p>
      )}

      {editor ??
        (post.quarantined || post.bodyHtml === null ? (
          <p className="post__quarantined">
            Reported as illegal content and quarantined: its text is not shown here. Moderators can open it from the moderation queue; every opening is
            recorded.
          </p>
        ) : (
          // Sanitised by the server (server/content/rich-text.ts) when it was written.
          <div className="rich-text post__body" data-testid="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        ))}

      <footer className="post__footer">
        <EndorseControl
          tally={post.endorsements}
          viewerEndorsed={post.viewerEndorsed}
          canEndorse={post.abilities.endorse}
          toggle={(endorse) => setPostEndorsement(post.id, endorse)}
          onChange={(next) => actions.onEndorsed(post, next)}
        />
        {!editor && (
          <div className="post__actions">
            {actions.canReply && actions.onReply && (
              <button type="button" id={`reply-to-${post.id}`} className="button button--small button--secondary" onClick={() => actions.onReply?.(post)}>
                Reply<span className="visually-hidden"> to {speakerName(post)}</span>
              </button>
            )}
            {actions.canReply && actions.onQuote && (
              <button type="button" className="button button--small button--quiet" onClick={() => actions.onQuote?.(post)}>
                Quote<span className="visually-hidden"> {speakerName(post)}</span>
              </button>
            )}
            {post.abilities.edit && actions.onEdit && (
              <button type="button" id={`edit-${post.id}`} className="button button--small button--quiet" onClick={() => actions.onEdit?.(post)}>
                Edit
              </button>
            )}
            {post.abilities.withdraw && actions.onWithdrawn && !confirming && (
              <button type="button" ref={withdrawButton} className="button button--small button--quiet" onClick={() => setConfirming(true)}>
                Withdraw
              </button>
            )}
            <CopyLinkButton post={post} />
            {viewerId !== null && !mine && post.status === "published" && !post.quarantined && (
              <FlagButton kind="post" id={post.id} label={`the contribution by ${speakerName(post)}`} />
            )}
          </div>
        )}
        {!editor && actions.onModerate && !mine && !post.quarantined && <ModerationButtons post={post} onModerate={actions.onModerate} />}
        {confirming && (
          <div className="confirm" role="group" aria-label="Confirm withdrawal">
            <p className="confirm__text">Withdraw this contribution? It will no longer be shown to anyone but the moderators.</p>
            <div className="button-row">
              <button type="button" ref={confirmButton} className="button button--small button--danger" disabled={withdrawing} onClick={() => void withdraw()}>
                {withdrawing ? "Withdrawing…" : "Yes, withdraw it"}
              </button>
              <button
                type="button"
                className="button button--small button--secondary"
                disabled={withdrawing}
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => withdrawButton.current?.focus());
                }}
              >
                Keep it
              </button>
            </div>
            {withdrawError && (
              <p role="alert" className="inline-error">
                {withdrawError}
              </p>
            )}
          </div>
        )}
      </footer>
    </article>
  );
}
