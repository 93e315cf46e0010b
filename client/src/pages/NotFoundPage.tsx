import { Link } from "react-router";
import { Page } from "../components/Page.tsx";

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/consultations">Browse the consultations</Link>
      </p>
    </Page>
  );
}
