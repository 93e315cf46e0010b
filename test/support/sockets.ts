// Real socket.io-client connections for tests, carrying a TestClient's session cookie.
import { io, type Socket } from "socket.io-client";
import type { TestClient } from "./client.ts";
import type { Ack, Broadcast } from "../../shared/events.ts";
import type { PrismaClient } from "../../server/db/index.ts";
import { recordEventNow } from "../../server/events/record.ts";
import { GLOBAL } from "../../server/events/types.ts";

/** How long an acknowledgement may take: generous, since a loaded CI machine (or a server that has just
 * restarted and is catching up) answers slowly; a lost ack still fails the test. */
const ACK_TIMEOUT_MS = 20_000;

export interface TestSocket {
  socket: Socket;
  /** Every broadcast received, in order: [event name, payload]. */
  received: [string, Broadcast][];
  request<T = any>(name: string, payload: unknown): Promise<Ack<T>>;
  /** Resolves with the first received event matching, waiting up to timeoutMs. */
  waitFor(name: string, match?: (p: Broadcast) => boolean, timeoutMs?: number): Promise<Broadcast>;
  close(): void;
}

export async function connectSocket(baseUrl: string, client?: TestClient, opts: { origin?: string } = {}): Promise<TestSocket> {
  const headers: Record<string, string> = {};
  const cookie = client?.cookieHeader();
  if (cookie) headers.cookie = cookie;
  if (opts.origin) headers.origin = opts.origin;
  const socket = io(baseUrl, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
  const received: [string, Broadcast][] = [];
  const waiters: { name: string; match: (p: Broadcast) => boolean; resolve: (p: Broadcast) => void }[] = [];
  socket.onAny((name: string, payload: Broadcast) => {
    received.push([name, payload]);
    for (const w of [...waiters]) {
      if (w.name === name && w.match(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
  return {
    socket,
    received,
    request: (name, payload) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck(name, payload) as never,
    waitFor(name, match = () => true, timeoutMs = 5_000) {
      const already = received.find(([n, p]) => n === name && match(p));
      if (already) return Promise.resolve(already[1]);
      return new Promise((resolve, reject) => {
        const w = { name, match, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`no ${name} within ${timeoutMs} ms; got ${received.map(([n]) => n).join(", ")}`));
          }
        }, timeoutMs);
      });
    },
    close: () => socket.disconnect(),
  };
}

let markers = 0; // unique marker ids within a test file

/**
 * The positive control of every "nothing arrived" check: records an event now that this socket does
 * receive (in its own user room, or in a thread it joined) and waits for it. Events reach a socket in log
 * order, so once the marker is there, everything recorded before it that was going to arrive has arrived.
 */
export async function deliveredUpToNow(prisma: PrismaClient, s: TestSocket, via: { userId: string } | { threadId: string; consultationId: string }): Promise<void> {
  const jobId = `marker-${++markers}`;
  if ("userId" in via) {
    await recordEventNow(prisma, { consultationId: GLOBAL, type: "export:progressed", payload: { jobId, userId: via.userId, status: "running", progress: 0 } });
    await s.waitFor("export:progressed", (p) => p.jobId === jobId, 10_000);
  } else {
    await recordEventNow(prisma, { consultationId: via.consultationId, threadId: via.threadId, type: "thread:updated", payload: { threadId: via.threadId } });
    const marker = await prisma.domainEvent.findFirstOrThrow({ where: { threadId: via.threadId, type: "thread:updated" }, orderBy: { seq: "desc" } });
    await s.waitFor("thread:updated", (p) => (p.thread as { id: string }).id === via.threadId && p.seq >= Number(marker.seq), 10_000);
  }
}
