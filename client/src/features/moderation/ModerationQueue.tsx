// The moderator's queue: held and flagged contributions, urgent reports first, each with the context
// needed to decide; single-key shortcuts; approving several at once; the decision dialog; and a live
// room, so the queue follows what colleagues and participants do.
import { useCallback, useEffect, useState } from "react";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { asApiError } from "../../api/client.ts";
import { decideOnPosition, decideOnPost, getQueue, type QueueItem, type QueuePage } from "../../api/moderation.ts";
import { getPostContext } from "../../api/threads.ts";
import { decideOnAmendment } from "../texts/api.ts";
import { Alert } from "../../components/Alert.tsx";
import { htmlToMarkdown } from "../../lib/richText.ts";
import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { cursorPaging, mapPagedItems, useCursorListState } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { useRefreshSignal } from "../../lib/useRefreshSignal.ts";
import { useRoom } from "../../realtime/useRoom.ts";
import { DecisionDialog, type DecisionOutcome, type DecisionTarget } from "./DecisionDialog.tsx";
import { QuarantineDialog } from "./QuarantineDialog.tsx";
import { allowedActions, itemTitle, QueueContextPanel, QueueItemCard } from "./QueueItemCard.tsx";
import { useShortcuts } from "./useShortcuts.ts";
import { DismissFlagsDialog, type DismissTarget } from "./DismissFlagsDialog.tsx";
import { DecisionHistory } from "./DecisionHistory.tsx";
import { DismissShortcut, useDismissWords } from "./DismissFlagsButton.tsx";
import { useTranslation } from "react-i18next";

const PAGE_SIZE = 50;
/** One empty list for every render, so hooks that depend on the items do not rerun for nothing. */
const NO_ITEMS: QueueItem[] = [];

function decide(item: QueueItem, action: "approve" | "restore") {
  if (item.kind === "amendment") return decideOnAmendment(item.id, { action });
  return item.kind === "post" ? decideOnPost(item.id, { action }) : decideOnPosition(item.id, { action });
}

function Shortcuts() {
  const { t } = useTranslation("moderation");
  return (
    <section className="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title" className="shortcuts__title">
        {t("shortcuts.title")}
      </h2>
      <dl className="shortcuts__list">
        <div>
          <dt>
            <kbd>j</kbd> / <kbd>k</kbd>
          </dt>
          <dd>{t("shortcuts.move")}</dd>
        </div>
        <div>
          <dt>
            <kbd>a</kbd>
          </dt>
          <dd>{t("shortcuts.approve")}</dd>
        </div>
        <div>
          <dt>
            <kbd>r</kbd>
          </dt>
          <dd>{t("shortcuts.reject")}</dd>
        </div>
        <div>
          <dt>
            <kbd>h</kbd>
          </dt>
          <dd>{t("shortcuts.hide")}</dd>
        </div>
        <DismissShortcut />
        <div>
          <dt>
            <kbd>x</kbd>
          </dt>
          <dd>{t("shortcuts.select")}</dd>
        </div>
      </dl>
      <p className="shortcuts__note">{t("shortcuts.note")}</p>
    </section>
  );
}

export function ModerationQueue({ consultation: c }: { consultation: ConsultationDetail }) {
  const { t } = useTranslation("moderation");
  const queryClient = useQueryClient();
  const viewerKey = useViewerKey();
  const queueKey = keys.queue(c.id, viewerKey);
  const query = useInfiniteQuery({
    queryKey: queueKey,
    queryFn: ({ pageParam, signal }) => getQueue(c.id, { cursor: pageParam, limit: PAGE_SIZE }, signal),
    ...cursorPaging<QueuePage>(),
    enabled: viewerKey !== null,
  });
  const list = useCursorListState(query);
  const { state } = list;
  const items = state.phase === "ready" ? state.items : NO_ITEMS;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [bulkFailures, setBulkFailures] = useState<{ title: string; message: string }[]>([]);
  const [status, setStatus] = useState("");
  const [decision, setDecision] = useState<DecisionTarget | null>(null);
  const [quarantined, setQuarantined] = useState<{ kind: QueueItem["kind"]; id: string } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState<DismissTarget | null>(null);
  const dismissWords = useDismissWords();

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
    // Quietly: the items shown stay until the refetched pages replace them.
    if (signal) void queryClient.invalidateQueries({ queryKey: keys.queue(c.id, viewerKey) });
  }, [signal, queryClient, c.id, viewerKey]);

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
      queryClient.setQueryData<InfiniteData<QueuePage>>(keys.queue(c.id, viewerKey), (d) => mapPagedItems(d, (list: QueueItem[]) => list.filter((i) => i.id !== id)));
    },
    [queryClient, c.id, viewerKey],
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
      setStatus(item.status === "published" ? t("queue.alreadyPublished") : t("queue.cannotApprove"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await decide(item, allowed.approve ? "approve" : "restore");
      removeItem(item.id);
      setStatus(t(allowed.approve ? "queue.approved" : "queue.restored", { title: itemTitle(item) }));
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
          ? t("queue.rejectOnlyPending")
          : action === "hide"
            ? t("queue.hideOnlyPublished")
            : t("queue.editOnlyPublished"),
      );
      return;
    }
    setError(null);
    if (item.kind === "position" || item.kind === "amendment") {
      if (action !== "edit") setDecision({ kind: item.kind, id: item.id, action, excerpt: item.excerpt });
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
    const title = item ? itemTitle(item) : t("queue.theItem");
    if (outcome.kind === "content" && outcome.result.awaitingConfirmation) {
      setNotes((n) => ({ ...n, [outcome.target.id]: t("queue.removalProposedNote") }));
      setStatus(t("queue.removalProposed", { title }));
      return;
    }
    removeItem(outcome.target.id);
    setStatus(outcome.kind === "confirmed" ? t("queue.removalConfirmed", { title }) : t("queue.decisionRecorded", { title }));
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
    setStatus(failures.length ? t("queue.bulkApprovedSome", { count: approved, failed: failures.length }) : t("queue.bulkApproved", { count: approved }));
    setBusy(false);
  };

  const openDismiss = (item: QueueItem | null) => {
    if (!item) return;
    if (item.flags.count === 0) {
      setStatus(dismissWords.noFlags);
      return;
    }
    setError(null);
    setDismissing({ kind: item.kind, id: item.id, title: itemTitle(item), flags: item.flags.count });
  };

  useShortcuts({
    n: () => openDismiss(selected),
    j: () => move(1),
    k: () => move(-1),
    a: () => void approve(selected),
    r: () => void openDecision(selected, "reject"),
    h: () => void openDecision(selected, "hide"),
    x: () => toggle(selected),
  });

  let listStatus = "";
  if (state.phase === "loading") listStatus = t("queue.loading");
  else if (state.phase === "ready") listStatus = state.total === 0 ? "" : t("queue.total", { count: state.total });

  return (
    <div className="moderation">
      <Shortcuts />
      <p role="status" className="list-status" data-testid="queue-status">
        {status && <span className="list-status__action">{status} </span>}
        {listStatus}
      </p>
      {error && <Alert title={t("queue.decisionNotRecorded")}>{error}</Alert>}
      {bulkFailures.length > 0 && (
        <Alert title={t("queue.notApproved", { count: bulkFailures.length })}>
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
        <Alert title={t("queue.notLoaded")}>
          <p>{state.error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
            {t("common:tryAgain")}
          </button>
        </Alert>
      )}
      {state.phase === "ready" && items.length === 0 && (
        <div className="empty">
          <p>{t("queue.empty")}</p>
        </div>
      )}
      {items.length > 0 && (
        <div className="moderation__layout">
          <div className="moderation__list">
            <div className="moderation__bulk">
              <button type="button" className="button button--secondary" disabled={busy || checked.size === 0} onClick={() => void approveChecked()}>
                {t("queue.approveSelected", { count: checked.size })}
              </button>
            </div>
            <ol className="queue" aria-label={t("queue.label")} data-testid="queue">
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
            {list.moreError && <Alert title={t("queue.moreNotLoaded")}>{list.moreError.message}</Alert>}
            {state.phase === "ready" && state.nextCursor && (
              <div className="load-more">
                <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
                  {list.loadingMore ? t("common:loading") : t("queue.loadMore")}
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
                onDismiss={() => openDismiss(selected)}
                extra={<DecisionHistory key={selected.id} kind={selected.kind} id={selected.id} />}
              />
            </div>
          )}
        </div>
      )}
      <DecisionDialog target={decision} onClose={() => setDecision(null)} onDone={onDecided} />
      <QuarantineDialog target={quarantined} onClose={() => setQuarantined(null)} />
      <DismissFlagsDialog
        target={dismissing}
        onClose={() => setDismissing(null)}
        onDone={(target) => {
          setDismissing(null);
          removeItem(target.id);
          setStatus(dismissWords.done(target.title));
        }}
      />
    </div>
  );
}
