// "No action needed": the flags on a contribution (post, position or amendment) were unfounded. The item stays as it is, its open
// flags are resolved, and the decision is audited and counted as "flag rejected" in the transparency
// report. The author is not told (nothing happened to their contribution); the note is for colleagues.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { asApiError } from "../../api/client.ts";
import { decideOnPosition, decideOnPost } from "../../api/moderation.ts";
import { decideOnAmendment } from "../texts/api.ts";
import { Alert } from "../../components/Alert.tsx";
import { Modal } from "../../components/Modal.tsx";

export interface DismissTarget {
  kind: "post" | "position" | "amendment";
  id: string;
  title: string;
  flags: number;
}

export function DismissFlagsDialog({ target, onClose, onDone }: { target: DismissTarget | null; onClose(): void; onDone(target: DismissTarget): void }) {
  const { t } = useTranslation("moderation-console");
  return (
    <Modal open={target !== null} title={t("dismiss.title")} onClose={onClose}>
      {target && <DismissForm target={target} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function DismissForm({ target, onClose, onDone }: { target: DismissTarget; onClose(): void; onDone(target: DismissTarget): void }) {
  const { t } = useTranslation("moderation-console");
  const id = useId();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        const body = { action: "dismiss_flags" as const, ...(note.trim() ? { statement: note.trim() } : {}) };
        (target.kind === "post" ? decideOnPost(target.id, body) : target.kind === "position" ? decideOnPosition(target.id, body) : decideOnAmendment(target.id, body)).then(
          () => onDone(target),
          (err: unknown) => {
            setError(asApiError(err).message);
            setBusy(false);
          },
        );
      }}
    >
      <p>{t("dismiss.explain", { count: target.flags, title: target.title })}</p>
      {error && <Alert>{error}</Alert>}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          {t("dismiss.note")} <span className="field__optional">{t("dismiss.optional")}</span>
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          {t("dismiss.noteHint")}
        </p>
        <textarea id={`${id}-note`} className="field__control field__control--textarea" rows={3} maxLength={LIMITS.plainTextMax} value={note} aria-describedby={`${id}-hint`} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("dismiss.confirm")}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
