// Long loops on the main thread (exports, report data, campaign hashing) give way to other requests and
// the live fan-out between slices of work. Pure: the export worker's writers use it too.

/**
 * Lets other work run before the loop goes on. PGlite answers queries without any I/O wait, so a loop of
 * reads and writes would otherwise run as one long chain of promise callbacks and starve the event loop.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
