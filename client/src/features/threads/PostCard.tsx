// One contribution: who speaks, what kind of reply it is, its place in the conversation, the text
// (sanitised HTML from the server), endorsements, and the actions the server says the viewer may take.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { asApiError } from "../../api/client.ts";
import { setPostEndorsement, withdrawPost, type EndorsementState, type Post } from "../../api/threads.ts";
import { Badge } from "../../components/Badge.tsx";
import { FlagButton } from "../moderation/FlagButton.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { postPath } from "../../lib/paths.ts";
import { EndorseControl } from "./EndorseControl.tsx";
import { ModerationNotice, RemovedNotice } from "./ModerationNotice.tsx";
import { Speaker, speakerName } from "./Speaker.tsx";

/** Statuses with a badge (keys postStatus.<status> and postStatus.<status>Title in threads.json). */
const BADGED_STATUSES = new Set(["pending", "hidden", "rejected", "withdrawn"]);

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
  const { t } = useTranslation("threads");
  const [status, setStatus] = useState("");
  const url = `${window.location.origin}${postPath(post.id)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t("post.linkCopied"));
    } catch {
      setStatus(t("post.copyThisLink", { url }));
    }
  };
  return (
    <>
      <button type="button" className="button button--small button--quiet" onClick={() => void copy()}>
        {t("post.copyLink")}
      </button>
      <span role="status" className="post__copy-status">
        {status}
      </span>
    </>
  );
}

/** The moderator's actions on one post, as its status allows them. */
function ModerationButtons({ post, onModerate }: { post: Post; onModerate(post: Post, action: PostModeration): void }) {
  const { t } = useTranslation("threads");
  const offered: [PostModeration, string][] =
    post.status === "pending"
      ? [["approve", t("moderate.approve")], ["reject", t("moderate.reject")]]
      : post.status === "published"
        ? [["hide", t("moderate.hide")], ["edit", t("moderate.edit")]]
        : post.status === "hidden" || post.status === "rejected"
          ? [["restore", t("moderate.restore")]]
          : [];
  if (offered.length === 0) return null;
  return (
    <div className="post__moderation" role="group" aria-label={t("moderate.groupLabel", { name: speakerName(post) })}>
      <span className="post__moderation-label" aria-hidden="true">
        {t("moderate.label")}
      </span>
      {offered.map(([action, label]) => (
        <button key={action} type="button" className="button button--small button--secondary" onClick={() => onModerate(post, action)}>
          {label}
        </button>
      ))}
    </div>
  );
}

/**
 * A hidden contribution as everyone but its author and staff see it: a gap in its place that says so and
 * why, so the replies under it still read as answers. It has no text, author, actions or permalink.
 */
function RemovedCard({ post, headingLevel = 3 }: Pick<PostCardProps, "post" | "headingLevel">) {
  const { t } = useTranslation("threads");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `post-${post.id}-speaker`;
  return (
    <article id={`post-${post.id}`} className="post post--removed" tabIndex={-1} aria-labelledby={headingId} data-testid="post-removed" data-depth={post.depth}>
      <Heading className="post__heading visually-hidden" id={headingId}>
        {t("threads-moderated:gap.heading")}
      </Heading>
      <RemovedNotice reasonCode={post.removed?.reasonCode ?? null} />
    </article>
  );
}

export function PostCard(props: PostCardProps) {
  return props.post.removed ? <RemovedCard post={props.post} headingLevel={props.headingLevel} /> : <FullPostCard {...props} />;
}

function FullPostCard({ post, viewerId, parent, parentMissing, quoted, highlighted, actions, editor, headingLevel = 3 }: PostCardProps) {
  const { t } = useTranslation("threads");
  const [confirming, setConfirming] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const mine = viewerId !== null && post.author?.id === viewerId;
  const statusBadge = BADGED_STATUSES.has(post.status) ? { label: t(`postStatus.${post.status}`), title: t(`postStatus.${post.status}Title`) } : undefined;
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
            <Badge kind={t("post.badgeRole")} tone="opening">
              {t("post.opening")}
            </Badge>
          )}
          {post.replyType && (
            <Badge kind={t("post.badgeReplyType")} tone={`reply-${post.replyType}`}>
              {t(`vocabulary:replyType.${post.replyType}`)}
            </Badge>
          )}
          {statusBadge && (
            <Badge kind={t("post.badgeStatus")} tone={`post-${post.status}`} title={statusBadge.title}>
              {statusBadge.label}
            </Badge>
          )}
          <span className="post__time">
            <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
            {post.edited && (
              <span className="post__edited" title={post.editedAt ? t("post.editedAt", { date: formatDateTime(post.editedAt) }) : undefined}>
                {" "}
                · {t("post.edited")}
              </span>
            )}
          </span>
          <Link to={postPath(post.id)} className="post__permalink" title={t("post.permalink")}>
            #<span className="visually-hidden"> {t("post.permalink")}</span>
          </Link>
        </p>
        {parent?.removed && (
          <p className="post__context">
            <a href={`#post-${parent.id}`}>{t("threads-moderated:gap.inReplyTo")}</a>
          </p>
        )}
        {parent && !parent.removed && !post.isOpening && (
          <p className="post__context">
            {t("post.inReplyTo")} <a href={`#post-${parent.id}`}>{speakerName(parent)}</a>
          </p>
        )}
        {parentMissing && <p className="post__context post__context--missing">{t("post.inReplyToMissing")}</p>}
        {post.quotedPostId && (
          <p className="post__context">
            {t("post.quoting")}{" "}
            <Link to={postPath(post.quotedPostId)} data-testid="quote-link">
              #{quoted && !quoted.removed ? ` ${speakerName(quoted)}` : ` ${t("post.aContribution")}`}
            </Link>
          </p>
        )}
      </header>

      {post.status === "pending" && mine && (
        <p className="post__pending-note">{t("post.pendingNote")}</p>
      )}

      {post.moderation && <ModerationNotice moderation={post.moderation} mine={mine} />}

      {editor ??
        (post.quarantined || post.bodyHtml === null ? (
          <p className="post__quarantined">{t("post.quarantined")}</p>
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
                {t("post.reply")}<span className="visually-hidden">{t("post.replyTo", { name: speakerName(post) })}</span>
              </button>
            )}
            {actions.canReply && actions.onQuote && (
              <button type="button" className="button button--small button--quiet" onClick={() => actions.onQuote?.(post)}>
                {t("post.quote")}<span className="visually-hidden"> {speakerName(post)}</span>
              </button>
            )}
            {post.abilities.edit && actions.onEdit && (
              <button type="button" id={`edit-${post.id}`} className="button button--small button--quiet" onClick={() => actions.onEdit?.(post)}>
                {t("post.edit")}
              </button>
            )}
            {post.abilities.withdraw && actions.onWithdrawn && !confirming && (
              <button type="button" ref={withdrawButton} className="button button--small button--quiet" onClick={() => setConfirming(true)}>
                {t("post.withdraw")}
              </button>
            )}
            <CopyLinkButton post={post} />
            {viewerId !== null && !mine && post.status === "published" && !post.quarantined && (
              <FlagButton kind="post" id={post.id} label={t("post.flagLabel", { name: speakerName(post) })} />
            )}
          </div>
        )}
        {!editor && actions.onModerate && !mine && !post.quarantined && <ModerationButtons post={post} onModerate={actions.onModerate} />}
        {confirming && (
          <div className="confirm" role="group" aria-label={t("post.confirmWithdrawal")}>
            <p className="confirm__text">{t("post.withdrawQuestion")}</p>
            <div className="button-row">
              <button type="button" ref={confirmButton} className="button button--small button--danger" disabled={withdrawing} onClick={() => void withdraw()}>
                {withdrawing ? t("post.withdrawing") : t("post.withdrawYes")}
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
                {t("post.keep")}
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
