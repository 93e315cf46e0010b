// "Forgot password?" under the login form.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";

export function ForgotPasswordLink() {
  const { t } = useTranslation("mail");
  return <Link to="/forgot-password">{t("forgot.link")}</Link>;
}
