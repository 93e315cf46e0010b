// The queue's "No action needed" button, its line in the shortcuts panel (key n) and its messages.
import { useTranslation } from "react-i18next";

export function DismissFlagsButton({ busy, onClick }: { busy: boolean; onClick(): void }) {
  const { t } = useTranslation("moderation-console");
  return (
    <button type="button" className="button button--secondary" disabled={busy} onClick={onClick}>
      {t("dismiss.button")} <kbd>n</kbd>
    </button>
  );
}

export function DismissShortcut() {
  const { t } = useTranslation("moderation-console");
  return (
    <div>
      <dt>
        <kbd>n</kbd>
      </dt>
      <dd>{t("dismiss.shortcut")}</dd>
    </div>
  );
}

export function useDismissWords() {
  const { t } = useTranslation("moderation-console");
  return { noFlags: t("dismiss.noFlags"), done: (title: string) => t("dismiss.done", { title }) };
}
