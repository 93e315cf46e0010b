// The typed Socket.IO server and socket of this application, and the one typed way to send a delivery.
import type { BroadcastOperator, Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerEventName, ServerEventPayloads, ServerToClientEvents } from "../../shared/events.ts";
import type { SocketData } from "./handlers.ts";

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Target = BroadcastOperator<ServerToClientEvents, SocketData> | AppSocket;

/** Emits one event with its sequence number; the payload's type follows the event's name. */
export function emitEvent<K extends ServerEventName>(target: Target, name: K, seq: number, payload: ServerEventPayloads[K]): void {
  const broadcast = { seq, ...payload } as Parameters<ServerToClientEvents[K]>[0];
  (target.emit as (ev: K, payload: Parameters<ServerToClientEvents[K]>[0]) => boolean)(name, broadcast);
}
