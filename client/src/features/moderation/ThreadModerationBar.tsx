// Staff controls for a thread: lock or unlock, pin or unpin, slow mode. Locking and slowing down
// restrict people, so they go through the decision dialog (reason and statement); the rest is immediate.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n/index.ts";
import { asApiError } from "../../api/client.ts";
import { decideOnThread, type ThreadState } from "../../api/moderation.ts";
import type { ThreadDetail } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import type { DecisionTarget } from "./DecisionDialog.tsx";

export function describeSlowMode(seconds: number | undefined): string | null {
  if (!seconds) return null;
  if (seconds < 60) return i18n.t("moderation:slowMode.seconds", { count: seconds });
  if (seconds < 3600) return i18n.t("moderation:slowMode.minutes", { count: Math.round(seconds / 60) });
  return i18n.t("moderation:slowMode.hours", { count: Math.round(seconds / 3600) });
}

interface ThreadModerationBarProps {
  thread: ThreadDetail;
  onChanged(next: ThreadState): void;
  onOpenDialog(target: DecisionTarget): void;
}

export function ThreadModerationBar({ thread: t, onChanged, onOpenDialog }: ThreadModerationBarProps) {
  const { t: tr } = useTranslation("moderation");
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
        {tr("bar.title")}
      </h2>
      {error && <Alert>{error}</Alert>}
      <div className="button-row">
        {t.status === "locked" ? (
          <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void act("unlock", tr("bar.unlocked"))}>
            {tr("bar.unlock")}
          </button>
        ) : (
          t.status === "open" && (
            <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => onOpenDialog({ kind: "thread", id: t.id, action: "lock", title: t.title })}>
              {tr("bar.lock")}
            </button>
          )
        )}
        {t.pinned ? (
          <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void act("unpin", tr("bar.unpinned"))}>
            {tr("bar.unpin")}
          </button>
        ) : (
          <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void act("pin", tr("bar.pinned"))}>
            {tr("bar.pin")}
          </button>
        )}
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={busy}
          onClick={() => onOpenDialog({ kind: "thread", id: t.id, action: "slow_mode", title: t.title, slowModeSeconds: t.slowModeSeconds })}
        >
          {tr("bar.slowMode")}
        </button>
      </div>
      <p className="moderation-bar__state">{slow ? tr("bar.slowOn", { pace: slow }) : t.slowModeSeconds === 0 ? tr("bar.slowOff") : ""}</p>
      <p role="status" className="moderation-bar__status">
        {status}
      </p>
    </section>
  );
}
