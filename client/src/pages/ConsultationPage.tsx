import { Link, useParams } from "react-router";
import { Page } from "../components/Page.tsx";

/** Placeholder until GET /api/consultations/:id exists. */
export function ConsultationPage() {
  const { slug = "" } = useParams();
  return (
    <Page title="Consultation">
      <p>
        The page for the consultation <code>{slug}</code> is coming soon.
      </p>
      <p>
        <Link to="/consultations">Back to all consultations</Link>
      </p>
    </Page>
  );
}
