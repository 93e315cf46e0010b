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
  SESSION_MAX_AGE_DAYS: z.coerce.number().positive().default(14),
  TRUST_PROXY: zBoolean,
  REDIS_URL: z.string().optional().or(z.literal("").transform(() => undefined)),
  /** How often (ms) the scheduler moves consultations whose opensAt/closesAt has passed. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  LOG_REQUESTS: zBoolean,
  /** Comma-separated origins (besides the server's own host) allowed to open Socket.IO connections. */
  ALLOWED_ORIGINS: z.string().default(""),
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
});

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  sessionSecret?: string;
  sessionMaxAgeMs: number;
  trustProxy: boolean;
  redisUrl?: string;
  schedulerIntervalMs: number;
  logRequests: boolean;
  allowedOrigins: string[];
  exports: {
    workers: number;
    pollIntervalMs: number;
    leaseMs: number;
    maxAttempts: number;
    resultTtlMs: number;
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
    trustProxy: e.TRUST_PROXY,
    redisUrl: e.REDIS_URL,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    logRequests: e.LOG_REQUESTS,
    allowedOrigins: e.ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean),
    exports: {
      workers: e.EXPORT_WORKERS,
      pollIntervalMs: e.EXPORT_POLL_INTERVAL_MS,
      leaseMs: e.EXPORT_LEASE_SECONDS * 1000,
      maxAttempts: e.EXPORT_MAX_ATTEMPTS,
      resultTtlMs: e.EXPORT_RESULT_TTL_HOURS * 3600 * 1000,
    },
  };
}
