import { Navigate, useLocation } from "react-router";
import { Page } from "../components/Page.tsx";
import { LoginForm } from "../features/accounts/LoginForm.tsx";
import { returnTo } from "../features/accounts/returnTo.ts";
import { useSession } from "../features/session/SessionContext.tsx";

export function LoginPage() {
  const session = useSession();
  const location = useLocation();
  if (session.status === "authenticated") return <Navigate to={returnTo(location)} replace />;
  return (
    <Page title="Log in" narrow>
      <LoginForm />
    </Page>
  );
}
