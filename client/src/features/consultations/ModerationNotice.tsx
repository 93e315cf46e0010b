// Participants must know which moderation mode applies before they write: said in words, not a code.
import type { ConsultationDetail } from "../../api/consultations.ts";
import { Trans, useTranslation } from "react-i18next";

export function ModerationNotice({ consultation: c }: { consultation: ConsultationDetail }) {
  const { t } = useTranslation("consultations");
  return (
    <section className="notice" aria-labelledby="how-it-works">
      <h2 id="how-it-works" className="notice__title">
        {t("notice.title")}
      </h2>
      <ul className="notice__list">
        <li data-testid="moderation-mode">
          <strong>{t("notice.moderation")}</strong> {t(`vocabulary:moderationMode.${c.moderationMode}`)}
          {c.moderationMode === "newcomers" && t("notice.newcomers", { count: c.newcomerThreshold })}.
        </li>
        <li>
          <strong>{t("notice.access")}</strong> {t(`vocabulary:accessDescription.${c.accessMode}`)}
        </li>
        {c.viewer.contributionsHeld && (
          <li>
            <Trans t={t} i18nKey="notice.forYou" components={{ strong: <strong /> }} />
          </li>
        )}
      </ul>
    </section>
  );
}
