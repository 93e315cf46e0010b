// Tracked changes as Word shows them, and more than colour: insertions underlined, deletions struck
// through, each announced to screen readers as such ("insertion start … insertion end").
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DiffPart } from "../../../../shared/schemas/texts.ts";
import type { ChangedSince } from "./api.ts";

export function Ins({ children }: { children: ReactNode }) {
  const { t } = useTranslation("texts");
  return (
    <ins className="tracked tracked--ins">
      <span className="visually-hidden">{t("tracked.insStart")} </span>
      {children}
      <span className="visually-hidden"> {t("tracked.insEnd")}</span>
    </ins>
  );
}

export function Del({ children }: { children: ReactNode }) {
  const { t } = useTranslation("texts");
  return (
    <del className="tracked tracked--del">
      <span className="visually-hidden">{t("tracked.delStart")} </span>
      {children}
      <span className="visually-hidden"> {t("tracked.delEnd")}</span>
    </del>
  );
}

/** A word diff (server/texts/diff.ts) as tracked changes. */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) => (p.op === "insert" ? <Ins key={i}>{p.text}</Ins> : p.op === "delete" ? <Del key={i}>{p.text}</Del> : <span key={i}>{p.text}</span>))}
    </>
  );
}

/** "This text changed since" on a comment or amendment made on an older version, with the diff. */
export function ChangedSinceNote({ changed }: { changed: ChangedSince | null }) {
  const { t } = useTranslation("texts");
  if (!changed) return null;
  return (
    <div className="changed-since">
      <p className="changed-since__title">{changed.removed ? t("changed.removed", { version: changed.sinceVersion }) : t("changed.since", { version: changed.sinceVersion, current: changed.currentVersion })}</p>
      {!changed.removed && (
        <p>
          <DiffText parts={changed.diff} />
        </p>
      )}
    </div>
  );
}
