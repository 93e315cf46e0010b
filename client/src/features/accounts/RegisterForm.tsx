import { Link, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { zRegisterBody } from "../../../../shared/schemas/accounts.ts";
import { STAKEHOLDER_CATEGORIES } from "../../../../shared/categories.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { Alert } from "../../components/Alert.tsx";
import { SelectField, TextField } from "../../components/fields.tsx";
import { useApiForm } from "../../lib/useApiForm.ts";
import { useSession } from "../session/SessionContext.tsx";
import { returnTo } from "./returnTo.ts";

export function RegisterForm() {
  const { t } = useTranslation("accounts");
  const categoryOptions = [
    { value: "", label: t("register.chooseCategory") },
    ...STAKEHOLDER_CATEGORIES.map((c) => ({ value: c, label: t(`vocabulary:category.${c}`) })),
  ];
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const form = useApiForm({
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
      <TextField label={t("email")} binding={form.field("email")} type="email" autoComplete="email" inputMode="email" spellCheck={false} />
      <TextField
        label={t("password")}
        binding={form.field("password")}
        type="password"
        autoComplete="new-password"
        hint={t("register.passwordHint", { count: LIMITS.passwordMin })}
      />
      <TextField
        label={t("register.displayName")}
        binding={form.field("displayName")}
        autoComplete="name"
        maxLength={LIMITS.displayNameMax}
        hint={t("register.displayNameHint")}
      />
      <SelectField
        label={t("register.category")}
        optional
        binding={form.field("category")}
        options={categoryOptions}
        hint={t("register.categoryHint")}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? t("register.submitting") : t("register.submit")}
        </button>
      </div>
      <p className="form__aside">
        {t("register.alreadyRegistered")}{" "}
        <Link to="/login" state={location.state}>
          {t("register.loginLink")}
        </Link>
      </p>
    </form>
  );
}
