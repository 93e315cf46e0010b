// Staff roles need two-factor before they are used. An account that holds one without it sees a notice
// on every page, and a refusal for that reason (403 two_factor_required, from any request) takes the
// person to the security page to set it up.
import { useEffect } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../session/SessionContext.tsx";

/** Fired by api/client.ts when the server answers two_factor_required. */
export const TWO_FACTOR_REQUIRED_EVENT = "roundtable:two-factor-required";
export const SECURITY_PATH = "/account/security";

export function TwoFactorRequiredNotice() {
  const { t } = useTranslation("two-factor");
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { refresh } = session;

  useEffect(() => {
    const onRequired = () => {
      void refresh().catch(() => {});
      if (window.location.pathname !== SECURITY_PATH) navigate(SECURITY_PATH);
    };
    window.addEventListener(TWO_FACTOR_REQUIRED_EVENT, onRequired);
    return () => window.removeEventListener(TWO_FACTOR_REQUIRED_EVENT, onRequired);
  }, [navigate, refresh]);

  if (!session.twoFactor?.required || session.twoFactor.enabled) return null;
  return (
    <div className="notice" role="status" data-testid="two-factor-required">
      {t("required.notice")} {pathname !== SECURITY_PATH && <Link to={SECURITY_PATH}>{t("required.link")}</Link>}
    </div>
  );
}
