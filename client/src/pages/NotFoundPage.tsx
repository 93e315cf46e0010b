import { Link } from "react-router";
import { Page } from "../components/Page.tsx";

/**
 * Also shown for things the visitor may not see: the server answers both with the same 404, so the
 * page does not say which it is.
 */
export function NotFoundPage({ what }: { what?: string }) {
  if (what) {
    return (
      <Page title={`This ${what} is not available`}>
        <p>
          There is no {what} at this address, or you do not have access to it. If it belongs to a consultation for members only, log in
          with the account that was invited.
        </p>
        <p>
          <Link to="/consultations">Browse the consultations</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Page not found">
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/consultations">Browse the consultations</Link>
      </p>
    </Page>
  );
}
