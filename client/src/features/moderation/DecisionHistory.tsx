// An item's decision history for staff (GET /api/posts|positions|amendments/:id/moderation/history): every
// decision, by whom, why, and what became of an appeal. Loaded when opened.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReasonCode } from "../../../../shared/schemas/moderation.ts";
import { asApiError, request } from "../../api/client.ts";
import { formatWithZone } from "../organiser/dates.ts";

interface Person {
  id: string;
  displayName: string;
}
export interface HistoryEntry {
  id: string;
  action: string;
  reasonCode: ReasonCode | null;
  statement: string | null;
  automated: boolean;
  decidedBy: Person | null;
  confirmedBy: Person | null;
  confirmed: boolean;
  createdAt: string;
  appeal: { status: string; outcomeStatement: string | null; decidedBy: Person | null; decidedAt: string | null; createdAt: string } | null;
}

/** What has a decision history: the queue's kinds of item. */
export type HistoryKind = "post" | "position" | "amendment";
const COLLECTION: Record<HistoryKind, string> = { post: "posts", position: "positions", amendment: "amendments" };

export function getDecisionHistory(kind: HistoryKind, id: string, signal?: AbortSignal) {
  return request<{ items: HistoryEntry[] }>("GET", `/${COLLECTION[kind]}/${encodeURIComponent(id)}/moderation/history`, { signal });
}

const KNOWN_ACTIONS = ["approve", "reject", "hide", "restore", "edit", "move", "dismiss_flags", "remove_position"];

function HistoryList({ kind, id }: { kind: HistoryKind; id: string }) {
  const { t, i18n } = useTranslation("moderation-console");
  const [items, setItems] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getDecisionHistory(kind, id, controller.signal).then(
      (r) => setItems(r.items),
      (err: unknown) => {
        if (!controller.signal.aborted) setError(asApiError(err).message);
      },
    );
    return () => controller.abort();
  }, [kind, id]);
  const when = (iso: string) => formatWithZone(iso, i18n.language);
  if (error) return <p className="inline-error">{error}</p>;
  if (!items) return <p role="status">{t("loading")}</p>;
  if (items.length === 0) return <p className="muted">{t("history.none")}</p>;
  return (
    <ol className="plain-list" data-testid="decision-history">
      {items.map((d) => (
        <li key={d.id} className="console-card">
          <p>
            <strong>{KNOWN_ACTIONS.includes(d.action) ? t(`history.actions.${d.action}`) : d.action}</strong>
            {" · "}
            <time dateTime={d.createdAt}>{when(d.createdAt)}</time>
            {" · "}
            {d.automated ? t("history.automated") : (d.decidedBy?.displayName ?? t("history.unknown"))}
            {!d.confirmed && <> · {t("history.awaitingConfirmation")}</>}
            {d.confirmedBy && <> · {t("history.confirmedBy", { name: d.confirmedBy.displayName })}</>}
          </p>
          {(d.reasonCode || d.statement) && (
            <p>
              {d.reasonCode && <>{t(`reasons.${d.reasonCode}`)}. </>}
              {d.statement}
            </p>
          )}
          {d.appeal && (
            <p className="muted">
              {t(`history.appeal.${d.appeal.status === "open" ? "open" : d.appeal.status === "upheld" ? "upheld" : "overturned"}`)}
              {d.appeal.outcomeStatement && <> {d.appeal.outcomeStatement}</>}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

export function DecisionHistory({ kind, id }: { kind: HistoryKind; id: string }) {
  const { t } = useTranslation("moderation-console");
  const [open, setOpen] = useState(false);
  return (
    <details className="decision-history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t("history.title")}</summary>
      {open && <HistoryList kind={kind} id={id} />}
    </details>
  );
}
