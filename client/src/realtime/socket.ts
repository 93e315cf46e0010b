// The one Socket.IO connection of the page: same origin (the session cookie goes with the handshake),
// default transports, typed by the shared event contract. Socket.IO reconnects by itself with backoff
// after a network failure; when the SERVER ends the connection (logout, a restart, a kick) it does
// not, so connection.ts reconnects then.
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, JoinResult, ServerToClientEvents } from "../../../shared/events.ts";
import i18n from "../i18n/index.ts";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | null = null;

export function getSocket(): AppSocket {
  socket ??= io({ autoConnect: false, withCredentials: true });
  return socket;
}

/**
 * A new handshake: after login or logout the session cookie changed, and the server only reads it
 * when a connection starts.
 */
export function restartSocket(): void {
  const s = getSocket();
  s.disconnect();
  s.connect();
}

export type RoomJoin = "thread:join" | "consultation:join" | "queue:join";
export type RoomName = "thread" | "consultation" | "queue";

export const ROOM_OF: Record<RoomJoin, RoomName> = { "thread:join": "thread", "consultation:join": "consultation", "queue:join": "queue" };

const ACK_TIMEOUT_MS = 8_000;

/** Joins a room; resolves with the server's ack (a timeout becomes an error ack). */
export async function joinRoom(s: AppSocket, name: RoomJoin, payload: Record<string, unknown>): Promise<Ack<JoinResult>> {
  try {
    // The payload shapes differ per room; the server validates each one.
    return (await s.timeout(ACK_TIMEOUT_MS).emitWithAck(name as "thread:join", payload as never)) as Ack<JoinResult>;
  } catch {
    return { error: { code: "unavailable", message: i18n.t("common:errors.socketTimeout") } };
  }
}
