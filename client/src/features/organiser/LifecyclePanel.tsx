// Lifecycle moves with a confirmation that says what will happen before it happens: opening notifies
// every member, closing stops contributions, marking the summary published cannot be undone.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConsultationStatus } from "../../../../shared/schemas/consultations.ts";
import { asApiError } from "../../api/client.ts";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { Alert } from "../../components/Alert.tsx";
import { Modal } from "../../components/Modal.tsx";
import { saveConsultation } from "./api.ts";

/** The moves the server permits from each status (server/consultations/lifecycle.ts). */
const MOVES: Record<ConsultationStatus, ConsultationStatus[]> = {
  draft: ["open"],
  open: ["closed"],
  closed: ["open", "summary_published"],
  summary_published: ["archived"],
  archived: [],
};

/** The key of a move's words: reopening is not the same act as opening a draft. */
const moveKey = (from: ConsultationStatus, to: ConsultationStatus) => (from === "closed" && to === "open" ? "reopen" : to);

export function LifecyclePanel({ consultation: c, onChanged }: { consultation: ConsultationDetail; onChanged(next: ConsultationDetail): void }) {
  const { t } = useTranslation("console");
  const [pending, setPending] = useState<ConsultationStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      const next = await saveConsultation(c.id, { status: pending });
      setPending(null);
      setStatus(t("lifecycle.done", { status: t(`status.${next.status}`) }));
      onChanged(next);
      requestAnimationFrame(() => document.getElementById("lifecycle-title")?.focus());
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const moves = MOVES[c.status];
  return (
    <section className="section organiser__lifecycle" aria-labelledby="lifecycle-title" data-testid="lifecycle">
      <h2 id="lifecycle-title" tabIndex={-1}>
        {t("lifecycle.title")}
      </h2>
      <p>
        {t("lifecycle.current")} <strong data-testid="lifecycle-status">{t(`status.${c.status}`)}</strong>
      </p>
      {moves.length === 0 ? (
        <p className="muted">{t("lifecycle.archived")}</p>
      ) : (
        <div className="button-row">
          {moves.map((to) => (
            <button key={to} type="button" className="button button--secondary" onClick={() => (setError(null), setPending(to))}>
              {t(`lifecycle.moves.${moveKey(c.status, to)}.button`)}
            </button>
          ))}
        </div>
      )}
      <p role="status" className="organiser__status">
        {status}
      </p>
      <Modal open={pending !== null} title={pending ? t(`lifecycle.moves.${moveKey(c.status, pending)}.title`) : ""} onClose={() => setPending(null)}>
        {pending && (
          <>
            <p data-testid="lifecycle-consequence">{t(`lifecycle.moves.${moveKey(c.status, pending)}.consequence`)}</p>
            {error && <Alert>{error}</Alert>}
            <div className="button-row">
              <button type="button" className="button button--primary" data-autofocus disabled={busy} onClick={() => void confirm()}>
                {t(`lifecycle.moves.${moveKey(c.status, pending)}.confirm`)}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setPending(null)}>
                {t("lifecycle.cancel")}
              </button>
            </div>
          </>
        )}
      </Modal>
    </section>
  );
}
