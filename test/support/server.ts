// A real server on a random port, on a fresh test database; real HTTP through TestClient.
import { loadConfig, type Config } from "../../server/config.ts";
import { startServer, type RunningServer } from "../../server/server.ts";
import type { QueryListener } from "../../server/db/index.ts";
import type { LimitName, LimitSpec } from "../../server/http/rate-limit.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";
import { TestClient } from "./client.ts";
import { TEST_SERVER_ENV } from "./processes.ts";

const GENEROUS = { points: 100_000, duration: 60 };
/** Tests register many users from one address: limits are lifted unless a test sets its own. */
export const TEST_RATE_LIMITS: Record<LimitName, LimitSpec> = {
  loginPerIp: GENEROUS,
  loginFailuresPerAccountIp: GENEROUS,
  loginSlowdownPerAccount: GENEROUS,
  registerPerIp: GENEROUS,
  writePerUser: GENEROUS,
  writePerIp: GENEROUS,
  endorsePerUser: GENEROUS,
  flagPerUser: GENEROUS,
  flagPerIp: GENEROUS,
  previewPerUser: GENEROUS,
  socketPerUser: GENEROUS,
  partnerPerKey: GENEROUS,
  exportPerIp: GENEROUS,
  mailPerUser: GENEROUS,
  mailPerEmail: GENEROUS,
  mailLinkPerIp: GENEROUS,
};

export interface TestServer {
  server: RunningServer;
  url: string;
  prisma: RunningServer["db"]["prisma"];
  config: Config;
  client(): TestClient;
  /** Stops the server and starts a new one on the same database (same port not guaranteed). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestServer(
  opts: { rateLimits?: Partial<Record<LimitName, LimitSpec>>; env?: Record<string, string>; onQuery?: QueryListener } = {},
): Promise<TestServer> {
  const testDb: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    ...(testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : {}),
    ...TEST_SERVER_ENV,
    ...opts.env,
  });
  const start = () => startServer(config, { pglite: testDb.pglite, rateLimits: { ...TEST_RATE_LIMITS, ...opts.rateLimits }, onQuery: opts.onQuery });
  const handle: TestServer = {
    server: await start(),
    config,
    get url() {
      return this.server.url;
    },
    get prisma() {
      return this.server.db.prisma;
    },
    client() {
      return new TestClient(this.server.url);
    },
    async restart() {
      await this.server.close();
      this.server = await start();
    },
    async stop() {
      await this.server.close();
      await testDb.drop();
    },
  };
  return handle;
}

/**
 * A query a request made for itself: inside the request's scope (not the server's own timers, which run
 * more often the longer a busy machine takes to answer: the event tail, job runners, the mail sender, the
 * indexing queue, the scheduler), and not the session store's (whether a request touches its session
 * depends on the clock). Tests that count a request's queries count these.
 */
export const isRequestQuery = (sql: string, made: { inRequest: boolean }): boolean => made.inRequest && !/"sessions"/.test(sql);
