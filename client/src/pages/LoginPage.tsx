import { Navigate, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../components/Page.tsx";
import { LoginForm } from "../features/accounts/LoginForm.tsx";
import { returnTo } from "../features/accounts/returnTo.ts";
import { useSession } from "../features/session/SessionContext.tsx";

export function LoginPage() {
  const { t } = useTranslation("accounts");
  const session = useSession();
  const location = useLocation();
  if (session.status === "authenticated") return <Navigate to={returnTo(location)} replace />;
  return (
    <Page title={t("login.title")} narrow>
      <LoginForm />
    </Page>
  );
}
