// Who speaks in a contribution: the person, and the organisation they speak for. Under the Chatham House
// rule the server leaves both out, and only the stakeholder category they spoke in is shown.
import type { StakeholderCategory } from "../../../../shared/categories.ts";
import { Trans, useTranslation } from "react-i18next";
import i18n from "../../i18n/index.ts";

interface SpeakerProps {
  author: { displayName: string } | null;
  onBehalfOf?: { name: string } | null;
  category: StakeholderCategory;
}

export function speakerName({ author, onBehalfOf, category }: SpeakerProps): string {
  if (!author) return i18n.t(`vocabulary:category.${category}`);
  return onBehalfOf ? `${author.displayName} (${onBehalfOf.name})` : author.displayName;
}

export function Speaker({ author, onBehalfOf, category }: SpeakerProps) {
  const { t } = useTranslation("threads");
  if (!author) {
    return (
      <span className="speaker" data-testid="speaker">
        <strong className="speaker__name">{t(`vocabulary:category.${category}`)}</strong>{" "}
        <span className="speaker__note">{t("speaker.withheld")}</span>
      </span>
    );
  }
  return (
    <span className="speaker" data-testid="speaker">
      <strong className="speaker__name">{author.displayName}</strong>
      {onBehalfOf && (
        <>
          {" "}
          <Trans t={t} i18nKey="speaker.onBehalfOf" values={{ name: onBehalfOf.name }} components={{ org: <strong className="speaker__org" /> }} />
        </>
      )}{" "}
      <span className="speaker__note">· {t(`vocabulary:category.${category}`)}</span>
    </span>
  );
}
