// The real-time outbox: services record what happened INSIDE their transaction, so an event exists if
// and only if its change committed. The dispatcher delivers committed events in sequence order, and a
// client that was away replays the same log. Events hold ids and small facts, never content.
import { EventEmitter } from "node:events";
import type { Tx } from "../db/index.ts";
import type { ServerEventName } from "../../shared/events.ts";

/** Consultation id for events that belong to no consultation (account-level notifications). */
export const GLOBAL = "global";

export interface OutboxEvent {
  consultationId: string;
  threadId?: string | null;
  type: ServerEventName;
  payload: Record<string, string | number | boolean | null>;
}

/** In-process nudge: the dispatcher polls sooner after a local write (other processes find it by polling). */
export const outboxSignal = new EventEmitter();
outboxSignal.setMaxListeners(100);

export async function recordEvent(tx: Tx, event: OutboxEvent): Promise<void> {
  await tx.realtimeEvent.create({
    data: { consultationId: event.consultationId, threadId: event.threadId ?? null, type: event.type, payload: event.payload },
  });
  outboxSignal.emit("recorded");
}
