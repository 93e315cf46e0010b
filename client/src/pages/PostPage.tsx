import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { getConsultation } from "../api/consultations.ts";
import { getPostContext, type Post } from "../api/threads.ts";
import { Page } from "../components/Page.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { PostCard, type PostActions } from "../features/threads/PostCard.tsx";
import { speakerName } from "../features/threads/Speaker.tsx";
import { consultationPath, threadPath } from "../lib/paths.ts";
import { useResource } from "../lib/useResource.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";
import { resourceState } from "../components/ResourceState.tsx";

/** A permalink: the contribution, highlighted, below the chain of contributions it answers. */
export function PostPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const viewerKey = useViewerKey();
  const { state, reload, update } = useResource(viewerKey === null ? null : `${id}|${viewerKey}`, (signal) => getPostContext(id, signal));

  const slug = state.phase === "ready" ? state.data.thread.consultationSlug : null;
  const consultation = useResource(slug && viewerKey !== null ? `${slug}|${viewerKey}` : null, (signal) => getConsultation(slug!, signal));

  useEffect(() => {
    if (state.phase === "ready") document.getElementById(`post-${state.data.post.id}`)?.scrollIntoView({ block: "center" });
  }, [state]);

  const pending = resourceState(state, reload, { title: "Contribution", what: "contribution", loading: "Loading the contribution…" });
  if (pending !== null || state.phase !== "ready") return pending;
  const { post, ancestors, thread } = state.data;
  const viewerId = session.user?.id ?? null;
  const replace = (next: Post) =>
    update((d) => ({
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
    <Page title={`Contribution by ${speakerName(post)}`}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={consultationPath(thread.consultationSlug)}>{consultation.state.phase === "ready" ? consultation.state.data.title : "Consultation"}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={threadPath(thread.id)} data-testid="thread-link">
          {thread.title}
        </Link>
      </nav>
      <p>
        <Link to={threadPath(thread.id, post.id)} className="button button--secondary">
          View the whole thread
        </Link>
      </p>

      {ancestors.length > 0 && (
        <section aria-labelledby="chain-title" className="section">
          <h2 id="chain-title">In reply to</h2>
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
        <p className="post__context post__context--missing">In reply to a contribution that is not available</p>
      )}

      <section aria-labelledby="this-title" className="section">
        <h2 id="this-title">{ancestors.length > 0 ? "The contribution" : "Contribution"}</h2>
        <PostCard post={post} viewerId={viewerId} highlighted actions={actions} quoted={post.quotedPostId ? byId.get(post.quotedPostId) : null} />
      </section>
    </Page>
  );
}
