// Logging a browser context in through the API: its cookies are then the page's cookies.
import type { BrowserContext } from "playwright-core";

export async function logInContext(context: BrowserContext, user: { email: string; password: string }): Promise<void> {
  const csrf = await context.request.get("/api/csrf");
  const { token } = (await csrf.json()) as { token: string };
  const res = await context.request.post("/api/auth/login", {
    data: { email: user.email, password: user.password },
    headers: { "X-CSRF-Token": token },
  });
  if (res.status() !== 200) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
}
