// Where to go after logging in or registering: the page the visitor came from, or the consultations.
import type { Location } from "react-router";

export const DEFAULT_AFTER_LOGIN = "/consultations";

export function returnTo(location: Location): string {
  const from = (location.state as { from?: unknown } | null)?.from;
  // Only paths inside this app ("/x", never "//host" or "https://…").
  if (typeof from === "string" && from.startsWith("/") && !from.startsWith("//") && !from.startsWith("/\\")) {
    if (from !== "/login" && from !== "/register") return from;
  }
  return DEFAULT_AFTER_LOGIN;
}
