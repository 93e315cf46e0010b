import type { ReactNode } from "react";

/** A message that is announced as soon as it appears (role="alert"). */
export function Alert({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <div role="alert" className="alert alert--error">
      {title && <p className="alert__title">{title}</p>}
      <div className="alert__body">{children}</div>
    </div>
  );
}
