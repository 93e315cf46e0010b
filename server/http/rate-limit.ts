// Rate limits with rate-limiter-flexible: in Redis when REDIS_URL is set (shared by every process),
// otherwise in this process's memory. Over the limit: 429 with Retry-After, and the handler never runs.
import type { Request, RequestHandler } from "express";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { errors } from "./errors.ts";

export interface LimitSpec {
  /** Requests allowed per window. */
  points: number;
  /** Window length in seconds. */
  duration: number;
}

export const DEFAULT_LIMITS = {
  loginPerIp: { points: 30, duration: 15 * 60 },
  // Failed logins for one account from one address: that address is refused for this account, no one else.
  loginFailuresPerAccountIp: { points: 10, duration: 15 * 60 },
  // Failed logins for one account from anywhere: past this many, answers slow down (never a refusal).
  loginSlowdownPerAccount: { points: 20, duration: 15 * 60 },
  registerPerIp: { points: 10, duration: 60 * 60 },
  writePerUser: { points: 60, duration: 60 },
  writePerIp: { points: 300, duration: 60 },
  endorsePerUser: { points: 120, duration: 60 },
  flagPerUser: { points: 20, duration: 10 * 60 },
  flagPerIp: { points: 100, duration: 10 * 60 },
  // The composer previews as the user types (debounced): more generous than writes.
  previewPerUser: { points: 240, duration: 60 },
  // Mailed links: resending one's verification link; password-reset requests per address asked about and
  // per client address (also the link-opening endpoints, so tokens cannot be guessed at speed).
  mailPerUser: { points: 5, duration: 60 * 60 },
  mailPerEmail: { points: 5, duration: 60 * 60 },
  mailLinkPerIp: { points: 30, duration: 15 * 60 },
  // Socket requests (joins, leaves): generous, but a flood gets error acks.
  socketPerUser: { points: 60, duration: 10 },
  // Partners' forms send responses with their API key: generous for a campaign's peak, bounded.
  partnerPerKey: { points: 600, duration: 60 },
  // Public data downloads (the responses CSV streams a whole consultation): a reader's few, not a loop.
  exportPerIp: { points: 20, duration: 10 * 60 },
} satisfies Record<string, LimitSpec>;
export type LimitName = keyof typeof DEFAULT_LIMITS;

export type RateLimiters = Record<LimitName, RateLimiterAbstract>;

export function createRateLimiters(opts: { redis?: unknown; overrides?: Partial<Record<LimitName, LimitSpec>>; scale?: number }): RateLimiters {
  const make = (name: LimitName): RateLimiterAbstract => {
    const spec = { ...DEFAULT_LIMITS[name], ...opts.overrides?.[name] };
    const common = { keyPrefix: `rl:${name}`, points: Math.ceil(spec.points * (opts.scale ?? 1)), duration: spec.duration };
    return opts.redis ? new RateLimiterRedis({ ...common, storeClient: opts.redis }) : new RateLimiterMemory(common);
  };
  return Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((n) => [n, make(n as LimitName)])) as RateLimiters;
}

/** Consumes one point; throws the 429 AppError when the key is over its limit. */
export async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw errors.rateLimited(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    throw err;
  }
}

export function limitBy(limiter: RateLimiterAbstract, keyOf: (req: Request) => string | undefined): RequestHandler {
  return async (req, _res, next) => {
    const key = keyOf(req);
    if (key !== undefined) await consume(limiter, key);
    next();
  };
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}
