import { Navigate, useLocation } from "react-router";
import { Page } from "../components/Page.tsx";
import { RegisterForm } from "../features/accounts/RegisterForm.tsx";
import { returnTo } from "../features/accounts/returnTo.ts";
import { useSession } from "../features/session/SessionContext.tsx";

export function RegisterPage() {
  const session = useSession();
  const location = useLocation();
  if (session.status === "authenticated") return <Navigate to={returnTo(location)} replace />;
  return (
    <Page
      title="Create an account"
      lead="With an account you can take part in consultations: post positions, reply to others and endorse contributions."
      narrow
    >
      <RegisterForm />
    </Page>
  );
}
