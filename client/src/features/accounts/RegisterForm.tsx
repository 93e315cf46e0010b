import { Link, useLocation, useNavigate } from "react-router";
import { zRegisterBody } from "../../../../shared/schemas/accounts.ts";
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { Alert } from "../../components/Alert.tsx";
import { SelectField, TextField } from "../../components/fields.tsx";
import { useSchemaForm } from "../../lib/useSchemaForm.ts";
import { useSession } from "../session/SessionContext.tsx";
import { returnTo } from "./returnTo.ts";

const CATEGORY_OPTIONS = [
  { value: "", label: "Choose a category" },
  ...STAKEHOLDER_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
];

export function RegisterForm() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const form = useSchemaForm({
    schema: zRegisterBody,
    initial: { email: "", password: "", displayName: "", category: "" },
    toInput: (v) => ({ ...v, category: v.category || undefined }),
    onValid: async (data) => {
      await session.register(data);
      navigate(returnTo(location), { replace: true });
    },
  });

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate aria-describedby={form.formError ? "register-error" : undefined}>
      {form.formError && (
        <div id="register-error">
          <Alert>{form.formError}</Alert>
        </div>
      )}
      <TextField label="Email address" binding={form.field("email")} type="email" autoComplete="email" inputMode="email" spellCheck={false} />
      <TextField
        label="Password"
        binding={form.field("password")}
        type="password"
        autoComplete="new-password"
        hint={`Use at least ${LIMITS.passwordMin} characters. A few unrelated words make a strong, memorable password.`}
      />
      <TextField
        label="Display name"
        binding={form.field("displayName")}
        autoComplete="name"
        maxLength={LIMITS.displayNameMax}
        hint="Shown next to everything you post."
      />
      <SelectField
        label="Stakeholder category"
        optional
        binding={form.field("category")}
        options={CATEGORY_OPTIONS}
        hint="The perspective you speak from when not on behalf of an organisation. If you leave it out, you are listed as an individual."
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? "Creating account…" : "Create account"}
        </button>
      </div>
      <p className="form__aside">
        Already registered?{" "}
        <Link to="/login" state={location.state}>
          Log in
        </Link>
      </p>
    </form>
  );
}
