// On PostgreSQL a COPY export holds a pool connection until the reader has it all (seconds for a large
// export, longer for a slow reader): a few at a time per process, so requests keep their connections.
// The next few wait their turn, briefly; beyond that, or after the wait, "busy, retry" (503). Every
// export written by COPY (the responses CSV, the contributions CSV) shares these slots.
import { errors } from "../http/errors.ts";

const MAX_STREAMING = 2;
const MAX_WAITING = 20;
const WAIT_MS = 15_000;
let free = MAX_STREAMING;
const waiting: (() => void)[] = [];

function release() {
  const next = waiting.shift();
  if (next) next();
  else free++;
}

async function slot(): Promise<void> {
  if (free > 0) return void free--;
  if (waiting.length >= MAX_WAITING) throw errors.busy();
  await new Promise<void>((resolve, reject) => {
    const turn = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(turn), 1);
      reject(errors.busy());
    }, WAIT_MS);
    waiting.push(turn);
  });
}

/** Runs `work` (which should write no header before it starts) once a streaming slot is free. */
export async function withCopySlot<T>(work: () => Promise<T>): Promise<T> {
  await slot();
  try {
    return await work();
  } finally {
    release();
  }
}
