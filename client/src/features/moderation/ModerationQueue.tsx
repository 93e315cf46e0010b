// The moderator's queue: held and flagged contributions, urgent reports first, each with the context
// needed to decide; single-key shortcuts; approving several at once; the decision dialog; and a live
// room, so the queue follows what colleagues and participants do.
import { useCallback, useEffect, useState } from "react";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { asApiError } from "../../api/client.ts";
import { decideOnPosition, decideOnPost, getQueue, type QueueItem, type QueuePage } from "../../api/moderation.ts";
import { getPostContext } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import { htmlToMarkdown } from "../../lib/richText.ts";
import { plural } from "../../lib/format.ts";
import { useCursorList } from "../../lib/useCursorList.ts";
import { useRefreshSignal } from "../../lib/useRefreshSignal.ts";
import { useRoom } from "../../realtime/useRoom.ts";
import { DecisionDialog, type DecisionOutcome, type DecisionTarget } from "./DecisionDialog.tsx";
import { QuarantineDialog } from "./QuarantineDialog.tsx";
import { allowedActions, itemTitle, QueueContextPanel, QueueItemCard } from "./QueueItemCard.tsx";
import { useShortcuts } from "./useShortcuts.ts";

const PAGE_SIZE = 50;

function decide(item: QueueItem, action: "approve" | "restore") {
  return item.kind === "post" ? decideOnPost(item.id, { action }) : decideOnPosition(item.id, { action });
}

function Shortcuts() {
  return (
    <section className="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title" className="shortcuts__title">
        Keyboard shortcuts
      </h2>
      <dl className="shortcuts__list">
        <div>
          <dt>
            <kbd>j</kbd> / <kbd>k</kbd>
          </dt>
          <dd>next / previous item</dd>
        </div>
        <div>
          <dt>
            <kbd>a</kbd>
          </dt>
          <dd>approve (or restore a hidden item)</dd>
        </div>
        <div>
          <dt>
            <kbd>r</kbd>
          </dt>
          <dd>reject…</dd>
        </div>
        <div>
          <dt>
            <kbd>h</kbd>
          </dt>
          <dd>hide…</dd>
        </div>
        <div>
          <dt>
            <kbd>x</kbd>
          </dt>
          <dd>select for approving together</dd>
        </div>
      </dl>
      <p className="shortcuts__note">They do nothing while you type in a field or while a dialog is open. Rejecting and hiding always ask for the reasons.</p>
    </section>
  );
}

export function ModerationQueue({ consultation: c }: { consultation: ConsultationDetail }) {
  const list = useCursorList<QueueItem, QueuePage>(c.id, (cursor, signal) => getQueue(c.id, { cursor, limit: PAGE_SIZE }, signal));
  const { state, reload, updateItems } = list;
  const items = state.phase === "ready" ? state.items : [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [bulkFailures, setBulkFailures] = useState<{ title: string; message: string }[]>([]);
  const [status, setStatus] = useState("");
  const [decision, setDecision] = useState<DecisionTarget | null>(null);
  const [quarantined, setQuarantined] = useState<{ kind: "post" | "position"; id: string } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);

  // Live: a new held or flagged item, or a colleague's decision. One reload for a burst of events.
  const [signal, bump] = useRefreshSignal(500);
  useRoom({
    join: "queue:join",
    id: c.id,
    consultationId: c.id,
    onEvent: (name) => {
      if (name !== "queue:added" && name !== "queue:decided") return false;
      bump();
      return true;
    },
    onJoined: (_result, rejoin) => {
      if (rejoin) bump();
    },
    onResync: bump,
  });
  useEffect(() => {
    if (signal) void reload(true);
  }, [signal, reload]);

  // The selection follows the list: the first item at first; the neighbour when the selected one goes.
  const index = items.findIndex((i) => i.id === selectedId);
  const [lastIndex, setLastIndex] = useState(0);
  useEffect(() => {
    if (index >= 0) {
      setLastIndex(index);
      return;
    }
    if (items.length > 0) {
      const next = items[Math.min(lastIndex, items.length - 1)]!;
      setSelectedId(next.id);
      // The item just decided is gone: keyboard users carry on from its neighbour (unless they are elsewhere).
      const active = document.activeElement;
      if (selectedId !== null && (active === document.body || active === null || document.querySelector(".moderation")?.contains(active))) setFocusId(next.id);
    } else if (selectedId !== null) setSelectedId(null);
  }, [index, items, lastIndex, selectedId]);
  const selected = index >= 0 ? items[index]! : null;

  useEffect(() => {
    if (!focusId) return;
    const el = document.getElementById(`queue-item-${focusId}`);
    if (el) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "nearest" });
    }
    setFocusId(null);
  }, [focusId]);

  // Checked items that left the queue are no longer selected.
  useEffect(() => {
    setChecked((prev) => {
      const next = new Set([...prev].filter((id) => items.some((i) => i.id === id && i.status === "pending")));
      return next.size === prev.size ? prev : next;
    });
  }, [items]);

  const removeItem = useCallback(
    (id: string) => {
      updateItems((list) => list.filter((i) => i.id !== id));
    },
    [updateItems],
  );

  const move = (delta: number) => {
    if (items.length === 0) return;
    const next = items[Math.max(0, Math.min(items.length - 1, (index < 0 ? 0 : index) + delta))]!;
    setSelectedId(next.id);
    setFocusId(next.id);
  };

  const approve = async (item: QueueItem | null) => {
    if (!item) return;
    const allowed = allowedActions(item);
    if (!allowed.approve && !allowed.restore) {
      setStatus(item.status === "published" ? "This is already published: hide it, or leave it as it is." : "This cannot be approved.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await decide(item, allowed.approve ? "approve" : "restore");
      removeItem(item.id);
      setStatus(`${allowed.approve ? "Approved" : "Restored"}: ${itemTitle(item)}.`);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const openDecision = async (item: QueueItem | null, action: "reject" | "hide" | "edit") => {
    if (!item) return;
    const allowed = allowedActions(item);
    if (!allowed[action]) {
      setStatus(
        action === "reject"
          ? "Rejecting is for contributions awaiting review; hide published ones instead."
          : action === "hide"
            ? "Hiding is for published contributions; reject those awaiting review instead."
            : "Only published contributions can be edited.",
      );
      return;
    }
    setError(null);
    if (item.kind === "position") {
      if (action !== "edit") setDecision({ kind: "position", id: item.id, action, excerpt: item.excerpt });
      return;
    }
    if (action !== "edit") {
      setDecision({ kind: "post", id: item.id, action, excerpt: item.excerpt });
      return;
    }
    // Editing starts from the whole text, not the queue's excerpt.
    try {
      const { post } = await getPostContext(item.id);
      setDecision({ kind: "post", id: item.id, action, excerpt: item.excerpt, bodySource: post.bodySource ?? htmlToMarkdown(post.bodyHtml ?? "") });
    } catch (err) {
      setError(asApiError(err).message);
    }
  };

  const onDecided = (outcome: DecisionOutcome) => {
    setDecision(null);
    const item = items.find((i) => i.id === outcome.target.id);
    const title = item ? itemTitle(item) : "the item";
    if (outcome.kind === "content" && outcome.result.awaitingConfirmation) {
      setNotes((n) => ({ ...n, [outcome.target.id]: "Removal proposed: it awaits a second moderator's confirmation." }));
      setStatus(`Removal of ${title} proposed: it awaits a second moderator.`);
      return;
    }
    removeItem(outcome.target.id);
    setStatus(outcome.kind === "confirmed" ? `Removal confirmed: ${title}.` : `Decision recorded: ${title}.`);
  };

  const toggle = (item: QueueItem | null, on?: boolean) => {
    if (!item || item.status !== "pending") return;
    setChecked((prev) => {
      const next = new Set(prev);
      if (on ?? !next.has(item.id)) next.add(item.id);
      else next.delete(item.id);
      return next;
    });
  };

  const approveChecked = async () => {
    const chosen = items.filter((i) => checked.has(i.id));
    if (chosen.length === 0) return;
    setBusy(true);
    setError(null);
    setBulkFailures([]);
    const failures: { title: string; message: string }[] = [];
    let approved = 0;
    // One at a time: each is its own decision, and one refusal does not stop the others.
    for (const item of chosen) {
      try {
        await decide(item, "approve");
        removeItem(item.id);
        approved += 1;
      } catch (err) {
        failures.push({ title: `${itemTitle(item)}${item.excerpt ? ` (“${item.excerpt.slice(0, 60)}${item.excerpt.length > 60 ? "…" : ""}”)` : ""}`, message: asApiError(err).message });
      }
    }
    setChecked(new Set());
    setBulkFailures(failures);
    setStatus(`${plural(approved, "item", "items")} approved${failures.length ? `; ${failures.length} could not be` : ""}.`);
    setBusy(false);
  };

  useShortcuts({
    j: () => move(1),
    k: () => move(-1),
    a: () => void approve(selected),
    r: () => void openDecision(selected, "reject"),
    h: () => void openDecision(selected, "hide"),
    x: () => toggle(selected),
  });

  let listStatus = "";
  if (state.phase === "loading") listStatus = "Loading the queue…";
  else if (state.phase === "ready") listStatus = state.total === 0 ? "" : `${plural(state.total, "item", "items")} in the queue.`;

  return (
    <div className="moderation">
      <Shortcuts />
      <p role="status" className="list-status" data-testid="queue-status">
        {status && <span className="list-status__action">{status} </span>}
        {listStatus}
      </p>
      {error && <Alert title="The decision was not recorded.">{error}</Alert>}
      {bulkFailures.length > 0 && (
        <Alert title={`${plural(bulkFailures.length, "item was", "items were")} not approved.`}>
          <ul>
            {bulkFailures.map((f, i) => (
              <li key={i}>
                {f.title}: {f.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {state.phase === "error" && (
        <Alert title="The queue could not be loaded.">
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload(false)}>
            Try again
          </button>
        </Alert>
      )}
      {state.phase === "ready" && items.length === 0 && (
        <div className="empty">
          <p>The queue is empty: nothing awaits review and nothing is flagged.</p>
        </div>
      )}
      {items.length > 0 && (
        <div className="moderation__layout">
          <div className="moderation__list">
            <div className="moderation__bulk">
              <button type="button" className="button button--secondary" disabled={busy || checked.size === 0} onClick={() => void approveChecked()}>
                Approve selected ({checked.size})
              </button>
            </div>
            <ol className="queue" aria-label="Moderation queue" data-testid="queue">
              {items.map((item) => (
                <li key={item.id}>
                  <QueueItemCard
                    item={item}
                    selected={item.id === selectedId}
                    checked={checked.has(item.id)}
                    note={notes[item.id]}
                    onSelect={() => setSelectedId(item.id)}
                    onToggle={(on) => toggle(item, on)}
                    onOpenQuarantined={() => setQuarantined({ kind: item.kind, id: item.id })}
                  />
                </li>
              ))}
            </ol>
            {list.moreError && <Alert title="More items could not be loaded.">{list.moreError.message}</Alert>}
            {state.phase === "ready" && state.nextCursor && (
              <div className="load-more">
                <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
                  {list.loadingMore ? "Loading…" : "Load more items"}
                </button>
              </div>
            )}
          </div>
          {selected && (
            <div className="moderation__panel">
              <QueueContextPanel
                item={selected}
                busy={busy}
                onApprove={() => void approve(selected)}
                onDecide={(action) => void openDecision(selected, action)}
                onOpenQuarantined={() => setQuarantined({ kind: selected.kind, id: selected.id })}
              />
            </div>
          )}
        </div>
      )}
      <DecisionDialog target={decision} onClose={() => setDecision(null)} onDone={onDecided} />
      <QuarantineDialog target={quarantined} onClose={() => setQuarantined(null)} />
    </div>
  );
}
