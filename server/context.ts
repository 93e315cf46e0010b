// Everything a router or socket handler needs, built once at boot and passed down explicitly.
import { EventEmitter } from "node:events";
import type { RequestHandler } from "express";
import type { Config } from "./config.ts";
import type { PrismaClient } from "./db/index.ts";
import type { AppPassport } from "./accounts/passport.ts";
import type { RateLimiters } from "./http/rate-limit.ts";
import type { ExportJobStatus } from "../shared/schemas/exports.ts";

/** In-process domain events, emitted after a transaction commits (the real-time layer listens). */
export interface DomainEvents {
  "user:loggedOut": { userId: string; sessionId?: string };
  "user:suspended": { userId: string };
  /** A role changed, a member was removed, or the consultation's access changed: re-check sockets. */
  "access:changed": { consultationId: string; userId?: string };
  /** An export job was queued, progressed or ended: for its requester only (jobs are private). */
  "export:progress": { jobId: string; userId: string; consultationId: string; status: ExportJobStatus; progress: number };
}

export class DomainEventBus {
  private readonly emitter = new EventEmitter();
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
    this.emitter.emit(name, payload);
  }
  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): void {
    this.emitter.on(name, listener);
  }
}

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
  };
  events: DomainEventBus;
  sessionCookieName: string;
}
