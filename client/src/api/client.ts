// The one way the client talks to the API: JSON under /api, the session cookie, the CSRF token on every
// state-changing request, and every failure decoded into an ApiError carrying the server's error body.
import { isErrorBody, type ErrorCode, type ErrorDetail } from "../../../shared/errors.ts";
import i18n from "../i18n/index.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}

// The token belongs to the session. It is fetched once and reused until the session changes
// (login, register and logout start a new one) or the server says it is no longer valid.
let csrfToken: Promise<string> | undefined;

export function forgetCsrfToken(): void {
  csrfToken = undefined;
}

function getCsrfToken(): Promise<string> {
  csrfToken ??= request<{ token: string }>("GET", "/csrf").then(
    (body) => body.token,
    (err: unknown) => {
      csrfToken = undefined;
      throw err;
    },
  );
  return csrfToken;
}

export type Query = Record<string, string | number | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text || !(res.headers.get("content-type") ?? "").includes("json")) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(body.error.code, body.error.message, status, body.error.details ?? []);
  // Not our error body: a proxy's page, or a server that is down or restarting.
  if (status === 404) return new ApiError("not_found", i18n.t("common:errors.notFound"), status);
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError("unavailable", i18n.t("common:errors.unavailable"), status);
  }
  return new ApiError("internal", i18n.t("common:errors.internal"), status);
}

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Extra request headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>;
}

/**
 * Sends a JSON request to `/api{path}` and resolves to the decoded body (undefined for 204).
 * Throws ApiError for every failure; an aborted request rejects with the AbortError itself.
 */
export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const changing = method !== "GET";
  const url = "/api" + withQuery(path, opts.query);

  const send = async (): Promise<Response> => {
    // The server answers its messages in the interface's language (the account's, once saved, wins there).
    const headers: Record<string, string> = { ...opts.headers, Accept: "application/json", "Accept-Language": i18n.resolvedLanguage ?? i18n.language ?? "en" };
    // A FormData body (a file upload) sets its own multipart Content-Type, boundary included.
    const form = opts.body instanceof FormData;
    if (opts.body !== undefined && !form) headers["Content-Type"] = "application/json";
    if (changing) headers["X-CSRF-Token"] = await getCsrfToken();
    try {
      return await fetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
        credentials: "same-origin",
        signal: opts.signal,
      });
    } catch (err) {
      if (isAbortError(err)) throw err;
      throw new ApiError("unavailable", i18n.t("common:errors.unreachable"), 0);
    }
  };

  let res = await send();
  let body = await readJson(res);
  // The session (and with it the token) may have changed since the token was fetched: once, get a new one.
  if (changing && res.status === 403 && isErrorBody(body) && body.error.code === "csrf_invalid") {
    forgetCsrfToken();
    res = await send();
    body = await readJson(res);
  }
  if (!res.ok) {
    const error = toApiError(res.status, body);
    // A staff role waiting for two-factor: the app takes the person to set it up (features/security).
    if (error.code === "two_factor_required") window.dispatchEvent(new Event("roundtable:two-factor-required"));
    throw error;
  }
  return body as T;
}

/** A fallback-safe ApiError for anything thrown that is not one (programming errors are logged). */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  console.error(err);
  return new ApiError("internal", i18n.t("common:errors.internal"), 0);
}
