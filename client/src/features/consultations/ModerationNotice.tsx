// Participants must know which moderation mode applies before they write: said in words, not a code.
import type { ConsultationDetail } from "../../api/consultations.ts";
import { ACCESS_MODE_DESCRIPTIONS, MODERATION_MODE_LABELS } from "./labels.ts";

export function ModerationNotice({ consultation: c }: { consultation: ConsultationDetail }) {
  return (
    <section className="notice" aria-labelledby="how-it-works">
      <h2 id="how-it-works" className="notice__title">
        How contributions are handled
      </h2>
      <ul className="notice__list">
        <li data-testid="moderation-mode">
          <strong>Moderation:</strong> {MODERATION_MODE_LABELS[c.moderationMode]}
          {c.moderationMode === "newcomers" && <> (the first {c.newcomerThreshold} of each participant)</>}.
        </li>
        <li>
          <strong>Access:</strong> {ACCESS_MODE_DESCRIPTIONS[c.accessMode]}
        </li>
        {c.viewer.contributionsHeld && (
          <li>
            <strong>For you:</strong> your next contribution will be reviewed by a moderator before others can see it.
          </li>
        )}
      </ul>
    </section>
  );
}
