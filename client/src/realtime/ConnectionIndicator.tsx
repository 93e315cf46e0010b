// The state of the live connection in the header, in words and an icon (colour alone says nothing),
// announced politely when it changes.
import { useRealtime } from "./RealtimeContext.tsx";

export function ConnectionIndicator() {
  const { status, everConnected, caughtUp } = useRealtime();
  let label: string;
  let tone: string;
  let title: string;
  if (status === "connected") {
    label = caughtUp ? "Caught up" : "Live";
    tone = "live";
    title = caughtUp ? "Reconnected; what happened meanwhile has been added" : "New contributions appear as they are posted";
  } else if (status === "reconnecting") {
    label = everConnected ? "Reconnecting…" : "Connecting…";
    tone = "waiting";
    title = "Updates are paused until the connection is back; nothing is lost";
  } else {
    label = "Offline";
    tone = "offline";
    title = "No connection: updates will resume when you are back online";
  }
  return (
    <span className={`connection connection--${tone}`} title={title} data-testid="connection" data-status={status}>
      <span className="connection__icon" aria-hidden="true" />
      <span role="status" aria-live="polite" className="connection__label">
        <span className="visually-hidden">Live updates: </span>
        {label}
      </span>
    </span>
  );
}
