import type { ReactNode } from "react";

/** A short label. `kind` is read out before it ("Status: Open"), since colour alone carries no meaning. */
export function Badge({ kind, tone, title, children }: { kind: string; tone: string; title?: string; children: ReactNode }) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      <span className="visually-hidden">{kind}: </span>
      {children}
    </span>
  );
}
