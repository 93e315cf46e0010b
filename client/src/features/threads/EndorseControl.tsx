// Endorsements of a post or a position: the count, who endorsed by stakeholder category, and the
// Endorse / Withdraw endorsement toggle when the server says the viewer may (or already did).
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import type { EndorsementState, EndorsementTally } from "../../api/threads.ts";
import { asApiError } from "../../api/client.ts";
import { formatNumber } from "../../lib/format.ts";

interface EndorseControlProps {
  tally: EndorsementTally;
  viewerEndorsed: boolean;
  canEndorse: boolean;
  /** Sends the change; resolves to the new state. */
  toggle(endorse: boolean): Promise<EndorsementState>;
  onChange(next: EndorsementState): void;
}

export function EndorseControl({ tally, viewerEndorsed, canEndorse, toggle, onChange }: EndorseControlProps) {
  const { t } = useTranslation("threads");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const breakdownId = useId();
  const breakdown = STAKEHOLDER_CATEGORIES.filter((c) => (tally.byCategory[c] ?? 0) > 0);

  const onClick = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const next = await toggle(!viewerEndorsed);
      onChange(next);
      setMessage(t(next.viewerEndorsed ? "endorse.done" : "endorse.withdrawn", { count: next.endorsements.total }));
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="endorse">
      <p className="endorse__count" data-testid="endorsement-count">
        {t("endorse.count", { count: tally.total })}
      </p>
      {breakdown.length > 0 && (
        <ul className="endorse__breakdown" id={breakdownId} aria-label={t("endorse.byCategory")}>
          {breakdown.map((c) => (
            <li key={c}>
              {t(`vocabulary:category.${c}`)}: {formatNumber(tally.byCategory[c] ?? 0)}
            </li>
          ))}
        </ul>
      )}
      {(canEndorse || viewerEndorsed) && (
        <button type="button" className={viewerEndorsed ? "button button--small button--quiet" : "button button--small button--secondary"}
          // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page, and the
          // reader would have to find their place again after every endorsement.
          aria-disabled={busy || undefined}
          onClick={() => void onClick()}
        >
          {viewerEndorsed ? t("endorse.withdraw") : t("endorse.endorse")}
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
