// The one JSON error body every failing request returns, and the codes it may carry.
// The client decodes this shape; the server maps each code to an HTTP status in server/http/errors.ts.

export const ERROR_CODES = [
  "invalid_input",
  "unauthenticated",
  "invalid_credentials",
  "csrf_invalid",
  "forbidden",
  /** The account holds a staff role and must set up two-factor authentication before using it. */
  "two_factor_required",
  /** The account has not confirmed its email address yet: it may read, not contribute. */
  "email_unverified",
  "not_found",
  "conflict",
  "stale_version",
  "gone",
  "payload_too_large",
  "rate_limited",
  "unavailable",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. "questions.2.text"; empty for the body as a whole. */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    "error" in value &&
    typeof (value as ErrorBody).error?.code === "string"
  );
}
