// One error type for the whole server, one table from its codes to HTTP statuses, one middleware
// that writes the JSON error body. Unknown errors become a generic 500 that never leaks a message.
import type { ErrorRequestHandler } from "express";
import { ZodError } from "zod";
import type { ErrorBody, ErrorCode, ErrorDetail } from "../../shared/errors.ts";
import { postgresErrorCode } from "../db/errors.ts";
import { requestLanguage, translateMessage } from "../i18n/messages.ts";

/** The one table from error code to HTTP status (the OpenAPI document reads it too). */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_invalid: 403,
  forbidden: 403,
  two_factor_required: 403,
  email_unverified: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Seconds, sent as Retry-After with 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const errors = {
  invalidInput: (message: string, details?: ErrorDetail[]) => new AppError("invalid_input", message, details),
  unauthenticated: () => new AppError("unauthenticated", "You need to log in to do this."),
  invalidCredentials: () => new AppError("invalid_credentials", "Email or password is incorrect."),
  forbidden: (message = "You are not allowed to do this.") => new AppError("forbidden", message),
  twoFactorRequired: () =>
    new AppError("two_factor_required", "Your account has a staff role: set up two-factor authentication (Account, Security) before using it."),
  /** The answer for an unknown API route, and for routes the caller may not even know about. */
  routeNotFound: (req: { method: string; originalUrl: string }) =>
    new AppError("not_found", `API route ${req.method} ${req.originalUrl.split("?")[0]!.replace(/^\/api/, "")} not found.`),
  /** Also used for things the caller may not see, so a denial cannot reveal that something exists. */
  notFound: (what = "Resource") => new AppError("not_found", `${what} not found.`),
  conflict: (message: string, details?: ErrorDetail[]) => new AppError("conflict", message, details),
  staleVersion: () => new AppError("stale_version", "This was changed by someone else since you loaded it. Reload and try again."),
  unavailable: (message: string) => new AppError("unavailable", message, undefined, 5),
  /** Overloaded: nothing was done; the client may retry shortly (the same request, same Idempotency-Key). */
  busy: () => new AppError("unavailable", "The server is busy. Try again in a moment.", undefined, 2),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError("rate_limited", `Too many requests. Try again in ${retryAfterSeconds} seconds.`, undefined, retryAfterSeconds),
};

export function fromZodError(err: ZodError, prefix?: string): AppError {
  const join = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join(".");
  // zod reports unknown keys once, at the object; name each field instead, so forms can point at it.
  const details = err.issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((key) => ({ path: join([...i.path, key]), message: "is not a field you can set" }))
      : [{ path: join(i.path), message: i.message }],
  );
  return errors.invalidInput("The request is invalid: " + details.map((d) => `${d.path || "body"} ${d.message}`).join("; "), details);
}

/** Errors thrown by body-parser and friends carry `type` and `status`; translate the ones a client causes. */
function fromHttpError(err: { type?: string; status?: number; message?: string }): AppError | undefined {
  if (err.type === "entity.too.large") return new AppError("payload_too_large", "The request body is too large.");
  if (err.type === "entity.parse.failed") return errors.invalidInput("The request body is not valid JSON.", [{ path: "", message: "is not valid JSON" }]);
  if (err.type === "encoding.unsupported" || err.type === "charset.unsupported") return errors.invalidInput("Unsupported body encoding.");
  // Express's router could not percent-decode a path segment ("%zz", or the bytes of a lone surrogate).
  if (err instanceof URIError && (err as { status?: number }).status === 400) return errors.invalidInput("The URL is not valid.", [{ path: "params", message: "is not valid percent-encoded UTF-8" }]);
  if (err.status === 400) return errors.invalidInput(err.message ?? "Bad request.");
  return undefined;
}

/**
 * "No database connection in time": Prisma's P2028 (a transaction could not start) and node-postgres's
 * pool timeout. The work never started, so the honest answer is 503, retry, not 500.
 */
export function isOverloadError(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: string; message?: string; cause?: { message?: string } };
  if (e.code === "P2028") return true;
  return /timeout exceeded when trying to connect/i.test(`${e.message ?? ""} ${e.cause?.message ?? ""}`);
}

/**
 * PostgreSQL errors that only a value can cause: input the request schemas should have refused. The
 * last line of defence: the client gets a 400 (its request, not our server, is at fault; the failed
 * statement wrote nothing, and inside a service's transaction nothing of the request was) and we get a
 * log line saying which schema to fix.
 */
const INPUT_DATA_ERRORS: Record<string, string> = {
  "22021": "The request contains characters that cannot be stored.", // invalid byte sequence (NUL)
  "22P05": "The request contains characters that cannot be stored.", // untranslatable character
  "22P02": "A value in the request is not in the expected format.", // invalid text representation
  "22003": "A number in the request is out of range.", // numeric value out of range
  "22001": "A value in the request is too long.", // string data right truncation
  "54000": "A value in the request is too long or too complex.", // program limit exceeded
};

function fromDatabaseInputError(err: unknown, where: string | undefined): AppError | undefined {
  const code = postgresErrorCode(err);
  const message = code ? INPUT_DATA_ERRORS[code] : undefined;
  if (!message) return undefined;
  const reason = (err as { message?: unknown }).message;
  console.warn(`[${where ?? "request"}] PostgreSQL ${code} from unchecked input, answered 400: tighten the request schema.`, typeof reason === "string" ? reason.slice(-500) : "");
  return errors.invalidInput(message);
}

/** `where` (e.g. "POST /api/threads/x/posts") is only for the log line of an input error that reached the database. */
export function toAppError(err: unknown, where?: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return fromZodError(err);
  if (isOverloadError(err)) return errors.busy();
  if (typeof err === "object" && err !== null) {
    const mapped = fromHttpError(err as { type?: string; status?: number }) ?? fromDatabaseInputError(err, where);
    if (mapped) return mapped;
  }
  return new AppError("internal", "Something went wrong on our side. Please try again.");
}

export function sendError(res: import("express").Response, appError: AppError): void {
  if (appError.retryAfter !== undefined) res.setHeader("Retry-After", String(appError.retryAfter));
  res.status(appError.status).json(appError.toBody());
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  // The path only: a query string may carry a token, and logs must never hold one.
  const where = `${req.method} ${req.originalUrl.split("?")[0]}`;
  let appError = toAppError(err, where);
  if (appError.code === "internal") console.error(`[${where}]`, err);
  // A staff member who has not set up two-factor acts as a participant (accounts/service.ts): what
  // their role would have allowed is refused, and the refusal says why and what to do. Every refusal
  // (403, and the 404 that hides what one may not see) gets this one answer, whether or not the thing
  // exists, so it reveals nothing; once enrolled, the real answer comes back.
  if ((appError.code === "forbidden" || appError.code === "not_found") && (req.user as { staffLocked?: boolean } | undefined)?.staffLocked) appError = errors.twoFactorRequired();
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // The message in the reader's language (the code stays as it is).
  const language = requestLanguage(req);
  const translated = translateMessage(appError.message, language);
  res.setHeader("Content-Language", language);
  sendError(res, translated === appError.message ? appError : new AppError(appError.code, translated, appError.details, appError.retryAfter));
};
