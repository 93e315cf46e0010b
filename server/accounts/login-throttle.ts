// Login throttling that slows guessing without ever locking the owner out.
// - Per address (loginPerIp, in app.ts): every attempt counts; the address is what TRUST_PROXY lets the
//   server believe, so a client cannot rotate X-Forwarded-For unless it IS a trusted proxy.
// - Per account AND address: failed attempts only; over the limit that address gets 429 for this account,
//   while the owner, elsewhere, still logs in. A success from the address clears its count.
// - Per account from anywhere: failed attempts only, never a refusal: past the threshold each attempt is
//   answered later (doubling, capped), so guessing spread over many addresses crawls while the owner's
//   correct password still works, a few seconds late at worst.
import type { RateLimiters } from "../http/rate-limit.ts";
import { errors } from "../http/errors.ts";

/** The longest an attempt is held back. */
export const LOGIN_SLOWDOWN_CAP_MS = 8_000;
const LOGIN_SLOWDOWN_BASE_MS = 250;

const pairKey = (account: string, ip: string) => `${account}|${ip}`;

export function slowdownMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(LOGIN_SLOWDOWN_CAP_MS, LOGIN_SLOWDOWN_BASE_MS * 2 ** Math.min(16, failures - threshold));
}

/** Before checking the password: refuses an address that failed too often for this account; waits if the account is under attack. */
export async function beforeLoginAttempt(limiters: RateLimiters, account: string, ip: string): Promise<void> {
  const pair = await limiters.loginFailuresPerAccountIp.get(pairKey(account, ip));
  if (pair && pair.consumedPoints >= limiters.loginFailuresPerAccountIp.points) {
    throw errors.rateLimited(Math.max(1, Math.ceil(pair.msBeforeNext / 1000)));
  }
  const spread = await limiters.loginSlowdownPerAccount.get(account);
  const wait = slowdownMs(spread?.consumedPoints ?? 0, limiters.loginSlowdownPerAccount.points);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

export async function loginFailed(limiters: RateLimiters, account: string, ip: string): Promise<void> {
  await Promise.all([limiters.loginFailuresPerAccountIp.penalty(pairKey(account, ip), 1), limiters.loginSlowdownPerAccount.penalty(account, 1)]);
}

export async function loginSucceeded(limiters: RateLimiters, account: string, ip: string): Promise<void> {
  await limiters.loginFailuresPerAccountIp.delete(pairKey(account, ip));
}
