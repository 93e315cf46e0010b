// The process entry point: `npm start`. Reads the environment, starts the server, stops cleanly on signals.
import { loadConfig } from "./config.ts";
import { startServer } from "./server.ts";
import { DataFolderLockedError } from "./db/index.ts";

async function main() {
  const config = loadConfig();
  // Signals are taken from the start: one that arrives while the server is still starting (it may
  // already answer requests) stops it once started, instead of killing it mid-way.
  let stop = (signal: string) => void (requested ??= signal);
  let requested: string | undefined;
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  const server = await startServer(config, { waitForLock: true });
  const where = config.databaseUrl ? "PostgreSQL" : `embedded PGlite in ${config.dataDir}`;
  console.log(`Roundtable listening on http://localhost:${server.port} (database: ${where})`);

  let stopping = false;
  stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then closing the database.`);
    setTimeout(() => {
      console.error(`Still stopping after ${config.shutdownTimeoutMs} ms: exiting anyway.`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error("Error while stopping:", err);
        process.exit(1);
      },
    );
  };
  if (requested) stop(requested);
}

main().catch((err) => {
  console.error(err instanceof DataFolderLockedError || (err instanceof Error && err.message.startsWith("Invalid configuration")) ? err.message : err);
  process.exit(1);
});
