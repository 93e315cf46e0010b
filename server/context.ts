// Everything a router or socket handler needs, built once at boot and passed down explicitly.
import type { RequestHandler } from "express";
import type { Config } from "./config.ts";
import type { PrismaClient } from "./db/index.ts";
import type { AppPassport } from "./accounts/passport.ts";
import type { RateLimiters } from "./http/rate-limit.ts";
import type { CampaignGrouper } from "./responses/grouping.ts";

export interface AppContext {
  config: Config;
  prisma: PrismaClient;
  passport: AppPassport;
  rateLimiters: RateLimiters;
  /** Ready-made middlewares for the limits routes use. */
  limits: {
    login: RequestHandler;
    register: RequestHandler;
    /** Posting and other writes: per user and per address. */
    write: RequestHandler[];
    endorse: RequestHandler[];
    flag: RequestHandler[];
    preview: RequestHandler;
    /** Public downloads of a whole consultation's data: per address. */
    export: RequestHandler;
  };
  sessionCookieName: string;
  /** Groups submitted responses into campaigns beside the requests; routes nudge it after taking responses in. */
  campaignGrouper: CampaignGrouper;
}
