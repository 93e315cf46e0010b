// "Where each article stands": per article, its comments, amendments and endorsements (with its
// paragraphs and points) and the categories involved; and the most contested provisions, with the
// measure explained (server/texts/reading.ts computes it).
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import { formatNumber } from "../../lib/format.ts";
import type { ReadingUnit, ReadingView } from "./api.ts";
import { textPath } from "./paths.ts";
import { findUnit, flatten } from "./tree.ts";

const endorsementsOf = (u: ReadingUnit) => Object.values(u.totals.byCategory).reduce((s, c) => s + (c?.endorsements ?? 0), 0);

export function StandingPanel({ view, slug, label }: { view: ReadingView; slug: string; label(u: ReadingUnit): string }) {
  const { t } = useTranslation("texts");
  const articles = flatten(view.units).filter((u) => u.kind === "article");
  const version = view.version === view.currentVersion ? undefined : view.version;
  const contested = view.mostContested.items.map((item) => ({ item, unit: findUnit(view.units, item.eId)?.unit })).filter((x) => x.unit);
  return (
    <section className="section standing" aria-labelledby="standing-title">
      <h2 id="standing-title">{t("standing.title")}</h2>
      <h3>{t("standing.contested")}</h3>
      <p className="field__hint">{t("standing.measure")}</p>
      {contested.length === 0 ? (
        <p className="muted">{t("standing.noneContested")}</p>
      ) : (
        <ol className="standing__contested" data-testid="most-contested">
          {contested.map(({ item, unit }) => (
            <li key={item.eId}>
              <Link to={textPath(slug, view.id, { unit: item.eId, version })}>{label(unit!)}</Link>
              {unit!.heading && <span> {unit!.heading}</span>}
              <span className="muted">
                {" "}
                · {t("standing.camps", { count: item.camps })} · {t("standing.categories", { count: item.categories })}
              </span>
            </li>
          ))}
        </ol>
      )}
      {articles.length > 0 && (
        <details className="standing__articles">
          <summary>{t("standing.articles", { count: articles.length })}</summary>
          <div className="table-scroll" role="region" tabIndex={0} aria-label={t("standing.tableCaption")}>
            <table className="counts" data-testid="article-standing">
              <caption className="visually-hidden">{t("standing.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("standing.article")}</th>
                  <th scope="col">{t("standing.comments")}</th>
                  <th scope="col">{t("standing.amendments")}</th>
                  <th scope="col">{t("standing.endorsements")}</th>
                  <th scope="col">{t("text-citations:standing.positions")}</th>
                  <th scope="col">{t("standing.byCategory")}</th>
                </tr>
              </thead>
              <tbody>
                {articles.map((a) => (
                  <tr key={a.eId}>
                    <th scope="row">
                      <Link to={textPath(slug, view.id, { unit: a.eId, version })}>{[a.num, a.heading].filter(Boolean).join(" ")}</Link>
                    </th>
                    <td>{formatNumber(a.totals.comments)}</td>
                    <td>{formatNumber(a.totals.amendments)}</td>
                    <td>{formatNumber(endorsementsOf(a))}</td>
                    <td>{formatNumber(a.totals.positions ?? 0)}</td>
                    <td>
                      {STAKEHOLDER_CATEGORIES.filter((c) => a.totals.byCategory[c])
                        .map((c) => {
                          const n = a.totals.byCategory[c]!;
                          return t("standing.categoryCell", { category: t(`vocabulary:category.${c}`), count: n.comments + n.amendments + n.endorsements });
                        })
                        .join("; ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
