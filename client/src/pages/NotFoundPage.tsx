import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../components/Page.tsx";

/**
 * Also shown for things the visitor may not see: the server answers both with the same 404, so the
 * page does not say which it is.
 */
export function NotFoundPage({ what }: { what?: string }) {
  const { t } = useTranslation();
  if (what) {
    // A kind named in common.json has its own sentences (gender and case differ by language); others the generic ones.
    return (
      <Page title={t([`notFound.${what}.title`, "notFound.thing.title"])}>
        <p>{t([`notFound.${what}.body`, "notFound.thing.body"])}</p>
        <p>
          <Link to="/consultations">{t("notFound.browse")}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t("notFound.page.title")}>
      <p>{t("notFound.page.body")}</p>
      <p>
        <Link to="/consultations">{t("notFound.browse")}</Link>
      </p>
    </Page>
  );
}
