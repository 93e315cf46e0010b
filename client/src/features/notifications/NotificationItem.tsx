// One notification as a sentence a person reads, with the link that follows from it.
import { Link } from "react-router";
import type { AppNotification } from "../../api/notifications.ts";
import { formatDateTime } from "../../lib/format.ts";
import { consultationPath, myDecisionsPath, postPath } from "../../lib/paths.ts";
import { decisionSentence, reasonLabel } from "../moderation/labels.ts";

function Body({ n }: { n: AppNotification }) {
  const p = n.payload;
  switch (n.kind) {
    case "reply":
      return (
        <>
          <p className="notification__text">There is {p.about ?? "a reply to you"}.</p>
          {p.postId && (
            <p>
              <Link to={postPath(p.postId)}>Read the reply</Link>
            </p>
          )}
        </>
      );
    case "decision": {
      const reason = reasonLabel(p.reasonCode);
      return (
        <>
          <p className="notification__text">{decisionSentence(p.action ?? "", p.automated ?? false, p.about)}</p>
          {reason && (
            <p className="notification__detail">
              <strong>Reason:</strong> {reason}
            </p>
          )}
          {p.statement && <blockquote className="notification__statement pre-line">{p.statement}</blockquote>}
          <p>
            <Link to={myDecisionsPath(p.decisionId)}>See the decision{p.action && p.action !== "approve" && p.action !== "restore" ? " and appeal it" : ""}</Link>
          </p>
        </>
      );
    }
    case "appeal_outcome":
      return (
        <>
          <p className="notification__text">
            Your appeal was decided: {p.outcome === "overturned" ? "the decision was overturned." : "the decision was upheld."}
          </p>
          {p.statement && <blockquote className="notification__statement pre-line">{p.statement}</blockquote>}
          <p>
            <Link to={myDecisionsPath(p.decisionId)}>See your decisions</Link>
          </p>
        </>
      );
    case "consultation_opened":
    case "consultation_closed":
      return (
        <>
          <p className="notification__text">
            {p.about ? `“${p.about}”` : "A consultation you take part in"} {n.kind === "consultation_opened" ? "is now open for contributions." : "is now closed."}
          </p>
          {p.consultationId && (
            <p>
              <Link to={consultationPath(p.consultationId)}>Go to the consultation</Link>
            </p>
          )}
        </>
      );
    default:
      return <p className="notification__text">Something happened that concerns you.</p>;
  }
}

export function NotificationItem({ notification: n }: { notification: AppNotification }) {
  return (
    <article className={n.read ? "notification" : "notification notification--unread"} data-testid="notification" data-kind={n.kind}>
      <p className="notification__time">
        {!n.read && <span className="notification__new">New · </span>}
        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
      </p>
      <Body n={n} />
    </article>
  );
}
