// /consultations/:slug/manage: the organiser console for one consultation. Sections with an in-page
// navigation: the details (form), members, lifecycle.
import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { getConsultation } from "../api/consultations.ts";
import { Page } from "../components/Page.tsx";
import { resourceState } from "../components/ResourceState.tsx";
import { ConsultationForm, type EditableConsultation } from "../features/organiser/ConsultationForm.tsx";
import { LifecyclePanel } from "../features/organiser/LifecyclePanel.tsx";
import { MembersPanel } from "../features/organiser/MembersPanel.tsx";
import { managePath } from "../features/organiser/paths.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { auditPath, consultationPath, dashboardPath } from "../lib/paths.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../lib/query/keys.ts";
import { resourceOf } from "../lib/query/state.ts";
import { useViewerKey } from "../lib/useViewerKey.ts";

export function ManageConsultationPage() {
  const { t } = useTranslation("console");
  const { slug = "" } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const viewerKey = useViewerKey();
  const [savedMessage, setSavedMessage] = useState("");
  const queryClient = useQueryClient();
  // The same entry as the consultation's own pages: what is saved here is what they show.
  const consultationKey = keys.consultation(slug, viewerKey);
  const state = resourceOf(useQuery({ queryKey: consultationKey, queryFn: ({ signal }) => getConsultation(slug, signal) as Promise<EditableConsultation>, enabled: viewerKey !== null }));
  const update = (next: EditableConsultation) => queryClient.setQueryData(consultationKey, next);
  const pending = resourceState(state, () => undefined, { title: t("manage.title"), what: "consultation", loading: t("loading") });
  if (pending !== null || state.phase !== "ready") return pending;
  const c = state.data;
  // The console exists for its organisers only; others get the page they would get for anything hidden.
  if (!c.abilities.edit) return <NotFoundPage />;
  const created = (location.state as { created?: boolean } | null)?.created;

  return (
    <Page title={t("manage.titleOf", { title: c.title })}>
      {created && (
        <p className="notice notice--success" role="status">
          {t("manage.created")}
        </p>
      )}
      <nav aria-label={t("manage.sections")} className="section-nav">
        <ul className="section-nav__list">
          <li>
            <a href="#details">{t("manage.details")}</a>
          </li>
          {c.abilities.manageMembers && (
            <li>
              <a href="#members-title">{t("members.title")}</a>
            </li>
          )}
          <li>
            <a href="#lifecycle-title">{t("lifecycle.title")}</a>
          </li>
          <li>
            <Link to={consultationPath(c.slug)}>{t("manage.view")}</Link>
          </li>
          <li>
            <Link to={dashboardPath(c.slug)}>{t("manage.dashboard")}</Link>
          </li>
          <li>
            <Link to={`/consultations/${c.slug}/responses/intake`}>{t("response-staff:nav.intake")}</Link>
          </li>
          <li>
            <Link to={auditPath(c.slug)}>{t("manage.audit")}</Link>
          </li>
        </ul>
      </nav>
      <LifecyclePanel consultation={c} onChanged={(next) => update(next as EditableConsultation)} />
      <section className="section" aria-labelledby="details" data-testid="details">
        <h2 id="details">{t("manage.details")}</h2>
        <ConsultationForm
          // Saved questions come back with ids: a fresh form from the saved state never sends one twice.
          key={`${c.id}-${c.updatedAt}`}
          consultation={c}
          onSaved={(next) => {
            // A new slug is a new address: follow it so a reload finds the page.
            if (next.slug !== c.slug) navigate(managePath(next.slug), { replace: true });
            update(next as EditableConsultation);
            setSavedMessage(t("form.saved"));
          }}
        />
        <p role="status" className="organiser__status" data-testid="saved-status">
          {savedMessage}
        </p>
      </section>
      {c.abilities.manageMembers && <MembersPanel consultationId={c.id} />}
    </Page>
  );
}
