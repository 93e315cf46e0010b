// The header's entries for staff: "New consultation" (organisers and admins), "Moderation" with the
// number of items waiting (staff), "Admin" (admins). List items for the main navigation's list.
import { NavLink } from "react-router";
import "./console.css";
import { useTranslation } from "react-i18next";
import { useSession } from "../session/SessionContext.tsx";
import { useModerationOverview } from "../moderation/useModerationOverview.ts";
import { isStaff, mayCreateConsultations } from "./roles.ts";
import { newConsultationPath } from "./paths.ts";

export function StaffNavItems() {
  const { t } = useTranslation("console");
  const session = useSession();
  const user = session.status === "authenticated" ? session.user : null;
  const staff = isStaff(user);
  const overview = useModerationOverview(staff);
  if (!user) return null;
  return (
    <>
      {mayCreateConsultations(user) && (
        <li>
          <NavLink to={newConsultationPath} className="site-nav__link" end>
            {t("header.newConsultation")}
          </NavLink>
        </li>
      )}
      {staff && (
        <li>
          <NavLink to="/moderation" className="site-nav__link" data-testid="header-moderation">
            {t("header.moderation")}
            {overview && overview.total > 0 && (
              <>
                {" "}
                <span className="nav-count" aria-hidden="true">
                  {overview.total}
                </span>
                <span className="visually-hidden">{t("header.waiting", { count: overview.total })}</span>
              </>
            )}
          </NavLink>
        </li>
      )}
      {user.isAdmin && (
        <li>
          <NavLink to="/admin" className="site-nav__link">
            {t("header.admin")}
          </NavLink>
        </li>
      )}
    </>
  );
}
