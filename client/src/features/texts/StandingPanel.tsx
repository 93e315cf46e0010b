// "Where each article stands": per article, and per paragraph when an article is expanded, its comments,
// amendments, endorsements and citing positions (with its paragraphs and points), the citing positions,
// stances and engagement by category; and the most contested provisions, with the measure and the
// stance rule explained (server/texts/reading.ts computes both).
import { Fragment, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import { formatNumber } from "../../lib/format.ts";
import type { CategoryCounts, ReadingUnit, ReadingView } from "./api.ts";
import { textPath } from "./paths.ts";
import { findUnit, flatten } from "./tree.ts";

const endorsementsOf = (u: ReadingUnit) => Object.values(u.totals.byCategory).reduce((s, c) => s + (c?.endorsements ?? 0), 0);

export function StandingPanel({ view, slug, label }: { view: ReadingView; slug: string; label(u: ReadingUnit): string }) {
  const { t } = useTranslation("texts");
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const articles = flatten(view.units).filter((u) => u.kind === "article");
  const version = view.version === view.currentVersion ? undefined : view.version;
  const contested = view.mostContested.items.map((item) => ({ item, unit: findUnit(view.units, item.eId)?.unit })).filter((x) => x.unit);
  const toggle = (eId: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (!next.delete(eId)) next.add(eId);
      return next;
    });
  /** "Industry 2; Academia 1" from one field of each category present. */
  const perCategory = (u: ReadingUnit, pick: (n: CategoryCounts) => number) =>
    STAKEHOLDER_CATEGORIES.filter((c) => u.totals.byCategory[c] && pick(u.totals.byCategory[c]!) > 0)
      .map((c) => t("text-stances:standing.countCell", { category: t(`vocabulary:category.${c}`), count: pick(u.totals.byCategory[c]!) }))
      .join("; ");
  const stances = (u: ReadingUnit) =>
    STAKEHOLDER_CATEGORIES.filter((c) => {
      const n = u.totals.byCategory[c];
      return n && n.support + n.mixed + n.oppose > 0;
    })
      .map((c) => {
        const n = u.totals.byCategory[c]!;
        return t("text-stances:standing.stanceCell", { category: t(`vocabulary:category.${c}`), support: formatNumber(n.support), mixed: formatNumber(n.mixed), oppose: formatNumber(n.oppose) });
      })
      .join("; ");
  const row = (u: ReadingUnit, name: string, paragraphs: ReadingUnit[] | null) => (
    <tr key={u.eId} className={paragraphs ? undefined : "standing__paragraph"} data-testid={paragraphs ? "standing-article" : "standing-paragraph"} data-eid={u.eId}>
      <th scope="row">
        <Link to={textPath(slug, view.id, { unit: u.eId, version })}>{name}</Link>
        {paragraphs && paragraphs.length > 0 && (
          <button type="button" className="button button--quiet button--small standing__toggle" aria-expanded={expanded.has(u.eId)} onClick={() => toggle(u.eId)}>
            {t(expanded.has(u.eId) ? "text-stances:standing.hideParagraphs" : "text-stances:standing.showParagraphs", { article: name })}
          </button>
        )}
      </th>
      <td>{formatNumber(u.totals.comments)}</td>
      <td>{formatNumber(u.totals.amendments)}</td>
      <td>{formatNumber(endorsementsOf(u))}</td>
      <td>{formatNumber(u.totals.positions ?? 0)}</td>
      <td>{perCategory(u, (n) => n.positions)}</td>
      <td>{stances(u)}</td>
      <td>{perCategory(u, (n) => n.comments + n.amendments + n.endorsements)}</td>
    </tr>
  );
  return (
    <section className="section standing" aria-labelledby="standing-title">
      <h2 id="standing-title">{t("standing.title")}</h2>
      <h3>{t("standing.contested")}</h3>
      <p className="field__hint">{t("text-stances:standing.measure")}</p>
      <p className="field__hint" data-testid="stance-rule">
        {t("text-stances:standing.rule")}
      </p>
      {contested.length === 0 ? (
        <p className="muted">{t("text-stances:standing.noneContested")}</p>
      ) : (
        <ol className="standing__contested" data-testid="most-contested">
          {contested.map(({ item, unit }) => (
            <li key={item.eId}>
              <Link to={textPath(slug, view.id, { unit: item.eId, version })}>{label(unit!)}</Link>
              {unit!.heading && <span> {unit!.heading}</span>}
              <span className="muted">
                {" "}
                · {t("text-stances:standing.spread", { spread: formatNumber(item.spread, { maximumFractionDigits: 2 }) })}
                {/* Camps only mean something where categories back different amendments. */}
                {item.camps >= 2 && ` · ${t("standing.camps", { count: item.camps })}`} · {t("standing.categories", { count: item.categories })}
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
                  <th scope="col">{t("text-stances:standing.provision")}</th>
                  <th scope="col">{t("standing.comments")}</th>
                  <th scope="col">{t("standing.amendments")}</th>
                  <th scope="col">{t("standing.endorsements")}</th>
                  <th scope="col">{t("text-citations:standing.positions")}</th>
                  <th scope="col">{t("text-stances:standing.positionsByCategory")}</th>
                  <th scope="col">{t("text-stances:standing.stancesByCategory")}</th>
                  <th scope="col">{t("standing.byCategory")}</th>
                </tr>
              </thead>
              <tbody>
                {articles.map((a) => {
                  const paragraphs = a.children.filter((c) => c.kind === "paragraph");
                  return (
                    <Fragment key={a.eId}>
                      {row(a, [a.num, a.heading].filter(Boolean).join(" ") || a.eId, paragraphs)}
                      {expanded.has(a.eId) && paragraphs.map((p) => row(p, label(p), null))}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
