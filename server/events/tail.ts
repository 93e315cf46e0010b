// Following the domain event log: each process reads new events in commit order and hands them, batch by
// batch, to a handler (the real-time layer). A local commit wakes it at once (committedEvents); commits
// of other processes wake it through PostgreSQL's LISTEN/NOTIFY when available, and a slow poll is the
// safety net (a lost notification, PGlite). Reads use the connection given, which should not be the
// request pool's: a burst of writes must not delay delivery.
import type { PrismaClient } from "../db/index.ts";
import { committedEvents, EVENTS_CHANNEL } from "./record.ts";
import { newestSeq, readEvents } from "./log.ts";
import type { LoggedEvent } from "./types.ts";

export type Listen = (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;

export interface EventTailOptions {
  db: PrismaClient;
  /** LISTEN on PostgreSQL (a dedicated connection); absent on PGlite. */
  listen?: Listen;
  /** Handles one batch, in order. The tail reads the next batch only after it resolves. */
  onBatch(events: LoggedEvent[]): Promise<void>;
  pollMs?: number;
  batchSize?: number;
  onError?(err: unknown): void;
}

export interface EventTail {
  /** The last sequence number handed to onBatch (and handled). */
  lastSeq(): number;
  /** Reads now (tests and joins that know of newer events call it). */
  wake(): void;
  stop(): Promise<void>;
}

export async function startEventTail(opts: EventTailOptions): Promise<EventTail> {
  const batchSize = opts.batchSize ?? 200;
  const onError = opts.onError ?? ((err) => console.error("event log tail failed:", err));
  // New processes start at the end: what happened before they started is for replay, not live delivery.
  let last = await newestSeq(opts.db);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const drain = async () => {
    for (;;) {
      const batch = await readEvents(opts.db, { after: last, limit: batchSize });
      if (batch.length === 0) return;
      await opts.onBatch(batch);
      last = batch.at(-1)!.seq;
      if (batch.length < batchSize || stopped) return;
    }
  };
  const wake = () => {
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
          wake();
        }
      });
  };

  committedEvents.on("committed", wake);
  const unlisten = opts.listen ? await opts.listen(EVENTS_CHANNEL, wake) : undefined;
  const timer = setInterval(wake, opts.pollMs ?? (opts.listen ? 1_000 : 250));
  timer.unref();
  return {
    lastSeq: () => last,
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      committedEvents.off("committed", wake);
      await unlisten?.();
      await running;
    },
  };
}
