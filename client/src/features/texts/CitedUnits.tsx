// On a position's card: the provisions of the draft text it concerns, each a link that opens the reading
// view at the unit (the consultation's id stands in for its slug: the consultation page accepts both).
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Position } from "../../api/positions.ts";
import { textPath } from "./paths.ts";
import "./texts.css";

export function CitedUnits({ position: p }: { position: Pick<Position, "consultationId" | "citedUnits"> }) {
  const { t } = useTranslation("text-citations");
  if (!p.citedUnits?.length) return null;
  return (
    <div className="position__block" data-testid="cited-units">
      <h4>{t("card.title")}</h4>
      <ul className="cited-units">
        {p.citedUnits.map((u) => (
          <li key={`${u.textId}|${u.eId}`}>
            <Link to={textPath(p.consultationId, u.textId, { unit: u.eId })} aria-label={t("card.open", { label: u.label })}>
              {u.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
