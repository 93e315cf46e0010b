import { Link, useLocation } from "react-router";
import { Page } from "../components/Page.tsx";
import { ConsultationGate } from "../features/consultations/ConsultationGate.tsx";
import { MODERATION_MODE_LABELS } from "../features/consultations/labels.ts";
import { AppealsPanel } from "../features/moderation/AppealsPanel.tsx";
import { ModerationQueue } from "../features/moderation/ModerationQueue.tsx";
import { useSession } from "../features/session/SessionContext.tsx";
import { auditPath, consultationPath } from "../lib/paths.ts";

/** The moderators' page of a consultation: the live queue and the appeals. */
export function ModerationPage() {
  const session = useSession();
  const location = useLocation();
  return (
    <ConsultationGate title="Moderation">
      {(c) => (
        <Page title={`Moderation: ${c.title}`}>
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <Link to={consultationPath(c.slug)}>{c.title}</Link>
          </nav>
          {!c.abilities.moderate ? (
            <>
              <p>Only the consultation's moderators and organisers see its moderation queue.</p>
              {session.status === "anonymous" && (
                <p>
                  <Link to="/login" state={{ from: location.pathname }}>
                    Log in
                  </Link>{" "}
                  if you moderate this consultation.
                </p>
              )}
            </>
          ) : (
            <>
              <p className="page__lead">
                <strong>Moderation:</strong> {MODERATION_MODE_LABELS[c.moderationMode]}. Reports of illegal content come first.
                {c.abilities.edit && (
                  <>
                    {" "}
                    <Link to={auditPath(c.slug)}>The audit log</Link> records every decision.
                  </>
                )}
              </p>
              <section aria-labelledby="queue-title" className="section">
                <h2 id="queue-title" className="visually-hidden">
                  Queue
                </h2>
                <ModerationQueue consultation={c} />
              </section>
              <AppealsPanel consultationId={c.id} />
            </>
          )}
        </Page>
      )}
    </ConsultationGate>
  );
}
