// LISTEN on a dedicated PostgreSQL connection (a pooled one cannot hold a LISTEN). If the connection
// drops (a database restart, a network blip) it reconnects, with a growing delay, and calls onNotify
// once connected again, since notifications may have been missed meanwhile: the caller then reads
// whatever it follows (the event log) from where it was.
import pg from "pg";

export async function listenOn(connectionString: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 250;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const c = new pg.Client({ connectionString });
    c.on("notification", () => onNotify());
    c.on("error", () => dropped(c));
    c.on("end", () => dropped(c));
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (stopped) return void (await c.end().catch(() => {}));
    client = c;
    retryMs = 250;
  };
  const scheduleConnect = () => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (stopped) return;
      connect().then(onNotify, () => {
        retryMs = Math.min(retryMs * 2, 10_000);
        scheduleConnect();
      });
    }, retryMs);
  };
  const dropped = (c: pg.Client) => {
    if (stopped || client !== c) return;
    client = null;
    void c.end().catch(() => {});
    scheduleConnect();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
