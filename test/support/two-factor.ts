// An authenticator app for tests: codes computed with otplib from the secret the server showed. The
// server accepts each time step once and allows one step of drift either way, so codes are taken from
// successive steps starting at the current one; when those run out, it waits for the clock (a condition,
// not a fixed sleep).
import { generate } from "otplib";
import type { TestClient } from "./client.ts";

const PERIOD_S = 30;
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD_S);

export class TestAuthenticator {
  private lastStep = -1;
  constructor(readonly secret: string) {}

  /** A code the server has not seen yet for this account. */
  async code(): Promise<string> {
    const step = Math.max(this.lastStep + 1, currentStep());
    // At most one step ahead of the clock: wait for it to catch up.
    while (step > currentStep() + 1) await new Promise((resolve) => setTimeout(resolve, 250));
    this.lastStep = step;
    return generate({ secret: this.secret, epoch: step * PERIOD_S });
  }

  /** A code the server would take now, without using up a step here (for requests that must fail before the check). */
  peekCode(): Promise<string> {
    return generate({ secret: this.secret, epoch: Math.max(this.lastStep + 1, currentStep()) * PERIOD_S });
  }

  /** Six digits that are not the code of any step the server would accept now. */
  async wrongCode(): Promise<string> {
    const now = currentStep();
    const valid = new Set(await Promise.all([now - 1, now, now + 1, now + 2].map((step) => generate({ secret: this.secret, epoch: step * PERIOD_S }))));
    for (let n = 0; ; n += 111_111) if (!valid.has(String(n).padStart(6, "0"))) return String(n).padStart(6, "0");
  }
}

/** Sets up two-factor for the logged-in client; returns its authenticator and the recovery codes. */
export async function enrolTwoFactor(client: TestClient): Promise<{ app: TestAuthenticator; recoveryCodes: string[] }> {
  const begun = await client.post("/api/me/two-factor/enrolment");
  if (begun.status !== 201) throw new Error(`enrolment failed: ${begun.status} ${JSON.stringify(begun.body)}`);
  const app = new TestAuthenticator(begun.body.enrolment.secret);
  const confirmed = await client.post("/api/me/two-factor/confirmation", { code: await app.code() });
  if (confirmed.status !== 200) throw new Error(`confirmation failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { app, recoveryCodes: confirmed.body.recoveryCodes };
}

/** Both login steps through the real endpoints. */
export async function logInWithCode(client: TestClient, user: { email: string; password: string }, factor: { code?: string; recoveryCode?: string }) {
  const first = await client.post("/api/auth/login", { email: user.email, password: user.password });
  if (first.status !== 200 || first.body.twoFactorRequired !== true) throw new Error(`first step: ${first.status} ${JSON.stringify(first.body)}`);
  const second = await client.post("/api/auth/login/two-factor", factor);
  if (second.status === 200) await client.csrf();
  return second;
}
