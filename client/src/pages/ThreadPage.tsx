import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { getConsultation } from "../api/consultations.ts";
import { asApiError } from "../api/client.ts";
import { decideOnPost } from "../api/moderation.ts";
import { getPostContext, getThread, listPosts, type Post, type ThreadDetail } from "../api/threads.ts";
import { Alert } from "../components/Alert.tsx";
import { Badge } from "../components/Badge.tsx";
import { ThreadAnchorLink } from "../features/texts/ThreadAnchorLink.tsx";
import { Page } from "../components/Page.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { buildThreadTree } from "../features/threads/buildTree.ts";
import { EditComposer } from "../features/threads/EditComposer.tsx";
import { PostCard, type PostActions, type PostModeration } from "../features/threads/PostCard.tsx";
import { POSTS_LIST_ID, useLiveThread } from "../features/threads/useLiveThread.ts";
import { DecisionDialog, type DecisionOutcome, type DecisionTarget } from "../features/moderation/DecisionDialog.tsx";
import { describeSlowMode, ThreadModerationBar } from "../features/moderation/ThreadModerationBar.tsx";
import { decisionLabel } from "../features/moderation/labels.ts";
import { speakerName } from "../features/threads/Speaker.tsx";
import { excerptOf, htmlToMarkdown } from "../lib/richText.ts";
import { ReplyComposer } from "../features/threads/ReplyComposer.tsx";
import { formatNumber } from "../lib/format.ts";
import { consultationPath, positionsPath } from "../lib/paths.ts";
import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { cursorPaging, mapPagedItems, resourceOf, useCursorListState, type CursorPage } from "../lib/query/state.ts";
import { useRefreshSignal } from "../lib/useRefreshSignal.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { resourceState } from "../components/ResourceState.tsx";

const PAGE_SIZE = 50;
/** One empty list for every render, so the tree and the index are not rebuilt for nothing. */
const NO_POSTS: Post[] = [];
/** Pages loaded at most while looking for the post named in the address (#post-<id>). */
const MAX_PAGES_FOR_HASH = 40;

type ComposerState = { kind: "reply"; parentId: string; quotedPostId: string | null } | { kind: "edit"; postId: string } | null;

function focusPost(id: string) {
  const el = document.getElementById(`post-${id}`);
  if (!el) return false;
  el.scrollIntoView({ block: "center" });
  el.focus({ preventScroll: true });
  return true;
}

export function ThreadPage() {
  // `t` names the thread below: the translator is `tr` here.
  const { t: tr } = useTranslation("threads");
  const { id = "" } = useParams();
  const location = useLocation();
  const session = useSession();
  const viewerKey = useViewerKey();
  const queryClient = useQueryClient();
  const threadKey = keys.thread(id, viewerKey);
  const postsKey = keys.posts(id, viewerKey);
  const threadQuery = useQuery({ queryKey: threadKey, queryFn: ({ signal }) => getThread(id, signal), enabled: viewerKey !== null });
  const threadState = resourceOf(threadQuery);
  const postsQuery = useInfiniteQuery({
    queryKey: postsKey,
    queryFn: ({ pageParam, signal }) => listPosts(id, { cursor: pageParam, limit: PAGE_SIZE }, signal),
    ...cursorPaging<CursorPage<Post>>(),
    enabled: viewerKey !== null,
  });
  const posts = useCursorListState(postsQuery);
  // Whether the viewer's next contribution waits for a moderator is known from the consultation.
  const consultationId = threadState.phase === "ready" ? threadState.data.consultation.id : null;
  const consultationQuery = useQuery({
    queryKey: keys.consultation(consultationId ?? "", viewerKey),
    queryFn: ({ signal }) => getConsultation(consultationId!, signal),
    enabled: consultationId !== null && viewerKey !== null,
  });
  const consultation = consultationQuery.data ?? null;
  const contributionsHeld = consultation?.viewer.contributionsHeld ?? false;

  // Actions and live events change the cached thread and posts in place; a reload is a quiet refetch.
  const updateThread = useCallback(
    (fn: (d: ThreadDetail) => ThreadDetail) => queryClient.setQueryData<ThreadDetail>(keys.thread(id, viewerKey), (d) => (d ? fn(d) : d)),
    [queryClient, id, viewerKey],
  );
  const reloadThread = useCallback(() => queryClient.invalidateQueries({ queryKey: keys.thread(id, viewerKey) }), [queryClient, id, viewerKey]);
  const updateItems = useCallback(
    (fn: (items: Post[]) => Post[]) => queryClient.setQueryData<InfiniteData<CursorPage<Post>>>(keys.posts(id, viewerKey), (d) => mapPagedItems(d, fn)),
    [queryClient, id, viewerKey],
  );
  const reloadPosts = useCallback(() => queryClient.invalidateQueries({ queryKey: keys.posts(id, viewerKey) }), [queryClient, id, viewerKey]);

  const [composer, setComposer] = useState<ComposerState>(null);
  const [announcement, setAnnouncement] = useState("");
  const [focusRequest, setFocusRequest] = useState<string | null>(null);
  // A message handed over by the page that sent us here (e.g. "Your thread was started"): shown once,
  // then taken out of the history entry so that a reload does not repeat it.
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(() => setNotice(undefined), [id]);
  useEffect(() => {
    const handed = (location.state as { notice?: string } | null)?.notice;
    if (!handed) return;
    setNotice(handed);
    navigate({ pathname: location.pathname, search: location.search, hash: location.hash }, { replace: true, state: null });
  }, [location.state, location.pathname, location.search, location.hash, navigate]);

  const items = posts.state.phase === "ready" ? posts.state.items : NO_POSTS;
  const tree = useMemo(() => buildThreadTree(items), [items]);
  const byId = useMemo(() => new Map(items.map((p) => [p.id, p])), [items]);

  // The post named in the address: load pages until it is there, then scroll to it and highlight it.
  const hashTarget = location.hash.startsWith("#post-") ? decodeURIComponent(location.hash.slice("#post-".length)) : null;
  const pagesForHash = useRef(0);
  const handledHash = useRef<string | null>(null);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [hashMissing, setHashMissing] = useState(false);
  const { state: postsState, loadingMore, loadMore } = posts;
  useEffect(() => {
    if (!hashTarget || handledHash.current === hashTarget || postsState.phase !== "ready") return;
    if (byId.has(hashTarget)) {
      handledHash.current = hashTarget;
      setHashMissing(false);
      setHighlighted(hashTarget);
      setFocusRequest(hashTarget);
    } else if (postsState.nextCursor && pagesForHash.current < MAX_PAGES_FOR_HASH) {
      if (!loadingMore) {
        pagesForHash.current += 1;
        void loadMore();
      }
    } else {
      handledHash.current = hashTarget;
      setHashMissing(true);
    }
  }, [hashTarget, postsState, loadingMore, loadMore, byId]);

  // The list is only rendered once the thread itself is there: its posts may arrive first.
  const threadPhase = threadState.phase;
  useEffect(() => {
    if (focusRequest && focusPost(focusRequest)) setFocusRequest(null);
  }, [focusRequest, tree, threadPhase]);

  const replaceItem = useCallback((next: Post) => updateItems((list) => list.map((p) => (p.id === next.id ? next : p))), [updateItems]);

  // Not in the REST answer (yet): known from live updates and from moderation answers.
  const [slowModeSeconds, setSlowModeSeconds] = useState<number | undefined>(undefined);
  useEffect(() => setSlowModeSeconds(undefined), [id]);

  // The thread's count of contributions follows live changes (one quiet reload per burst).
  const [countSignal, bumpCount] = useRefreshSignal(1_000);
  useEffect(() => {
    if (countSignal) void reloadThread();
  }, [countSignal, reloadThread]);

  const live = useLiveThread({
    threadId: id,
    consultationId,
    consultation,
    viewerId: session.user?.id ?? null,
    items,
    ready: postsState.phase === "ready",
    updateItems,
    onThreadChanged: (facts) => {
      if (facts.slowModeSeconds !== undefined) setSlowModeSeconds(facts.slowModeSeconds);
      updateThread((d) => ({ ...d, ...Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) }));
      // Abilities (may I still reply?) follow from the new state: ask the server.
      void reloadThread();
    },
    onPostsChanged: bumpCount,
    holdNew: composer !== null,
    onResync: () => {
      void reloadPosts();
      void reloadThread();
    },
    onAdded: (added) => {
      const first = added[0];
      if (first) setAnnouncement(tr("thread.newReplyFrom", { name: speakerName(first) }));
    },
  });

  const [decision, setDecision] = useState<DecisionTarget | null>(null);
  const [moderationError, setModerationError] = useState<string | null>(null);
  /** After a decision, the post as staff now see it. */
  const refreshPost = useCallback(
    async (postId: string) => {
      try {
        replaceItem((await getPostContext(postId)).post);
      } catch {
        void reloadPosts();
      }
    },
    [replaceItem, reloadPosts],
  );
  const onModerate = async (post: Post, action: PostModeration) => {
    setModerationError(null);
    if (action === "approve" || action === "restore") {
      try {
        await decideOnPost(post.id, { action });
        setAnnouncement(action === "approve" ? tr("thread.approved") : tr("thread.restored"));
        await refreshPost(post.id);
      } catch (err) {
        setModerationError(asApiError(err).message);
      }
      return;
    }
    const html = post.bodyHtml ?? "";
    setDecision({ kind: "post", id: post.id, action, excerpt: excerptOf(html, 300), bodySource: post.bodySource ?? htmlToMarkdown(html) });
  };
  const onDecided = (outcome: DecisionOutcome) => {
    setDecision(null);
    if (outcome.kind === "thread") {
      setSlowModeSeconds(outcome.thread.slowModeSeconds);
      updateThread((d) => ({ ...d, status: outcome.thread.status, pinned: outcome.thread.pinned }));
      void reloadThread();
      setAnnouncement(outcome.target.action === "lock" ? tr("thread.lockedNow") : tr("thread.slowModeChanged"));
      return;
    }
    if (outcome.kind === "content") setAnnouncement(tr("thread.decisionRecorded", { action: decisionLabel(outcome.result.decision.action).toLowerCase() }));
    void refreshPost(outcome.target.id);
  };

  const pending = resourceState(threadState, () => threadQuery.refetch(), { title: tr("thread.title"), what: "thread", loading: tr("thread.loading") });
  if (pending !== null || threadState.phase !== "ready") return pending;
  const t = { ...threadState.data, slowModeSeconds: threadState.data.slowModeSeconds ?? slowModeSeconds };
  const canReply = t.abilities.reply || t.abilities.askQuestion;
  const viewerId = session.user?.id ?? null;

  const closeComposer = (focusId?: string) => {
    setComposer(null);
    if (focusId) requestAnimationFrame(() => document.getElementById(focusId)?.focus());
  };

  const actions: PostActions = {
    canReply,
    onReply: (post) => setComposer({ kind: "reply", parentId: post.id, quotedPostId: null }),
    onQuote: (post) =>
      setComposer((c) => (c?.kind === "reply" ? { ...c, quotedPostId: post.id } : { kind: "reply", parentId: post.id, quotedPostId: post.id })),
    onEdit: (post) => setComposer({ kind: "edit", postId: post.id }),
    onWithdrawn: (post) => {
      updateItems((list) => list.filter((p) => p.id !== post.id));
      void reloadThread();
      setAnnouncement(tr("thread.withdrawn"));
      requestAnimationFrame(() => document.getElementById("contributions-title")?.focus());
    },
    onEndorsed: (post, next) => replaceItem({ ...post, endorsements: next.endorsements, viewerEndorsed: next.viewerEndorsed }),
    onModerate: t.abilities.moderate ? (post, action) => void onModerate(post, action) : undefined,
  };

  const revealNew = () => {
    const first = live.revealIncoming();
    if (first) {
      setHighlighted(first.id);
      setFocusRequest(first.id);
    }
  };

  const onPosted = (post: Post) => {
    updateItems((list) => [...list, post]);
    setComposer(null);
    void reloadThread();
    setAnnouncement(post.status === "pending" ? tr("thread.replyPending") : tr("thread.replyPublished"));
    setHighlighted(post.id);
    setFocusRequest(post.id);
  };

  return (
    <Page title={t.title}>
      <nav aria-label={tr("breadcrumb")} className="breadcrumb">
        <Link to={consultationPath(t.consultation.slug)}>{t.consultation.title}</Link>
      </nav>
      <ThreadAnchorLink threadId={t.id} slug={t.consultation.slug} />
      <p className="card__badges">
        {t.pinned && (
          <Badge kind={tr("thread.badgeThread")} tone="pinned">
            {tr("thread.pinned")}
          </Badge>
        )}
        {t.status !== "open" && (
          <Badge kind={tr("thread.badgeThread")} tone="locked">
            {t.status === "locked" ? tr("thread.locked") : tr("thread.archived")}
          </Badge>
        )}
        {t.openingStatus === "pending" && (
          <Badge kind={tr("post.badgeStatus")} tone="post-pending">
            {tr("postStatus.pending")}
          </Badge>
        )}
      </p>
      {t.question && (
        <p className="thread__question">
          <span className="thread__question-label">{tr("thread.onQuestion", { ordinal: t.question.ordinal })}</span> {t.question.text}{" "}
          <Link to={positionsPath(t.consultation.slug, t.question.id)}>
            {tr("thread.positions")}<span className="visually-hidden">{tr("thread.positionsOn", { ordinal: t.question.ordinal })}</span>
          </Link>
        </p>
      )}
      <p className="thread__moderation">
        <strong>{tr("thread.moderation")}</strong> {tr(`vocabulary:moderationMode.${t.consultation.moderationMode}`)}.
        {describeSlowMode(t.slowModeSeconds) && (
          <>
            {" "}
            <strong>{tr("thread.slowMode")}</strong> {describeSlowMode(t.slowModeSeconds)}.
          </>
        )}
      </p>
      {notice && (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      )}
      {t.status !== "open" && <p className="muted">{tr(t.abilities.moderate ? "thread.closedStaff" : "thread.closed", { status: tr(t.status === "locked" ? "thread.statusLocked" : "thread.statusArchived") })}</p>}
      {live.accessLost && (
        <Alert title={live.accessLost}>
          <p>{tr("thread.accessChanged")}</p>
        </Alert>
      )}
      {t.abilities.moderate && (
        <ThreadModerationBar
          thread={t}
          onChanged={(next) => {
            setSlowModeSeconds(next.slowModeSeconds);
            updateThread((d) => ({ ...d, status: next.status, pinned: next.pinned }));
            void reloadThread();
          }}
          onOpenDialog={setDecision}
        />
      )}
      {moderationError && <Alert title={tr("thread.decisionNotRecorded")}>{moderationError}</Alert>}
      <DecisionDialog target={decision} onClose={() => setDecision(null)} onDone={onDecided} />
      {session.status === "anonymous" && t.consultation.status === "open" && (
        <p className="login-prompt">
          <Link to="/login" state={{ from: location.pathname }}>
            {tr("thread.login")}
          </Link>{" "}
          {tr("thread.toReply")}
        </p>
      )}

      <section aria-labelledby="contributions-title" className="section">
        <div className="section__head">
          <h2 id="contributions-title" tabIndex={-1}>
            {tr("thread.contributions")} <span className="muted">({formatNumber(t.postCount)})</span>
          </h2>
          {live.viewers !== null && (
            <p className="presence" data-testid="presence">
              <span className="presence__icon" aria-hidden="true" />
              {tr("thread.reading", { count: Math.max(1, live.viewers) })}
            </p>
          )}
        </div>
        <p role="status" className="visually-hidden" data-testid="announcer">
          {announcement}
        </p>
        {hashMissing && <p className="notice">{tr("thread.hashMissing")}</p>}
        {posts.state.phase === "loading" && <p role="status">{tr("thread.loadingPosts")}</p>}
        {posts.state.phase === "error" && (
          <Alert title={tr("thread.postsNotLoaded")}>
            <p>{posts.state.error.message}</p>
            <button type="button" className="button button--secondary" onClick={() => void postsQuery.refetch()}>
              {tr("common:tryAgain")}
            </button>
          </Alert>
        )}
        {posts.state.phase === "ready" && (
          <ol className="posts" id={POSTS_LIST_ID}>
            {tree.map(({ post, level, parent, parentMissing }) => {
              const replying = composer?.kind === "reply" && composer.parentId === post.id;
              const editing = composer?.kind === "edit" && composer.postId === post.id;
              const quoted = replying && composer.quotedPostId ? (byId.get(composer.quotedPostId) ?? null) : null;
              return (
                <li key={post.id} className="posts__item" style={{ "--level": level } as CSSProperties} data-level={level}>
                  <PostCard
                    post={post}
                    viewerId={viewerId}
                    parent={parent}
                    parentMissing={parentMissing}
                    quoted={post.quotedPostId ? byId.get(post.quotedPostId) : null}
                    highlighted={highlighted === post.id}
                    actions={actions}
                    editor={
                      editing ? (
                        <EditComposer
                          post={post}
                          onSaved={(next) => {
                            replaceItem(next);
                            setAnnouncement(tr("thread.saved"));
                            closeComposer(`edit-${post.id}`);
                          }}
                          onReloaded={replaceItem}
                          onCancel={() => closeComposer(`edit-${post.id}`)}
                        />
                      ) : undefined
                    }
                  />
                  {replying && (
                    <div className="posts__composer">
                      <ReplyComposer
                        thread={t}
                        parent={post}
                        quoted={quoted}
                        contributionsHeld={contributionsHeld}
                        onRemoveQuote={() => setComposer((c) => (c?.kind === "reply" ? { ...c, quotedPostId: null } : c))}
                        onPosted={onPosted}
                        onCancel={() => closeComposer(`reply-to-${post.id}`)}
                      />
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        <div className="new-replies" aria-live="polite">
          {live.incoming.length > 0 && (
            <button type="button" className="button button--primary new-replies__button" onClick={revealNew} data-testid="new-replies">
              <span aria-hidden="true">↓ </span>
              {tr("thread.newReplies", { count: live.incoming.length })}
            </button>
          )}
        </div>
        {posts.moreError && <Alert title={tr("thread.moreNotLoaded")}>{posts.moreError.message}</Alert>}
        {posts.state.phase === "ready" && posts.state.nextCursor && (
          <div className="load-more">
            <button
              type="button"
              className="button button--secondary"
              disabled={posts.loadingMore}
              onClick={() => {
                const before = new Set(items.map((p) => p.id));
                void posts.loadMore().then((n) => {
                  if (n > 0) setAnnouncement(tr("thread.moreLoaded", { count: n }));
                  // Focus the first contribution that was not there before (tree order may interleave).
                  requestAnimationFrame(() => {
                    const first = Array.from(document.querySelectorAll<HTMLElement>(".post")).find((el) => !before.has(el.dataset.postId ?? ""));
                    first?.focus();
                  });
                });
              }}
            >
              {posts.loadingMore ? tr("common:loading") : tr("thread.loadMore")}
            </button>
          </div>
        )}
      </section>
    </Page>
  );
}
