// Opening content reported as illegal. It is never shown in the queue; a moderator opens it on purpose,
// after saying so, and the server writes every opening to the audit log. The text is shown as plain
// text (no links to follow, nothing loaded).
import { useState } from "react";
import { asApiError } from "../../api/client.ts";
import { openQuarantined, type QuarantinedContent } from "../../api/moderation.ts";
import { Alert } from "../../components/Alert.tsx";
import { Modal } from "../../components/Modal.tsx";
import { formatDateTime } from "../../lib/format.ts";

function Content({ item, kind }: { item: QuarantinedContent; kind: "post" | "position" }) {
  if (kind === "post") return <div className="quarantine__content pre-line" data-testid="quarantined-content">{item.bodySource ?? ""}</div>;
  return (
    <div className="quarantine__content" data-testid="quarantined-content">
      {item.summary && <p className="pre-line"><strong>{item.summary}</strong></p>}
      {item.argumentSource && <p className="pre-line">{item.argumentSource}</p>}
    </div>
  );
}

function Opener({ kind, id, onClose }: { kind: "post" | "position"; id: string; onClose(): void }) {
  const [phase, setPhase] = useState<"confirm" | "opening" | "open">("confirm");
  const [item, setItem] = useState<QuarantinedContent | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = async () => {
    setPhase("opening");
    setError(null);
    try {
      setItem(await openQuarantined(kind, id));
      setPhase("open");
    } catch (err) {
      setError(asApiError(err).message);
      setPhase("confirm");
    }
  };

  if (phase === "open" && item) {
    return (
      <>
        <p className="notice" role="status">
          Your opening was recorded in the audit log.
        </p>
        <p className="muted">Written {formatDateTime(item.createdAt)}. Shown as plain text.</p>
        <Content item={item} kind={kind} />
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <p>
        This {kind === "post" ? "contribution" : "position"} was reported as <strong>illegal content</strong> and is quarantined. Opening it is recorded in the
        audit log with your name and the time. Open it only if you need to see it to decide or to report it onwards.
      </p>
      {error && <Alert>{error}</Alert>}
      <div className="form__actions form__actions--row">
        <button type="button" className="button button--danger" onClick={() => void open()} disabled={phase === "opening"} data-autofocus>
          {phase === "opening" ? "Opening…" : "Open (logged)"}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </>
  );
}

export function QuarantineDialog({ target, onClose }: { target: { kind: "post" | "position"; id: string } | null; onClose(): void }) {
  return (
    <Modal open={target !== null} title="Open quarantined content" onClose={onClose} wide>
      {target && <Opener key={target.id} kind={target.kind} id={target.id} onClose={onClose} />}
    </Modal>
  );
}
