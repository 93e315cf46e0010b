// The reply tree of a thread, built from parentId and flattened for display: every post after its
// parent, siblings in the order they were written. A reply whose parent is not in the list (withdrawn,
// hidden, or held for review) starts a branch of its own and says so.
import { LIMITS } from "../../../../shared/limits.ts";
import type { Post } from "../../api/threads.ts";

export interface ThreadNode {
  post: Post;
  /** Indentation: the post's displayDepth when its chain of parents is all shown, else counted from its branch. */
  level: number;
  parent: Post | null;
  /** The post replies to a contribution that is not in the list. */
  parentMissing: boolean;
}

export function buildThreadTree(posts: Post[]): ThreadNode[] {
  // The same post may arrive twice (a reply added at once, then again on a later page): keep the latest version.
  const byId = new Map<string, Post>();
  for (const p of posts) {
    const seen = byId.get(p.id);
    if (!seen || p.version >= seen.version) byId.set(p.id, p);
  }
  const ordered = [...byId.values()].sort((a, b) => a.seq - b.seq);
  const children = new Map<string, Post[]>();
  const roots: Post[] = [];
  for (const p of ordered) {
    if (p.parentId && byId.has(p.parentId)) {
      const list = children.get(p.parentId) ?? [];
      list.push(p);
      children.set(p.parentId, list);
    } else {
      roots.push(p);
    }
  }

  const out: ThreadNode[] = [];
  // Iterative depth-first walk: threads can be deeper than a comfortable recursion.
  const stack: { post: Post; level: number; complete: boolean }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    const root = roots[i]!;
    stack.push({ post: root, level: 0, complete: root.parentId === null });
  }
  while (stack.length > 0) {
    const { post, level, complete } = stack.pop()!;
    const parent = post.parentId ? (byId.get(post.parentId) ?? null) : null;
    out.push({
      post,
      level: complete ? post.displayDepth : Math.min(level, LIMITS.displayDepthMax),
      parent,
      parentMissing: post.parentId !== null && parent === null,
    });
    const kids = children.get(post.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ post: kids[i]!, level: level + 1, complete });
  }
  return out;
}
