// Who engaged with a unit, by stakeholder category: a bar of the categories' shares of its comments,
// amendments and endorsements, with the same numbers in words for screen readers (the bar is a picture).
import { useTranslation } from "react-i18next";
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import type { UnitCounts } from "./api.ts";

const engagementOf = (c: { comments: number; amendments: number; endorsements: number }) => c.comments + c.amendments + c.endorsements;

export function StanceBar({ counts }: { counts: UnitCounts }) {
  const { t } = useTranslation("texts");
  const present = STAKEHOLDER_CATEGORIES.filter((c) => engagementOf(counts.byCategory[c] ?? { comments: 0, amendments: 0, endorsements: 0 }) > 0);
  if (present.length === 0) return null;
  const total = present.reduce((s, c) => s + engagementOf(counts.byCategory[c]!), 0);
  const describe = (c: (typeof present)[number]) => {
    const n = counts.byCategory[c]!;
    return t("margin.categoryLine", {
      category: t(`vocabulary:category.${c}`),
      comments: t("margin.comments", { count: n.comments }),
      amendments: t("margin.amendments", { count: n.amendments }),
      endorsements: t("margin.endorsements", { count: n.endorsements }),
    });
  };
  return (
    <div className="stance-bar" data-testid="stance-bar">
      <div className="stance-bar__track" aria-hidden="true">
        {present.map((c) => (
          <span key={c} className={`stance-bar__part stance-bar__part--${c}`} style={{ flexGrow: engagementOf(counts.byCategory[c]!) / total }} title={describe(c)} />
        ))}
      </div>
      <ul className="visually-hidden" aria-label={t("margin.byCategory")}>
        {present.map((c) => (
          <li key={c}>{describe(c)}</li>
        ))}
      </ul>
    </div>
  );
}
