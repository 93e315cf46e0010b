// The consultation page is long: an in-page navigation to its parts, and for organisers the way into
// the console. Anchors (not tabs) so every part stays on the page for search, print and screen readers.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { managePath } from "./paths.ts";
import "./console.css";

export function ConsultationSectionNav({ consultation: c }: { consultation: ConsultationDetail }) {
  const { t } = useTranslation("console");
  return (
    <nav aria-label={t("sections.label")} className="section-nav" data-testid="section-nav">
      <ul className="section-nav__list">
        {c.backgroundHtml && (
          <li>
            <a href="#background-title">{t("sections.overview")}</a>
          </li>
        )}
        <li>
          <a href="#questions-title">{t("sections.questions")}</a>
        </li>
        <li>
          <a href="#threads">{t("sections.threads")}</a>
        </li>
        <li>
          <a href="#questions-title">{t("sections.positions")}</a>
        </li>
        <li>
          <a href="#transparency-title">{t("sections.transparency")}</a>
        </li>
        {c.abilities.moderate && (
          <li>
            <Link to={`/consultations/${c.slug}/responses/review`}>{t("response-staff:nav.review")}</Link>
          </li>
        )}
        {c.abilities.edit && (
          <li className="section-nav__manage">
            <Link to={managePath(c.slug)} className="button button--secondary button--small">
              {t("sections.manage")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
