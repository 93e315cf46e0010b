// A thread as it happens: joins the thread's room and applies what arrives (new, edited, approved,
// hidden, withdrawn and moved posts, endorsements, the thread's state, who is reading).
//
// New replies must not move what the reader is reading. While the end of the thread is out of view
// they wait in `incoming` (the page offers "3 new replies"); when the reader is at the end they are
// added at once. Every post is kept once, by id: the REST answer to one's own post and its broadcast
// both arrive, and a replay after a reconnection may repeat what was already applied.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Broadcast, ServerEventName } from "../../../../shared/events.ts";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { gapAsPost, type EndorsementTally, type Post, type ThreadDetail } from "../../api/threads.ts";
import { useRoom } from "../../realtime/useRoom.ts";
import i18n from "../../i18n/index.ts";

/** The list element of the thread's posts: when its end is in view, the reader is "at the end". */
export const POSTS_LIST_ID = "thread-posts";

function readerAtEnd(): boolean {
  const list = document.getElementById(POSTS_LIST_ID);
  if (!list) return true;
  return list.getBoundingClientRect().bottom <= window.innerHeight + 80;
}

/**
 * Broadcasts carry no per-reader abilities. Derive them from the same rules the server applies
 * (server/consultations/policy.ts contributionPolicy); anything uncertain is left out, and a refused
 * action shows the server's message anyway.
 */
function liveAbilities(post: Post, viewerId: string | null, c: ConsultationDetail | null): Post["abilities"] {
  const mine = viewerId !== null && post.author?.id === viewerId;
  const current = post.status === "published" || post.status === "pending";
  return {
    edit: mine && current && c?.status === "open",
    withdraw: mine && current,
    // Under the Chatham House rule the author is unknown here: no Endorse button rather than a wrong one.
    endorse: !!c?.abilities.takeStance && post.status === "published" && post.author !== null && !mine,
    seeRevisions: !!c?.abilities.moderate,
  };
}

interface LiveThreadOptions {
  threadId: string;
  consultationId: string | null;
  consultation: ConsultationDetail | null;
  viewerId: string | null;
  /** The posts shown (the loaded pages) and the way to change them. */
  items: Post[];
  ready: boolean;
  updateItems(fn: (items: Post[]) => Post[]): void;
  /** The thread changed (locked, pinned, slow mode). */
  onThreadChanged(facts: Partial<ThreadDetail>): void;
  /** Posts added to the visible list as they arrived (for an announcement). */
  onAdded(posts: Post[]): void;
  /** A post arrived, changed state or left: counts may have changed. */
  onPostsChanged?(): void;
  /** The reader is writing (a composer is open): new replies wait, so nothing moves under the text. */
  holdNew?: boolean;
  /** Too much happened while away to replay it: load the thread afresh. */
  onResync?(): void;
}

export function useLiveThread(opts: LiveThreadOptions) {
  const { threadId, updateItems } = opts;
  const latest = useRef(opts);
  latest.current = opts;
  const itemsRef = useRef<Map<string, Post>>(new Map());
  itemsRef.current = new Map(opts.items.map((p) => [p.id, p]));
  /** Ids added since the last render (the render has not caught up with them yet). */
  const added = useRef(new Set<string>());
  added.current = new Set([...added.current].filter((id) => !itemsRef.current.has(id)));
  const buffer = useRef(new Map<string, Post>());
  const [incoming, setIncoming] = useState<Post[]>([]);
  const [viewers, setViewers] = useState<number | null>(null);
  const [accessLost, setAccessLost] = useState<string | null>(null);

  useEffect(() => {
    buffer.current.clear();
    setIncoming([]);
    setViewers(null);
    setAccessLost(null);
  }, [threadId]);

  const syncBuffer = useCallback(() => setIncoming([...buffer.current.values()].sort((a, b) => a.seq - b.seq)), []);

  // A held-back reply that reached the list another way (the author's own REST answer, a page loaded)
  // is no longer "new".
  useEffect(() => {
    let changed = false;
    for (const id of [...buffer.current.keys()]) {
      if (itemsRef.current.has(id)) changed = buffer.current.delete(id) || changed;
    }
    if (changed) syncBuffer();
  }, [opts.items, syncBuffer]);

  const shown = (id: string) => itemsRef.current.has(id) || added.current.has(id);

  /** The broadcast version of a post, with what the reader's own copy knew (abilities, endorsement). */
  const normalise = (incomingPost: Post, existing: Post | undefined): Post => {
    const { viewerId, consultation } = latest.current;
    const sameState = existing && existing.status === incomingPost.status;
    return {
      ...incomingPost,
      abilities: "abilities" in incomingPost && incomingPost.abilities ? incomingPost.abilities : sameState ? existing.abilities : liveAbilities(incomingPost, viewerId, consultation),
      viewerEndorsed: typeof incomingPost.viewerEndorsed === "boolean" ? incomingPost.viewerEndorsed : (existing?.viewerEndorsed ?? false),
      bodySource: incomingPost.bodySource ?? (existing && existing.version === incomingPost.version ? existing.bodySource : undefined),
    };
  };

  const replace = (post: Post) => {
    if (buffer.current.has(post.id)) {
      buffer.current.set(post.id, normalise(post, buffer.current.get(post.id)));
      syncBuffer();
      return;
    }
    updateItems((list) => list.map((p) => (p.id === post.id && post.version >= p.version ? normalise(post, p) : p)));
  };

  /** A post that may be new to this reader: shown at once at the end of the thread, otherwise held back. */
  const upsert = (post: Post) => {
    // A restored post takes back the place of its gap (whose key may not be its id).
    if (!shown(post.id)) updateItems((list) => (list.some((p) => p.removed && p.seq === post.seq) ? list.filter((p) => !(p.removed && p.seq === post.seq)) : list));
    if (shown(post.id) || buffer.current.has(post.id)) {
      replace(post);
      return;
    }
    const next = normalise(post, undefined);
    if (buffer.current.size === 0 && !latest.current.holdNew && readerAtEnd()) {
      added.current.add(post.id);
      updateItems((list) => (list.some((p) => p.id === post.id) ? list : [...list, next]));
      latest.current.onAdded([next]);
    } else {
      buffer.current.set(post.id, next);
      syncBuffer();
    }
  };

  const remove = (postId: string, withReplies: boolean) => {
    const gone = new Set([postId]);
    if (withReplies) {
      // A moved post takes its replies with it.
      const all = [...itemsRef.current.values(), ...buffer.current.values()];
      for (let grew = true; grew; ) {
        grew = false;
        for (const p of all) {
          if (p.parentId && gone.has(p.parentId) && !gone.has(p.id)) {
            gone.add(p.id);
            grew = true;
          }
        }
      }
    }
    let changed = false;
    for (const id of gone) {
      added.current.delete(id);
      changed = buffer.current.delete(id) || changed;
    }
    if (changed) syncBuffer();
    updateItems((list) => list.filter((p) => !gone.has(p.id)));
  };

  const onEvent = (name: ServerEventName, payload: Broadcast): boolean => {
    if (!latest.current.ready && name.startsWith("post:")) return false;
    const concerned = applyEvent(name, payload);
    if (concerned && name.startsWith("post:") && name !== "post:edited") latest.current.onPostsChanged?.();
    return concerned;
  };

  const applyEvent = (name: ServerEventName, payload: Broadcast): boolean => {
    const post = payload.post as Post | undefined;
    switch (name) {
      case "post:created":
      case "post:approved":
        if (!post || post.threadId !== threadId) return false;
        upsert(post);
        return true;
      case "post:edited":
        if (!post || post.threadId !== threadId) return false;
        replace(post);
        return true;
      case "post:hidden":
      case "post:withdrawn": {
        if (post) {
          if (post.threadId !== threadId) return false;
          replace(post);
          return true;
        }
        const postId = payload.postId as string | undefined;
        if (!postId || (payload.threadId && payload.threadId !== threadId)) return false;
        if (payload.quarantined && latest.current.consultation?.abilities.moderate) {
          // Staff keep seeing that it is there, but not its text.
          updateItems((list) => list.map((p) => (p.id === postId ? { ...p, status: "hidden", quarantined: true, bodyHtml: null } : p)));
        } else if (name === "post:hidden" && shown(postId)) {
          // Hidden where it stood: its author keeps it, marked (the decision comes with the next load);
          // everyone else gets the gap the thread page would give them, so its replies stay under it.
          updateItems((list) =>
            list.map((p) => {
              if (p.id !== postId) return p;
              const { viewerId } = latest.current;
              if (viewerId !== null && p.author?.id === viewerId) return { ...p, status: "hidden", abilities: { ...p.abilities, edit: false, withdraw: false, endorse: false } };
              return gapAsPost({ kind: "removed", seq: p.seq, parentId: p.parentId, depth: p.depth, displayDepth: p.displayDepth, anchorId: p.id, reasonCode: null }, threadId, p.consultationId);
            }),
          );
        } else {
          remove(postId, false);
        }
        return true;
      }
      case "post:moved": {
        const from = payload.fromThreadId as string | undefined;
        if (post) {
          if (post.threadId === threadId) upsert(post);
          else if (from === threadId) remove(post.id, true);
          else return false;
          return true;
        }
        if (from === threadId && payload.threadId !== threadId && typeof payload.postId === "string") {
          remove(payload.postId, true);
          return true;
        }
        return false;
      }
      case "endorsement:changed": {
        const postId = payload.postId as string | undefined;
        const tally = payload.endorsements as EndorsementTally | undefined;
        if (!postId || !tally || !(shown(postId) || buffer.current.has(postId))) return false;
        const b = buffer.current.get(postId);
        if (b) {
          buffer.current.set(postId, { ...b, endorsements: tally });
          syncBuffer();
        }
        updateItems((list) => list.map((p) => (p.id === postId ? { ...p, endorsements: tally } : p)));
        return true;
      }
      case "thread:updated": {
        const facts = payload.thread as Partial<ThreadDetail> | undefined;
        if (!facts || facts.id !== threadId) return false;
        const { status, pinned, slowModeSeconds, title } = facts;
        latest.current.onThreadChanged({ status, pinned, slowModeSeconds, title });
        return true;
      }
      case "presence:updated":
        if (payload.threadId !== threadId || typeof payload.viewers !== "number") return false;
        setViewers(payload.viewers);
        return false;
      default:
        return false;
    }
  };

  useRoom({
    join: "thread:join",
    id: threadId || null,
    consultationId: opts.consultationId,
    onEvent,
    onResync: () => latest.current.onResync?.(),
    onJoined: (result) => {
      setAccessLost(null);
      if (typeof result.viewers === "number") setViewers(result.viewers);
    },
    onJoinError: (error) => {
      if (error.code === "not_found" || error.code === "forbidden") setAccessLost(i18n.t("threads:thread.accessLost"));
    },
  });

  /** Shows the replies held back; returns the first of them (to scroll to), or null. */
  const revealIncoming = useCallback((): Post | null => {
    const list = [...buffer.current.values()].sort((a, b) => a.seq - b.seq);
    buffer.current.clear();
    setIncoming([]);
    for (const p of list) added.current.add(p.id);
    updateItems((items) => {
      const have = new Set(items.map((p) => p.id));
      return [...items, ...list.filter((p) => !have.has(p.id))];
    });
    return list[0] ?? null;
  }, [updateItems]);

  return { incoming, revealIncoming, viewers, accessLost };
}
