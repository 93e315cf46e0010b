// Opening content reported as illegal. It is never shown in the queue; a moderator opens it on purpose,
// after saying so, and the server writes every opening to the audit log. The text is shown as plain
// text (no links to follow, nothing loaded).
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { asApiError } from "../../api/client.ts";
import { openQuarantined, type FlagKind, type QuarantinedContent } from "../../api/moderation.ts";
import { Alert } from "../../components/Alert.tsx";
import { Modal } from "../../components/Modal.tsx";
import { formatDateTime } from "../../lib/format.ts";

const WARNING = { post: "quarantine.warningPost", position: "quarantine.warningPosition", amendment: "quarantine.warningAmendment" } as const;

function Content({ item, kind }: { item: QuarantinedContent; kind: FlagKind }) {
  if (kind === "post") return <div className="quarantine__content pre-line" data-testid="quarantined-content">{item.bodySource ?? ""}</div>;
  if (kind === "amendment") {
    return (
      <div className="quarantine__content" data-testid="quarantined-content">
        {item.quote && <p className="pre-line"><del>{item.quote}</del></p>}
        {item.proposedText && <p className="pre-line"><ins>{item.proposedText}</ins></p>}
        {item.justificationSource && <p className="pre-line">{item.justificationSource}</p>}
      </div>
    );
  }
  return (
    <div className="quarantine__content" data-testid="quarantined-content">
      {item.summary && <p className="pre-line"><strong>{item.summary}</strong></p>}
      {item.argumentSource && <p className="pre-line">{item.argumentSource}</p>}
    </div>
  );
}

function Opener({ kind, id, onClose }: { kind: FlagKind; id: string; onClose(): void }) {
  const { t } = useTranslation("moderation");
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
          {t("quarantine.recorded")}
        </p>
        <p className="muted">{t("quarantine.written", { date: formatDateTime(item.createdAt) })}</p>
        <Content item={item} kind={kind} />
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>
            {t("common:modal.close")}
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <p>
        <Trans t={t} i18nKey={WARNING[kind]} components={{ strong: <strong /> }} />
      </p>
      {error && <Alert>{error}</Alert>}
      <div className="form__actions form__actions--row">
        <button type="button" className="button button--danger" onClick={() => void open()} disabled={phase === "opening"} data-autofocus>
          {phase === "opening" ? t("quarantine.opening") : t("quarantine.open")}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("common:cancel")}
        </button>
      </div>
    </>
  );
}

export function QuarantineDialog({ target, onClose }: { target: { kind: FlagKind; id: string } | null; onClose(): void }) {
  const { t } = useTranslation("moderation");
  return (
    <Modal open={target !== null} title={t("quarantine.title")} onClose={onClose} wide>
      {target && <Opener key={target.id} kind={target.kind} id={target.id} onClose={onClose} />}
    </Modal>
  );
}
