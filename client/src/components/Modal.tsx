// A modal dialog on the native <dialog>: showModal() makes the rest of the page inert (focus stays in
// the dialog), Escape closes it, and focus returns to what opened it. The dialog's content is mounted
// only while it is open, so every opening starts with a fresh form.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface ModalProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Wider dialogs for reading content. */
  wide?: boolean;
}

export function Modal({ open, title, onClose, children, wide }: ModalProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      // Focus the first field (or the element marked data-autofocus), not the close button.
      const first = dialog.querySelector<HTMLElement>("[data-autofocus], input:not([type=hidden]), select, textarea");
      first?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? "modal modal--wide" : "modal"}
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: React state decides whether the dialog is open.
        e.preventDefault();
        onClose();
      }}
      onClose={() => {
        const back = opener.current;
        opener.current = null;
        if (back?.isConnected) back.focus();
      }}
    >
      {open && (
        <>
          <div className="modal__head">
            <h2 id={titleId} className="modal__title">
              {title}
            </h2>
            <button type="button" className="button button--small button--quiet modal__close" onClick={onClose}>
              {t("modal.close")}<span className="visually-hidden">{t("modal.closeHidden")}</span>
            </button>
          </div>
          <div className="modal__body">{children}</div>
        </>
      )}
    </dialog>
  );
}
