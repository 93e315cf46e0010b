// Who speaks in a contribution: the person, and the organisation they speak for. Under the Chatham House
// rule the server leaves both out, and only the stakeholder category they spoke in is shown.
import { CATEGORY_LABELS, type StakeholderCategory } from "../../../../shared/categories.ts";

interface SpeakerProps {
  author: { displayName: string } | null;
  onBehalfOf?: { name: string } | null;
  category: StakeholderCategory;
}

export function speakerName({ author, onBehalfOf, category }: SpeakerProps): string {
  if (!author) return CATEGORY_LABELS[category];
  return onBehalfOf ? `${author.displayName} (${onBehalfOf.name})` : author.displayName;
}

export function Speaker({ author, onBehalfOf, category }: SpeakerProps) {
  if (!author) {
    return (
      <span className="speaker" data-testid="speaker">
        <strong className="speaker__name">{CATEGORY_LABELS[category]}</strong>{" "}
        <span className="speaker__note">(name withheld under the Chatham House rule)</span>
      </span>
    );
  }
  return (
    <span className="speaker" data-testid="speaker">
      <strong className="speaker__name">{author.displayName}</strong>
      {onBehalfOf && (
        <>
          {" "}
          on behalf of <strong className="speaker__org">{onBehalfOf.name}</strong>
        </>
      )}{" "}
      <span className="speaker__note">· {CATEGORY_LABELS[category]}</span>
    </span>
  );
}
