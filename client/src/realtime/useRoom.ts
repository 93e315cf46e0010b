// Following one room (a thread, a consultation, a moderation queue): join it while the component is
// shown, leave it after. The highest event sequence number seen is remembered, so that after a
// reconnection (or a "rooms:reset" when access changed) the join asks for what was missed (`since`)
// and the missed events are applied in order, through the same handler as live ones.
import { useEffect, useRef } from "react";
import type { Broadcast, JoinResult, ServerEventName } from "../../../shared/events.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { useRealtime } from "./RealtimeContext.tsx";
import { joinRoom, ROOM_OF, type RoomJoin } from "./socket.ts";

/** Replay batches (of up to 1,000 events) applied one after the other before giving up and reloading. */
const MAX_REPLAY_BATCHES = 5;

export interface RoomOptions {
  join: RoomJoin;
  /** The room's id (thread or consultation); null: not now. */
  id: string | null;
  /** The consultation the room belongs to, for "rooms:reset". */
  consultationId: string | null;
  /** Applies one event; returns whether it concerned this room (then its sequence number counts). */
  onEvent(name: ServerEventName, payload: Broadcast, replayed: boolean): boolean;
  onJoined?(result: JoinResult, rejoin: boolean): void;
  /** So much was missed that replaying it all was given up: load afresh. */
  onResync?(): void;
  onJoinError?(error: { code: ErrorCode; message: string }): void;
}

export function useRoom(opts: RoomOptions): void {
  const { socket, trackRejoin } = useRealtime();
  const latest = useRef(opts);
  latest.current = opts;
  const { join: joinName, id } = opts;

  useEffect(() => {
    if (!id) return;
    let lastSeq: number | undefined;
    let joined = false;
    let active = true;
    const field = joinName === "thread:join" ? "threadId" : "consultationId";

    const join = (rejoin: boolean) => {
      const done = (async () => {
        // The server replays in batches; "more" asks for the next one. Past a point, loading afresh is cheaper.
        let resync = false;
        for (let batch = 0; ; batch++) {
          const ack = await joinRoom(socket, joinName, { [field]: id, ...(lastSeq !== undefined ? { since: lastSeq } : {}) });
          if (!active) return;
          if ("error" in ack) {
            latest.current.onJoinError?.(ack.error);
            return;
          }
          if (ack.data.resync) {
            // Away longer than the server keeps events: what was missed cannot be replayed whole.
            resync = true;
          }
          if (ack.data.more && batch >= MAX_REPLAY_BATCHES) {
            // Join from now on (no `since`: the answer carries the newest sequence number) and reload.
            lastSeq = undefined;
            resync = true;
            continue;
          }
          for (const event of [...ack.data.missed].sort((a, b) => a.seq - b.seq)) {
            latest.current.onEvent(event.name, { seq: event.seq, ...event.payload }, true);
          }
          lastSeq = Math.max(lastSeq ?? 0, ack.data.seq);
          if (ack.data.more) continue;
          joined = true;
          if (resync) latest.current.onResync?.();
          latest.current.onJoined?.(ack.data, rejoin);
          return;
        }
      })();
      if (rejoin) trackRejoin(done);
      return done;
    };

    const onAny = (name: string, payload: Broadcast) => {
      if (name === "rooms:reset") {
        // Access changed: the server took us out of this consultation's rooms; the join checks again.
        if (payload.consultationId === latest.current.consultationId) void join(true);
        return;
      }
      if (!payload || typeof payload !== "object") return;
      const concerned = latest.current.onEvent(name as ServerEventName, payload, false);
      if (concerned && payload.seq > 0) lastSeq = Math.max(lastSeq ?? 0, payload.seq);
    };
    const onConnect = () => void join(joined);

    socket.onAny(onAny);
    socket.on("connect", onConnect);
    if (socket.connected) void join(false);
    return () => {
      active = false;
      socket.offAny(onAny);
      socket.off("connect", onConnect);
      if (socket.connected) socket.emit("room:leave", { room: ROOM_OF[joinName], id }, () => {});
    };
  }, [socket, joinName, id, trackRejoin]);
}
