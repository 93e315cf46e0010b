// Replay for a joining socket: the events it missed since `since`, shaped for the rooms it is joining
// (and its own user room), re-checked against what it may see now. Only events the socket did not
// receive live are included: for each room, those up to the moment it was in that room.
import pMap from "p-map";
import type { ServerEvent } from "../../shared/events.ts";
import { readEvents, type EventFilter } from "../events/log.ts";
import { eventsPrunedThrough } from "../events/retention.ts";
import { planFor } from "./audience.ts";
import { PLAN_CONCURRENCY } from "./dispatcher.ts";
import type { HandlerContext } from "./handlers.ts";

export type ReplayFilter = EventFilter;

/** Events per answer; a client that missed more asks again with the `seq` it got (`more: true`). */
export const REPLAY_LIMIT = 1_000;

export interface Replay {
  /** The last event covered: the dispatcher's delivered() when read, or the last event of a cut-short batch. */
  seq: number;
  missed: ServerEvent[];
  more?: boolean;
  resync?: boolean;
}

export async function replayFor(ctx: HandlerContext, joining: string[], filter: ReplayFilter, since: number, alreadyMissed = 0): Promise<Replay> {
  const { socket, dispatcher } = ctx;
  const upTo = dispatcher.delivered();
  if (since >= upTo) return { seq: since, missed: [] };
  if (since < (await eventsPrunedThrough(ctx.prisma))) return { seq: upTo, missed: [], resync: true };
  const limit = Math.max(1, REPLAY_LIMIT - alreadyMissed);
  const events = await readEvents(ctx.prisma, { after: since, upTo, limit, ...filter });
  const plans = await pMap(events, (e) => planFor(ctx.prisma, e), { concurrency: PLAN_CONCURRENCY });
  // Up to which event each room's deliveries were NOT received live by this socket.
  const heardLiveAfter = (room: string): number => {
    const joined = socket.data.joined[room];
    if (joined) return joined.seq;
    if (joining.includes(room)) return Infinity;
    if (socket.rooms.has(room)) return socket.data.connectedAtSeq; // its user and session rooms
    return -Infinity;
  };
  const missed: ServerEvent[] = [];
  events.forEach((event, i) => {
    for (const d of plans[i]!.deliveries) {
      if (event.seq <= heardLiveAfter(d.room)) missed.push({ name: d.name, seq: event.seq, payload: d.payload } as ServerEvent);
    }
  });
  const more = events.length === limit;
  return { seq: more ? events.at(-1)!.seq : upTo, missed, ...(more ? { more } : {}) };
}
