// Real server processes (`node --import tsx server/index.ts`), for what only separate processes show:
// several processes on one database, SIGKILL and SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/**
 * Test servers share two busy cores with the rest of the suite: their event loop lags for reasons that
 * have nothing to do with their own load, so load shedding is set out of reach (its own test lowers it).
 */
export const TEST_SERVER_ENV = { OVERLOAD_EVENT_LOOP_MS: "60000" };

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** Starts a server process and waits until it answers /api/health. */
export async function startServerProcess(env: Record<string, string>, opts: { port?: number; timeoutMs?: number; nodeArgs?: string[]; testSettings?: boolean } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", "server/index.ts"], {
    env: { ...process.env, NODE_ENV: "test", PORT: String(port), HOST: "127.0.0.1", SCHEDULER_INTERVAL_MS: "60000", ...(opts.testSettings === false ? {} : TEST_SERVER_ENV), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const url = `http://127.0.0.1:${port}`;
  const proc: ServerProcess = {
    url,
    port,
    child,
    output: () => output,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return proc;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`server on ${port} did not start:\n${output}`);
}
