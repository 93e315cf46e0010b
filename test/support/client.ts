// A small HTTP client for tests: keeps cookies like a browser and sends the CSRF token it fetched.
export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** The session cookie, e.g. to hand to another client or a socket. */
  sessionCookie(): string | undefined {
    return this.cookies.get("roundtable.sid");
  }

  private keepCookies(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async raw(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const res = await fetch(this.baseUrl + path, { method, body: init.body, headers, redirect: "manual" });
    this.keepCookies(res);
    const text = await res.text();
    let body: unknown = text;
    if ((res.headers.get("content-type") ?? "").includes("json") && text) body = JSON.parse(text);
    return { status: res.status, body, headers: res.headers };
  }

  private csrfInFlight: Promise<string> | undefined;

  /** The CSRF token last fetched (for hand-made requests). */
  token(): string | undefined {
    return this.csrfToken;
  }

  /** Fetches a CSRF token; concurrent callers share one request (several would race in the session). */
  csrf(): Promise<string> {
    this.csrfInFlight ??= this.raw("GET", "/api/csrf")
      .then((res) => (this.csrfToken = res.body.token as string))
      .finally(() => (this.csrfInFlight = undefined));
    return this.csrfInFlight;
  }

  /** The token this client already holds, or a fresh one: for raw() requests that need it. */
  heldCsrfToken(): Promise<string> {
    return this.csrfToken ? Promise.resolve(this.csrfToken) : this.csrf();
  }

  /** JSON request. State-changing methods carry the CSRF token unless `csrf: false`. */
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    const changing = !["GET", "HEAD", "OPTIONS"].includes(method);
    if (changing && opts.csrf !== false) headers["x-csrf-token"] = this.csrfToken ?? (await this.csrf());
    let res = await this.raw(method, path, { body: body === undefined ? undefined : JSON.stringify(body), headers });
    // Login and logout start a new session, and with it a new token: fetch it and retry once, like the app does.
    if (changing && opts.csrf !== false && res.status === 403 && res.body?.error?.code === "csrf_invalid") {
      const sent = headers["x-csrf-token"];
      headers["x-csrf-token"] = this.csrfToken !== sent && this.csrfToken ? this.csrfToken : await this.csrf();
      res = await this.raw(method, path, { body: body === undefined ? undefined : JSON.stringify(body), headers });
    }
    return res;
  }

  get<T = any>(path: string) { return this.request<T>("GET", path); }
  post<T = any>(path: string, body?: unknown, opts?: { csrf?: boolean; headers?: Record<string, string> }) { return this.request<T>("POST", path, body ?? {}, opts); }
  put<T = any>(path: string, body?: unknown, opts?: { csrf?: boolean }) { return this.request<T>("PUT", path, body ?? {}, opts); }
  patch<T = any>(path: string, body?: unknown, opts?: { csrf?: boolean }) { return this.request<T>("PATCH", path, body ?? {}, opts); }
  delete<T = any>(path: string, opts?: { csrf?: boolean }) { return this.request<T>("DELETE", path, undefined, opts); }
}
