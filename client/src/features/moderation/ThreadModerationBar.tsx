// Staff controls for a thread: lock or unlock, pin or unpin, slow mode. Locking and slowing down
// restrict people, so they go through the decision dialog (reason and statement); the rest is immediate.
import { useState } from "react";
import { asApiError } from "../../api/client.ts";
import { decideOnThread, type ThreadState } from "../../api/moderation.ts";
import type { ThreadDetail } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import type { DecisionTarget } from "./DecisionDialog.tsx";

export function describeSlowMode(seconds: number | undefined): string | null {
  if (!seconds) return null;
  if (seconds < 60) return `one post every ${seconds} seconds per person`;
  if (seconds < 3600) {
    const minutes = Math.round(seconds / 60);
    return minutes === 1 ? "one post a minute per person" : `one post every ${minutes} minutes per person`;
  }
  const hours = Math.round(seconds / 3600);
  return hours === 1 ? "one post an hour per person" : `one post every ${hours} hours per person`;
}

interface ThreadModerationBarProps {
  thread: ThreadDetail;
  onChanged(next: ThreadState): void;
  onOpenDialog(target: DecisionTarget): void;
}

export function ThreadModerationBar({ thread: t, onChanged, onOpenDialog }: ThreadModerationBarProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const act = async (action: "unlock" | "pin" | "unpin", done: string) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await decideOnThread(t.id, { action }));
      setStatus(done);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const slow = describeSlowMode(t.slowModeSeconds);
  return (
    <section className="moderation-bar" aria-labelledby="thread-moderation-title">
      <h2 id="thread-moderation-title" className="moderation-bar__title">
        Moderator tools
      </h2>
      {error && <Alert>{error}</Alert>}
      <div className="button-row">
        {t.status === "locked" ? (
          <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void act("unlock", "The thread is open again.")}>
            Unlock the thread
          </button>
        ) : (
          t.status === "open" && (
            <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => onOpenDialog({ kind: "thread", id: t.id, action: "lock", title: t.title })}>
              Lock the thread…
            </button>
          )
        )}
        {t.pinned ? (
          <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void act("unpin", "The thread is no longer pinned.")}>
            Unpin
          </button>
        ) : (
          <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void act("pin", "The thread is pinned.")}>
            Pin to the top
          </button>
        )}
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={busy}
          onClick={() => onOpenDialog({ kind: "thread", id: t.id, action: "slow_mode", title: t.title, slowModeSeconds: t.slowModeSeconds })}
        >
          Slow mode…
        </button>
      </div>
      <p className="moderation-bar__state">{slow ? `Slow mode is on: ${slow}.` : t.slowModeSeconds === 0 ? "Slow mode is off." : ""}</p>
      <p role="status" className="moderation-bar__status">
        {status}
      </p>
    </section>
  );
}
