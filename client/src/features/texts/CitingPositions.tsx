// In a unit's panel: the positions on the consultation's questions that cite this unit, each linking to
// the position (the same list and visibility as the positions page, filtered to the unit).
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { listPositions } from "../../api/positions.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { positionPath } from "../../lib/paths.ts";

export function CitingPositions({ consultationId, documentId, eId, label }: { consultationId: string; documentId: string; eId: string; label: string }) {
  const { t } = useTranslation("text-citations");
  const viewerKey = useViewerKey();
  const state = resourceOf(
    useQuery({ queryKey: keys.citingPositions(documentId, eId, viewerKey), queryFn: ({ signal }) => listPositions(consultationId, { textId: documentId, eId, limit: 50 }, signal), enabled: viewerKey !== null }),
  );
  return (
    <div data-testid="citing-positions">
      <h4>{t("panel.title", { unit: label })}</h4>
      {state.phase === "loading" && <p className="muted">{t("panel.loading")}</p>}
      {state.phase === "error" && <p role="alert">{t("panel.failed")}</p>}
      {state.phase === "ready" &&
        (state.data.items.length === 0 ? (
          <p className="muted">{t("panel.none")}</p>
        ) : (
          <ul className="anchored-threads">
            {state.data.items.map((p) => (
              <li key={p.id} className="anchored-thread">
                <Link to={positionPath(p.id)}>{p.summary ?? t("panel.open")}</Link>
                <span className="muted">
                  {" "}
                  · {p.organisation?.name ?? t("panel.withheld")} · {t(`vocabulary:category.${p.category}`)} · {t(`vocabulary:stance.${p.stance}`)}
                </span>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
