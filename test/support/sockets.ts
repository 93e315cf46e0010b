// Real socket.io-client connections for tests, carrying a TestClient's session cookie.
import { io, type Socket } from "socket.io-client";
import type { TestClient } from "./client.ts";
import type { Ack, Broadcast } from "../../shared/events.ts";

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
    request: (name, payload) => socket.timeout(5_000).emitWithAck(name, payload) as never,
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

/** Waits long enough for the dispatcher to have delivered anything that was going to be delivered. */
export const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));
