// Which code runs on behalf of an HTTP request: everything a request's middlewares and handlers start
// (promises, callbacks) runs inside its scope; the server's own timers (the event tail, job runners, the
// mail sender, the indexing queue, the lifecycle scheduler) run outside it. Tests that count a request's
// queries count only those made inside (server/db/index.ts passes the flag with each query). Installed
// only when something listens to queries (AppDeps.scopeRequests): AsyncLocalStorage has a cost per promise.
import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestHandler } from "express";

const scope = new AsyncLocalStorage<true>();

export const requestScope: RequestHandler = (_req, _res, next) => scope.run(true, next);

export const inRequestScope = (): boolean => scope.getStore() === true;

/** Runs `fn` outside any request's scope: for work a request only sets off (a timer for a background loop). */
export const outsideRequestScope = <T>(fn: () => T): T => scope.exit(fn);
