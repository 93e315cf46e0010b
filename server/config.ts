// Environment, parsed once. Every variable is listed in README's configuration table.
import { z } from "zod";

const zBoolean = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const zConfigEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional().or(z.literal("").transform(() => undefined)),
  /** Comma-separated former secrets whose cookies are still accepted while sessions move to the new one. */
  SESSION_SECRET_PREVIOUS: z.string().default(""),
  /** Absolute session lifetime: a login lasts at most this long, used or not. */
  SESSION_MAX_AGE_DAYS: z.coerce.number().positive().default(14),
  /** Idle timeout: a session unused for this long is logged out on the server. */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(8 * 60),
  /** Served over TLS only: name the cookie __Host-roundtable.sid (always Secure, Path=/, no Domain). */
  SESSION_COOKIE_HOST_PREFIX: zBoolean,
  /**
   * Behind a reverse proxy: "true" trusts a proxy at a loopback or private address (the usual one on the
   * same host or network); or a comma-separated list of the proxies' addresses or subnets. X-Forwarded-For
   * from any other peer is ignored.
   */
  TRUST_PROXY: z.string().default(""),
  REDIS_URL: z.string().optional().or(z.literal("").transform(() => undefined)),
  /** How often (ms) the scheduler moves consultations whose opensAt/closesAt has passed. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  LOG_REQUESTS: zBoolean,
  /** Admins, organisers and moderators must set up two-factor before using their role ("" = on in production). */
  REQUIRE_STAFF_2FA: z.enum(["true", "false", "1", "0", ""]).optional(),
  /** Comma-separated origins (besides the server's own host) allowed to open Socket.IO connections. */
  ALLOWED_ORIGINS: z.string().default(""),
  /** Multiplies every rate limit: for load tests that come from one address. */
  RATE_LIMIT_SCALE: z.coerce.number().positive().max(1_000_000).default(1),
  /** Connections to PostgreSQL for requests and jobs, per process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(10),
  /** How long the event log keeps events for catch-up after a disconnection. */
  EVENT_RETENTION_DAYS: z.coerce.number().positive().default(7),
  /** Shed load (503) when the event loop's p99 delay exceeds this many ms… */
  OVERLOAD_EVENT_LOOP_MS: z.coerce.number().positive().default(500),
  /** …or when more requests than this wait for a database connection. */
  OVERLOAD_POOL_QUEUE: z.coerce.number().int().min(0).default(100),
  /** On SIGTERM, how long readiness fails while requests are still served (the balancer's notice time). */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(0),
  /** Then how long requests in flight may take to finish before their connections are closed. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** The process exits after this long whatever happens (a stop that hangs is a stop that never ends). */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Worker threads for PDF, DOCX and package jobs and summary renders; also how many jobs a process runs at once. */
  EXPORT_WORKERS: z.coerce.number().int().min(1).max(32).default(1),
  /** How often (ms) each process looks for queued export jobs (jobs made on the same process start at once). */
  EXPORT_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
  /** How long a running job stays claimed without a heartbeat before it counts as abandoned. */
  EXPORT_LEASE_SECONDS: z.coerce.number().positive().default(30),
  /** Runs of a job whose process died, before it is failed instead of re-queued. */
  EXPORT_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(2),
  /** How long a finished export can be downloaded before its result is deleted. */
  EXPORT_RESULT_TTL_HOURS: z.coerce.number().positive().default(24),
  /** How often (ms) each process looks for submitted responses waiting for campaign grouping (its own are grouped at once). */
  CAMPAIGN_GROUPING_POLL_MS: z.coerce.number().int().min(50).default(1_000),
  /** Largest file a respondent may attach to a response, in bytes. */
  RESPONSE_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1_024).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Most files one response may carry, all its file-upload questions together. */
  RESPONSE_ATTACHMENTS_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** smtp://user:pass@host:port (or smtps://); unset: mail is written to the log and the admins' outbox only. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional().or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().default("Roundtable <no-reply@localhost>"),
  /** The address people reach the site at: the base of every link in mail. */
  PUBLIC_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  /** How often (ms) each process looks for mail to send and digests that are due. */
  MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
  /** Deliveries of one mail before it is marked failed (retries back off: 30 s, 2 min, 8 min…). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(6),
  /** Hours between two digests of one account (24: daily). */
  MAIL_DIGEST_HOURS: z.coerce.number().positive().default(24),
});

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  sessionSecret?: string;
  sessionMaxAgeMs: number;
  sessionIdleMs: number;
  sessionSecretsPrevious: string[];
  sessionCookieHostPrefix: boolean;
  trustProxy: boolean;
  /** Express's "trust proxy" setting: the addresses whose X-Forwarded-For is believed. */
  trustedProxies: string[];
  redisUrl?: string;
  schedulerIntervalMs: number;
  logRequests: boolean;
  /** Staff roles stay unused (403 two_factor_required) until their holder has set up two-factor. */
  requireStaffTwoFactor: boolean;
  allowedOrigins: string[];
  rateLimitScale: number;
  databasePoolSize: number;
  eventRetentionMs: number;
  overload: { eventLoopDelayMs: number; poolQueue: number };
  shutdownDrainMs: number;
  shutdownGraceMs: number;
  shutdownTimeoutMs: number;
  exports: {
    workers: number;
    pollIntervalMs: number;
    leaseMs: number;
    maxAttempts: number;
    resultTtlMs: number;
  };
  responses: { attachmentMaxBytes: number; attachmentsMax: number; groupingPollMs: number };
  mail: {
    smtpUrl?: string;
    from: string;
    /** Base of links in mail, without a trailing slash. */
    publicUrl: string;
    pollIntervalMs: number;
    maxAttempts: number;
    digestIntervalMs: number;
  };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = zConfigEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET,
    sessionMaxAgeMs: e.SESSION_MAX_AGE_DAYS * 24 * 3600 * 1000,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60 * 1000,
    sessionSecretsPrevious: e.SESSION_SECRET_PREVIOUS.split(",").map((s) => s.trim()).filter(Boolean),
    sessionCookieHostPrefix: e.SESSION_COOKIE_HOST_PREFIX,
    ...parseTrustProxy(e.TRUST_PROXY),
    redisUrl: e.REDIS_URL,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    logRequests: e.LOG_REQUESTS,
    requireStaffTwoFactor: e.REQUIRE_STAFF_2FA === undefined || e.REQUIRE_STAFF_2FA === "" ? e.NODE_ENV === "production" : e.REQUIRE_STAFF_2FA === "true" || e.REQUIRE_STAFF_2FA === "1",
    allowedOrigins: e.ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean),
    rateLimitScale: e.RATE_LIMIT_SCALE,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    eventRetentionMs: e.EVENT_RETENTION_DAYS * 24 * 3600 * 1000,
    overload: { eventLoopDelayMs: e.OVERLOAD_EVENT_LOOP_MS, poolQueue: e.OVERLOAD_POOL_QUEUE },
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    exports: {
      workers: e.EXPORT_WORKERS,
      pollIntervalMs: e.EXPORT_POLL_INTERVAL_MS,
      leaseMs: e.EXPORT_LEASE_SECONDS * 1000,
      maxAttempts: e.EXPORT_MAX_ATTEMPTS,
      resultTtlMs: e.EXPORT_RESULT_TTL_HOURS * 3600 * 1000,
    },
    responses: { attachmentMaxBytes: e.RESPONSE_ATTACHMENT_MAX_BYTES, attachmentsMax: e.RESPONSE_ATTACHMENTS_MAX, groupingPollMs: e.CAMPAIGN_GROUPING_POLL_MS },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
      pollIntervalMs: e.MAIL_POLL_INTERVAL_MS,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      digestIntervalMs: e.MAIL_DIGEST_HOURS * 3600 * 1000,
    },
  };
}

function parseTrustProxy(value: string): { trustProxy: boolean; trustedProxies: string[] } {
  const v = value.trim();
  if (v === "" || v === "false" || v === "0") return { trustProxy: false, trustedProxies: [] };
  if (v === "true" || v === "1") return { trustProxy: true, trustedProxies: ["loopback", "linklocal", "uniquelocal"] };
  return { trustProxy: true, trustedProxies: v.split(",").map((p) => p.trim()).filter(Boolean) };
}
