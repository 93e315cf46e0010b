// Delivers committed domain events to this process's sockets, in commit order. Every process tails the
// same log (server/events/tail.ts) and emits only to its LOCAL sockets (io.local), so with several
// processes each event reaches each socket exactly once, and only if its transaction committed.
//
// A batch's deliveries are worked out concurrently (each is a few reads), then emitted in order in one
// synchronous pass that also advances `delivered`. That is what joins rely on: at any moment, every
// event up to delivered() has been emitted to the rooms, and no later one has.
import pMap from "p-map";
import type { PrismaClient } from "../db/index.ts";
import type { LoggedEvent } from "../events/types.ts";
import { startEventTail, type EventTail, type Listen } from "../events/tail.ts";
import { planFor, type Plan, type SocketEffect } from "./audience.ts";
import { rooms } from "./rooms.ts";
import { withRetries } from "./retry.ts";
import { emitEvent, type AppServer } from "./types.ts";

export interface Dispatcher {
  /** The last sequence number emitted to this process's sockets. */
  delivered(): number;
  /** Resolves true once events up to `seq` were emitted here (false after timeoutMs). */
  reached(seq: number, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** Events worked out at once: each is a few indexed reads on the dispatcher's own connections. */
export const PLAN_CONCURRENCY = 8;
/** Pauses before working an event out again (a database restart drops connections; the pool replaces them). */
const PLAN_RETRY_DELAYS_MS = [50, 250, 1_000] as const;

export async function startDispatcher(
  prisma: PrismaClient,
  io: AppServer,
  opts: { listen?: Listen; pollMs?: number; onError?: (err: unknown) => void } = {},
): Promise<Dispatcher> {
  const onError = opts.onError ?? ((err) => console.error("real-time dispatch failed:", err));
  let delivered = 0;
  const waiters = new Set<{ seq: number; resolve: (ok: boolean) => void }>();

  const apply = (event: LoggedEvent, plan: Plan) => {
    // One emit per (room, view): Socket.IO encodes the packet once for all its recipients.
    for (const d of plan.deliveries) emitEvent(io.local.to(d.room), d.name, event.seq, d.payload);
    for (const effect of plan.effects) applyEffect(io, effect);
  };

  const onBatch = async (events: LoggedEvent[]) => {
    const plans = await pMap(
      events,
      (e) =>
        // A read that failed on a passing condition is tried again before the event is given up live.
        withRetries(() => planFor(prisma, e), PLAN_RETRY_DELAYS_MS).catch((err: unknown): Plan => {
          // One event that cannot be worked out must not hold up the rest for ever; it is replayable on rejoin.
          onError(err);
          return { deliveries: [], effects: [] };
        }),
      { concurrency: PLAN_CONCURRENCY },
    );
    events.forEach((event, i) => {
      apply(event, plans[i]!);
      delivered = event.seq;
    });
    for (const w of waiters) if (w.seq <= delivered) (waiters.delete(w), w.resolve(true));
  };

  const tail: EventTail = await startEventTail({ db: prisma, listen: opts.listen, pollMs: opts.pollMs, onBatch, onError });
  delivered = tail.lastSeq();
  return {
    delivered: () => delivered,
    reached(seq, timeoutMs) {
      if (seq <= delivered) return Promise.resolve(true);
      tail.wake();
      return new Promise((resolve) => {
        const w = { seq, resolve };
        waiters.add(w);
        setTimeout(() => waiters.delete(w) && resolve(false), timeoutMs).unref();
      });
    },
    async stop() {
      await tail.stop();
      for (const w of waiters) w.resolve(false);
      waiters.clear();
    },
  };
}

/** Applies an effect to this process's own sockets (every process sees every event). */
function applyEffect(io: AppServer, effect: SocketEffect) {
  const local = (room: string) => {
    const ids = io.of("/").adapter.rooms.get(room);
    return [...(ids ?? [])].map((id) => io.of("/").sockets.get(id)).filter((s) => s !== undefined);
  };
  if (effect.kind === "disconnectSession") {
    for (const s of local(rooms.session(effect.sessionId))) s.disconnect(true);
  } else if (effect.kind === "disconnectUser") {
    for (const s of local(rooms.user(effect.userId))) {
      if (!effect.exceptSessionId || s.data.sessionId !== effect.exceptSessionId) s.disconnect(true);
    }
  } else {
    // A role revoked, a member removed, a consultation restricted: the affected sockets leave every room
    // of that consultation at once and are told to rejoin what they may still read (the join re-checks).
    for (const s of local(effect.userId ? rooms.user(effect.userId) : rooms.tracking(effect.consultationId))) {
      const data = s.data;
      const joined = Object.entries(data.joined).filter(([, j]) => j.consultationId === effect.consultationId).map(([room]) => room);
      if (joined.length === 0) continue;
      for (const room of joined) {
        s.leave(room);
        delete data.joined[room];
      }
      emitEvent(s, "rooms:reset", 0, { consultationId: effect.consultationId });
    }
  }
}
