// Delivers committed events to this process's sockets, in sequence order. Every process tails the same
// event log and emits only to its LOCAL sockets (io.local), so with several processes each event is
// delivered exactly once per socket, and an event exists only if its transaction committed. A local
// write nudges the tail at once; events written by other processes are found by polling.
import type { Server } from "socket.io";
import type { PrismaClient } from "../db/index.ts";
import { deliveriesFor } from "./audience.ts";
import { outboxSignal } from "./outbox.ts";

export interface Dispatcher {
  stop(): Promise<void>;
  /** The last sequence number this process has delivered. */
  lastSeq(): number;
}

export async function startDispatcher(prisma: PrismaClient, io: Server, opts: { pollMs?: number; onError?: (err: unknown) => void } = {}): Promise<Dispatcher> {
  const pollMs = opts.pollMs ?? 200;
  const onError = opts.onError ?? ((err) => console.error("real-time dispatch failed:", err));
  const newest = await prisma.realtimeEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  let last = newest?.seq ?? 0;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const drain = async () => {
    for (;;) {
      const batch = await prisma.realtimeEvent.findMany({ where: { seq: { gt: last } }, orderBy: { seq: "asc" }, take: 200 });
      for (const event of batch) {
        const deliveries = await deliveriesFor(prisma, event);
        // One emit per (room, view): Socket.IO encodes the packet once for all its recipients.
        for (const d of deliveries) io.local.to(d.room).emit(d.name as never, { seq: event.seq, ...d.payload } as never);
        last = event.seq;
      }
      if (batch.length < 200) return;
    }
  };
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch(onError)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  // The nudge comes from inside the writing transaction: look now and again shortly after it commits.
  const nudge = () => {
    setTimeout(tick, 5);
    setTimeout(tick, 40);
  };
  outboxSignal.on("recorded", nudge);
  const timer = setInterval(tick, pollMs);
  timer.unref();
  return {
    lastSeq: () => last,
    async stop() {
      stopped = true;
      clearInterval(timer);
      outboxSignal.off("recorded", nudge);
      await running;
    },
  };
}
