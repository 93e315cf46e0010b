// createApp: middleware order, routers and the error handler. No listen(): tests and index.ts share it.
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import express, { type Express, type RequestHandler } from "express";
import helmet from "helmet";
import type session from "express-session";
import type { Config } from "./config.ts";
import type { PrismaClient } from "./db/index.ts";
import { createPassport } from "./accounts/passport.ts";
import { accountRoutes } from "./accounts/routes.ts";
import { profileRoutes } from "./accounts/profile-routes.ts";
import { twoFactorRoutes } from "./accounts/two-factor-routes.ts";
import { privacyRoutes } from "./privacy/routes.ts";
import { requestLogger } from "./privacy/request-log.ts";
import { organisationRoutes } from "./organisations/routes.ts";
import { adminRoutes } from "./admin/routes.ts";
import { consultationRoutes } from "./consultations/routes.ts";
import { threadRoutes } from "./threads/routes.ts";
import { positionRoutes } from "./positions/routes.ts";
import { searchRoutes } from "./search/routes.ts";
import { contentRoutes } from "./content/routes.ts";
import { moderationRoutes } from "./moderation/routes.ts";
import { userRoutes } from "./users/routes.ts";
import { exportRoutes } from "./exports/routes.ts";
import { textRoutes } from "./texts/routes.ts";
import { amendmentRoutes } from "./amendments/routes.ts";
import { responseRoutes } from "./responses/routes.ts";
import { analysisRoutes } from "./responses/analysis/routes.ts";
import { intakeRoutes, partnerApiRoutes } from "./responses/intake/routes.ts";
import { mailRoutes } from "./mail/routes.ts";
import { invitationRoutes } from "./invitations/routes.ts";
import { MailSender } from "./mail/sender.ts";
import { requireVerifiedEmail } from "./accounts/verification.ts";
import type { AppContext } from "./context.ts";
import { ExportJobRunner } from "./exports/job-runner.ts";
import { csrfProtection, issueCsrfToken } from "./http/csrf.ts";
import { serveOpenApi } from "./http/openapi.ts";
import { errorHandler, errors } from "./http/errors.ts";
import { clientIp, createRateLimiters, limitBy, type LimitName, type LimitSpec } from "./http/rate-limit.ts";
import { createSessionMiddleware, extendSessions, HOST_SESSION_COOKIE, SESSION_COOKIE } from "./http/session.ts";
import { unlessAnonymousRead } from "./http/anonymous-reads.ts";
import { enforceSessionTimeouts } from "./accounts/session-list.ts";
import { LIMITS } from "../shared/limits.ts";
import { CampaignGrouper } from "./responses/grouping.ts";
import { requestScope } from "./http/request-scope.ts";
import { createOverloadMonitor, type OverloadMonitor } from "./http/overload.ts";
import { contentSecurityDirectives, noStore } from "./http/headers.ts";

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/client");

export interface AppDeps {
  config: Config;
  prisma: PrismaClient;
  sessionStore: session.Store;
  sessionSecret: string;
  redis?: unknown;
  rateLimits?: Partial<Record<LimitName, LimitSpec>>;
  /**
   * Where a stop has got to: "draining" fails readiness (the load balancer stops sending) but still
   * serves; "closing" turns new requests away with 503.
   */
  lifecycle?: () => "serving" | "draining" | "closing";
  /** Requests waiting for a database connection (PostgreSQL's pool), for load shedding. */
  poolWaiting?: () => number;
  /**
   * Track which code runs for a request (http/request-scope.ts), for a listener on queries. Off unless
   * one listens: AsyncLocalStorage costs a little on every promise.
   */
  scopeRequests?: boolean;
}

const userKey = (req: express.Request) => (req.user as { id: string } | undefined)?.id;

export interface CreatedApp {
  app: Express;
  ctx: AppContext;
  /** Shared with Socket.IO's handshake, so sockets see the same session and user. */
  sessionMiddleware: RequestHandler;
  passportInitialize: RequestHandler;
  passportSession: RequestHandler;
  overload: OverloadMonitor;
  /** Export jobs of this process: the server starts it after listening and stops it when closing. */
  exportJobs: ExportJobRunner;
  /** Delivers the outbox and the digests; started and stopped like exportJobs. */
  mailSender: MailSender;
}

export function createApp(deps: AppDeps): CreatedApp {
  const { config, prisma } = deps;
  const passport = createPassport(prisma, { requireStaffTwoFactor: config.requireStaffTwoFactor });
  const rateLimiters = createRateLimiters({ redis: deps.redis, overrides: deps.rateLimits, scale: config.rateLimitScale });
  const ctx: AppContext = {
    config,
    prisma,
    passport,
    rateLimiters,
    limits: {
      login: limitBy(rateLimiters.loginPerIp, clientIp),
      register: limitBy(rateLimiters.registerPerIp, clientIp),
      // Every contribution route goes through one of these three: an unconfirmed address stops there.
      write: [requireVerifiedEmail, limitBy(rateLimiters.writePerUser, userKey), limitBy(rateLimiters.writePerIp, clientIp)],
      endorse: [requireVerifiedEmail, limitBy(rateLimiters.endorsePerUser, userKey), limitBy(rateLimiters.writePerIp, clientIp)],
      flag: [requireVerifiedEmail, limitBy(rateLimiters.flagPerUser, userKey), limitBy(rateLimiters.flagPerIp, clientIp)],
      preview: limitBy(rateLimiters.previewPerUser, userKey),
      export: limitBy(rateLimiters.exportPerIp, clientIp),
    },
    sessionCookieName: config.sessionCookieHostPrefix ? HOST_SESSION_COOKIE : SESSION_COOKIE,
    campaignGrouper: new CampaignGrouper(prisma, config.responses.groupingPollMs),
  };

  const app = express();
  app.disable("x-powered-by");
  if (deps.scopeRequests) app.use(requestScope);
  // Only a peer that IS a trusted proxy may name the client's address; anyone reaching the server directly
  // could otherwise rotate X-Forwarded-For to escape per-address limits.
  if (config.trustProxy) app.set("trust proxy", config.trustedProxies);
  app.use(helmet({ contentSecurityPolicy: { directives: contentSecurityDirectives(config) } }));
  app.use((req, res, next) => {
    if (deps.lifecycle?.() === "closing") {
      res.setHeader("Connection", "close");
      next(errors.unavailable("The server is restarting. Try again in a moment."));
      return;
    }
    next();
  });

  // Method, path, status, time: never a query string, header or body (server/privacy/request-log.ts).
  if (config.logRequests) app.use(requestLogger());

  const api = express.Router();
  // First: a request shed under overload costs nothing (no body parsing, no session read).
  const overload = createOverloadMonitor(config.overload, deps.poolWaiting ?? (() => 0));
  api.use(overload.middleware);
  // Everything under /api may depend on the session: no browser or shared cache keeps a copy.
  api.use(noStore);
  api.use(unlessAnonymousRead(express.json({ limit: LIMITS.jsonBodyBytes })));
  const sessionMiddleware = createSessionMiddleware({
    store: deps.sessionStore,
    // Cookies are signed with the current secret; ones signed with a previous secret still verify (rotation).
    secret: [deps.sessionSecret, ...config.sessionSecretsPrevious],
    maxAgeMs: config.sessionMaxAgeMs,
    secureCookies: config.trustProxy || config.env === "production",
    hostPrefix: config.sessionCookieHostPrefix,
  });
  const passportInitialize = passport.initialize();
  // Passport then the timeouts, as one middleware: REST and the Socket.IO handshake both get both.
  const restoreLogin = passport.session();
  const timeouts = enforceSessionTimeouts({ idleMs: config.sessionIdleMs, absoluteMs: config.sessionMaxAgeMs });
  const passportSession: RequestHandler = (req, res, next) => restoreLogin(req, res, (err?: unknown) => (err ? next(err) : timeouts(req, res, next)));
  // An anonymous read has no session to load (server/http/anonymous-reads.ts).
  api.use(unlessAnonymousRead(sessionMiddleware));
  api.use(unlessAnonymousRead(passportInitialize));
  api.use(unlessAnonymousRead(passportSession));
  api.use(unlessAnonymousRead(extendSessions));
  api.get("/csrf", issueCsrfToken);
  api.get("/openapi.json", serveOpenApi);
  // Liveness: the process answers and reaches its database.
  api.get("/health", async (_req, res) => {
    try {
      await prisma.$queryRaw`SELECT 1`;
      res.json({ status: "ok", database: "ok" });
    } catch {
      res.status(503).json({ status: "degraded", database: "unreachable" });
    }
  });
  // Readiness: send me traffic. Fails first when the server stops, so the balancer moves on before it closes.
  api.get("/health/ready", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    const stage = deps.lifecycle?.() ?? "serving";
    if (stage !== "serving") return void res.status(503).json({ status: "stopping", stage });
    try {
      await prisma.$queryRaw`SELECT 1`;
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "degraded", database: "unreachable" });
    }
  });
  // Partners authenticate with an API key, not the session: before the CSRF check (server/responses/intake).
  api.use(partnerApiRoutes(ctx));
  api.use(csrfProtection);
  api.use(accountRoutes(ctx));
  api.use(profileRoutes(ctx));
  api.use(twoFactorRoutes(ctx));
  api.use(privacyRoutes(ctx));
  api.use(organisationRoutes(ctx));
  api.use(adminRoutes(ctx));
  api.use(consultationRoutes(ctx));
  api.use(threadRoutes(ctx));
  api.use(positionRoutes(ctx));
  api.use(searchRoutes(ctx));
  api.use(contentRoutes(ctx));
  api.use(moderationRoutes(ctx));
  api.use(userRoutes(ctx));
  const exportJobs = new ExportJobRunner(ctx);
  api.use(exportRoutes(ctx, exportJobs));
  api.use(textRoutes(ctx));
  api.use(amendmentRoutes(ctx));
  api.use(responseRoutes(ctx));
  api.use(analysisRoutes(ctx));
  api.use(intakeRoutes(ctx));
  api.use(mailRoutes(ctx));
  api.use(invitationRoutes(ctx));
  api.use((req, _res, next) => next(errors.routeNotFound(req)));
  app.use("/api", api);

  // The built client, with index.html for every other path (client-side routing).
  if (fs.existsSync(path.join(CLIENT_DIST, "index.html"))) {
    app.use(express.static(CLIENT_DIST, { index: false, maxAge: "1h" }));
    app.get("/{*path}", (_req, res) => res.sendFile(path.join(CLIENT_DIST, "index.html")));
  }
  app.use(errorHandler);
  const mailSender = new MailSender(prisma, config.mail);
  return { app, ctx, sessionMiddleware, passportInitialize, passportSession, overload, exportJobs, mailSender };
}
