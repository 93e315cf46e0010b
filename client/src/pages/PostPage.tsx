import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { getConsultation } from "../api/consultations.ts";
import { getPostContext, type Post } from "../api/threads.ts";
import { Page } from "../components/Page.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { PostCard, type PostActions } from "../features/threads/PostCard.tsx";
import { speakerName } from "../features/threads/Speaker.tsx";
import { consultationPath, threadPath } from "../lib/paths.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { resourceOf } from "../lib/query/state.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { resourceState } from "../components/ResourceState.tsx";

/** A permalink: the contribution, highlighted, below the chain of contributions it answers. */
export function PostPage() {
  const { t } = useTranslation("threads");
  const { id = "" } = useParams();
  const session = useSession();
  const viewerKey = useViewerKey();
  const queryClient = useQueryClient();
  const postKey = keys.postContext(id, viewerKey);
  const query = useQuery({ queryKey: postKey, queryFn: ({ signal }) => getPostContext(id, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);

  const slug = state.phase === "ready" ? state.data.thread.consultationSlug : null;
  const consultation = resourceOf(
    useQuery({ queryKey: keys.consultation(slug ?? "", viewerKey), queryFn: ({ signal }) => getConsultation(slug!, signal), enabled: slug !== null && viewerKey !== null }),
  );

  const data = query.data;
  useEffect(() => {
    if (data) document.getElementById(`post-${data.post.id}`)?.scrollIntoView({ block: "center" });
  }, [data]);

  const pending = resourceState(state, () => query.refetch(), { title: t("postPage.title"), what: "contribution", loading: t("postPage.loading") });
  if (pending !== null || state.phase !== "ready") return pending;
  const { post, ancestors, thread } = state.data;
  const viewerId = session.user?.id ?? null;
  const replace = (next: Post) =>
    queryClient.setQueryData<typeof data>(postKey, (d) => d && ({
      ...d,
      post: d.post.id === next.id ? next : d.post,
      ancestors: d.ancestors.map((a) => (a.id === next.id ? next : a)),
    }));
  const actions: PostActions = {
    canReply: false,
    onEndorsed: (p, next) => replace({ ...p, endorsements: next.endorsements, viewerEndorsed: next.viewerEndorsed }),
  };
  const all = [...ancestors, post];
  const byId = new Map(all.map((p) => [p.id, p]));

  return (
    <Page title={t("postPage.titleBy", { name: speakerName(post) })}>
      <nav aria-label={t("breadcrumb")} className="breadcrumb">
        <Link to={consultationPath(thread.consultationSlug)}>{consultation.phase === "ready" ? consultation.data.title : t("consultation")}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={threadPath(thread.id)} data-testid="thread-link">
          {thread.title}
        </Link>
      </nav>
      <p>
        <Link to={threadPath(thread.id, post.id)} className="button button--secondary">
          {t("postPage.wholeThread")}
        </Link>
      </p>

      {ancestors.length > 0 && (
        <section aria-labelledby="chain-title" className="section">
          <h2 id="chain-title">{t("post.inReplyTo")}</h2>
          <ol className="chain" data-testid="ancestors">
            {ancestors.map((a, i) => (
              <li key={a.id} className="chain__item" style={{ marginLeft: `${Math.min(i, 6) * 0.75}rem` }}>
                <PostCard post={a} viewerId={viewerId} actions={actions} quoted={a.quotedPostId ? byId.get(a.quotedPostId) : null} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {post.parentId && ancestors.at(-1)?.id !== post.parentId && (
        <p className="post__context post__context--missing">{t("post.inReplyToMissing")}</p>
      )}

      <section aria-labelledby="this-title" className="section">
        <h2 id="this-title">{ancestors.length > 0 ? t("postPage.theContribution") : t("postPage.title")}</h2>
        <PostCard post={post} viewerId={viewerId} highlighted actions={actions} quoted={post.quotedPostId ? byId.get(post.quotedPostId) : null} />
      </section>
    </Page>
  );
}
