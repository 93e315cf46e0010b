// /consultations/new: an organiser or admin drafts a consultation; it opens only when they say so.
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../components/Page.tsx";
import { ConsultationForm } from "../features/organiser/ConsultationForm.tsx";
import { mayCreateConsultations } from "../features/organiser/roles.ts";
import { useSession } from "../features/session/SessionContext.tsx";
import { managePath } from "../features/organiser/paths.ts";

export function NewConsultationPage() {
  const { t } = useTranslation("console");
  const session = useSession();
  const navigate = useNavigate();
  if (session.status === "loading") {
    return (
      <Page title={t("new.title")}>
        <p role="status">{t("loading")}</p>
      </Page>
    );
  }
  if (!mayCreateConsultations(session.user)) {
    return (
      <Page title={t("new.title")}>
        <p data-testid="not-allowed">{t("new.notAllowed")}</p>
      </Page>
    );
  }
  return (
    <Page title={t("new.title")} lead={t("new.lead")} narrow>
      <ConsultationForm onSaved={(c) => navigate(managePath(c.slug), { state: { created: true } })} onCancel={() => navigate("/consultations")} />
    </Page>
  );
}
