import { useTranslation } from "react-i18next";
import type { TAffectedContribution } from "../../../../shared/schemas/threads-moderated.ts";

/** The text a moderation decision was about, shown to its author in "My decisions". */
export function AffectedContribution({ contribution }: { contribution: TAffectedContribution }) {
  const { t } = useTranslation("threads-moderated");
  return (
    <section className="decision__contribution" aria-label={t("affected.heading")} data-testid="decision-contribution">
      <h3 className="decision__contribution-title">{t("affected.heading")}</h3>
      {contribution.bodyHtml !== null ? (
        // Sanitised on the server when it was written, as every post body.
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: contribution.bodyHtml }} />
      ) : (
        <p className="muted">{t("affected.quarantined")}</p>
      )}
    </section>
  );
}
