import { Link, useLocation, useNavigate } from "react-router";
import { zLoginBody } from "../../../../shared/schemas/accounts.ts";
import { Alert } from "../../components/Alert.tsx";
import { TextField } from "../../components/fields.tsx";
import { useSchemaForm } from "../../lib/useSchemaForm.ts";
import { useSession } from "../session/SessionContext.tsx";
import { returnTo } from "./returnTo.ts";

export function LoginForm() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const form = useSchemaForm({
    schema: zLoginBody,
    initial: { email: "", password: "" },
    onValid: async (data) => {
      await session.login(data);
      navigate(returnTo(location), { replace: true });
    },
  });

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate aria-describedby={form.formError ? "login-error" : undefined}>
      {form.formError && (
        <div id="login-error">
          <Alert>{form.formError}</Alert>
        </div>
      )}
      <TextField label="Email address" binding={form.field("email")} type="email" autoComplete="username" inputMode="email" spellCheck={false} />
      <TextField label="Password" binding={form.field("password")} type="password" autoComplete="current-password" />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? "Logging in…" : "Log in"}
        </button>
      </div>
      <p className="form__aside">
        No account yet?{" "}
        <Link to="/register" state={location.state}>
          Register
        </Link>
      </p>
    </form>
  );
}
