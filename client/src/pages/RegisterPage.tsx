import { Navigate, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../components/Page.tsx";
import { RegisterForm } from "../features/accounts/RegisterForm.tsx";
import { returnTo } from "../features/accounts/returnTo.ts";
import { useSession } from "../features/session/SessionContext.tsx";

export function RegisterPage() {
  const { t } = useTranslation("accounts");
  const session = useSession();
  const location = useLocation();
  if (session.status === "authenticated") return <Navigate to={returnTo(location)} replace />;
  return (
    <Page
      title={t("register.title")}
      lead={t("register.lead")}
      narrow
    >
      <RegisterForm />
    </Page>
  );
}
