// Before a summary version is published: it is permanent (versions are never changed), readable by
// everyone who can read the consultation, and publishing from "closed" marks the summary published.
import { useTranslation } from "react-i18next";
import { Modal } from "../../components/Modal.tsx";

export function ConfirmPublishDialog({ open, busy, onConfirm, onClose }: { open: boolean; busy: boolean; onConfirm(): void; onClose(): void }) {
  const { t } = useTranslation("console");
  return (
    <Modal open={open} title={t("publish.title")} onClose={onClose}>
      <p data-testid="publish-consequence">{t("publish.consequence")}</p>
      <div className="button-row">
        <button type="button" className="button button--primary" data-autofocus disabled={busy} onClick={onConfirm}>
          {t("publish.confirm")}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("lifecycle.cancel")}
        </button>
      </div>
    </Modal>
  );
}
