// On a thread's page: the unit of the draft text it is about, linking to the text opened at that unit,
// and whether the unit changed since the thread was started (with the word diff).
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { getThreadAnchor } from "./api.ts";
import { textPath } from "./paths.ts";
import { ChangedSinceNote } from "./Tracked.tsx";
import "./texts.css";

export function ThreadAnchorLink({ threadId, slug }: { threadId: string; slug: string }) {
  const { t } = useTranslation("texts");
  const viewerKey = useViewerKey();
  const state = resourceOf(useQuery({ queryKey: keys.threadAnchor(threadId, viewerKey), queryFn: ({ signal }) => getThreadAnchor(threadId, signal), enabled: viewerKey !== null }));
  if (state.phase !== "ready" || !state.data.anchor) return null;
  const a = state.data.anchor;
  return (
    <div className="thread-anchor" data-testid="thread-anchor">
      <p>
        {t("anchor.about")} <Link to={textPath(slug, a.documentId, { unit: a.eId })}>{t("anchor.open", { unit: a.label })}</Link>
        {a.quote && (
          <>
            {" "}
            <q>{a.quote}</q>
          </>
        )}
      </p>
      <ChangedSinceNote changed={a.changedSince} />
    </div>
  );
}
