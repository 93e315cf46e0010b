import { NavLink } from "react-router";
import { useTranslation } from "react-i18next";

/** The header's way to the account page. */
export function AccountNavLink() {
  const { t } = useTranslation("account-settings");
  return (
    <NavLink to="/account" className="site-nav__link" end>
      {t("header")}
    </NavLink>
  );
}
