// /consultations/:slug/responses/intake: an organiser takes in responses from other channels: an import
// of email and paper responses, and the API keys of partners' own forms. The server says who may (the
// partners' list answers 403 to everyone else, and the page then says so).
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../../../components/Page.tsx";
import { ImportPanel } from "./ImportPanel.tsx";
import { PartnersPanel } from "./PartnersPanel.tsx";
import "./staff.css";

export function IntakePage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation("response-staff");
  return (
    <Page title={t("intake.title")} lead={t("intake.lead")}>
      <p>
        <Link to={`/consultations/${slug}/responses/review`}>{t("nav.review")}</Link> · <Link to={`/consultations/${slug}/responses`}>{t("nav.published")}</Link>
      </p>
      <ImportPanel consultation={slug} />
      <PartnersPanel consultation={slug} />
    </Page>
  );
}
