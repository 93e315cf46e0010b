// Endorsements of a post or a position: the count, who endorsed by stakeholder category, and the
// Endorse / Withdraw endorsement toggle when the server says the viewer may (or already did).
import { useId, useState } from "react";
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import type { EndorsementState, EndorsementTally } from "../../api/threads.ts";
import { asApiError } from "../../api/client.ts";
import { plural } from "../../lib/format.ts";

interface EndorseControlProps {
  tally: EndorsementTally;
  viewerEndorsed: boolean;
  canEndorse: boolean;
  /** Sends the change; resolves to the new state. */
  toggle(endorse: boolean): Promise<EndorsementState>;
  onChange(next: EndorsementState): void;
}

export function EndorseControl({ tally, viewerEndorsed, canEndorse, toggle, onChange }: EndorseControlProps) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const breakdownId = useId();
  const breakdown = STAKEHOLDER_CATEGORIES.filter((c) => (tally.byCategory[c] ?? 0) > 0);

  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await toggle(!viewerEndorsed);
      onChange(next);
      setMessage(`${next.viewerEndorsed ? "Endorsed" : "Endorsement withdrawn"}. ${plural(next.endorsements.total, "endorsement", "endorsements")}.`);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="endorse">
      <p className="endorse__count" data-testid="endorsement-count">
        {plural(tally.total, "endorsement", "endorsements")}
      </p>
      {breakdown.length > 0 && (
        <ul className="endorse__breakdown" id={breakdownId} aria-label="Endorsements by stakeholder category">
          {breakdown.map((c) => (
            <li key={c}>
              {CATEGORY_LABELS[c]}: {tally.byCategory[c]}
            </li>
          ))}
        </ul>
      )}
      {(canEndorse || viewerEndorsed) && (
        <button type="button" className={viewerEndorsed ? "button button--small button--quiet" : "button button--small button--secondary"} disabled={busy} onClick={() => void onClick()}>
          {viewerEndorsed ? "Withdraw endorsement" : "Endorse"}
        </button>
      )}
      <span role="status" className="visually-hidden">
        {message}
      </span>
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
    </div>
  );
}
