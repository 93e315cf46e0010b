// Every page: its document title and its one h1. The h1 can take focus, so that after client-side
// navigation the Layout moves focus there and a screen reader announces the new page.
import { useEffect, type ReactNode } from "react";

export const APP_NAME = "Roundtable";

export function Page({ title, lead, children, narrow }: { title: string; lead?: ReactNode; children?: ReactNode; narrow?: boolean }) {
  useEffect(() => {
    document.title = `${title} – ${APP_NAME}`;
  }, [title]);
  return (
    <div className={narrow ? "page page--narrow" : "page"}>
      <h1 className="page__title" tabIndex={-1}>
        {title}
      </h1>
      {lead && <p className="page__lead">{lead}</p>}
      {children}
    </div>
  );
}
