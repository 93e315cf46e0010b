// The running server's local control channel on the embedded database: a Unix domain socket through which
// `npm run admin -- backup` asks the server for a consistent copy, since no second process may open the
// data folder while the server holds it. Both ends of the (tiny) protocol live here:
//   client: one JSON line, {"command":"backup"}
//   server: one JSON line, {"ok":true,"dataDir":…,"bytes":N,"sha256":…}, then the N bytes of the gzipped
//           tarball; or {"ok":false,"error":…}. Then it closes the connection.
//
// Where: next to the data folder, DATA_DIR.control.sock, not inside it. PGlite's dumpDataDir() walks every
// entry of the folder, and Emscripten's NODEFS refuses a socket node (EINVAL), so a socket inside would
// make every backup fail. Who: the socket is 0600, so only the server's OS user can connect (Linux checks
// write permission on connect); it is never reachable over the network.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Database } from "./index.ts";
import { snapshotDataDir } from "./snapshot.ts";

/** sun_path holds 108 bytes on Linux (104 on macOS and the BSDs) with the final NUL; Node silently truncates a longer path. */
const MAX_SOCKET_PATH_BYTES = process.platform === "linux" ? 107 : 103;
const MAX_REQUEST_BYTES = 1024;
const REQUEST_TIMEOUT_MS = 10_000;

export function controlSocketPath(dataDir: string): string {
  return `${fs.realpathSync(dataDir)}.control.sock`;
}

export interface BackupHeader {
  dataDir: string;
  bytes: number;
  sha256: string;
}

type Reply = ({ ok: true } & BackupHeader) | { ok: false; error: string };

/**
 * Opens the channel when `db` is a PGlite data folder this process holds; otherwise does nothing. Never
 * fails the server's start: without the channel, backups need the server stopped, and we say so.
 * Returns the function that closes it and removes the socket (call it before the database closes).
 */
export async function startControlChannel(db: Database, warn: (message: string) => void = console.warn): Promise<() => Promise<void>> {
  if (!db.pglite || !db.dataDir) return async () => {};
  const pglite = db.pglite;
  const dataDir = fs.realpathSync(db.dataDir);
  const socketPath = controlSocketPath(dataDir);
  const unavailable = (why: string) =>
    warn(`Backups while the server runs are unavailable: ${why}. \`npm run admin -- backup\` still works with the server stopped.`);

  const connections = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.on("close", () => connections.delete(socket));
    void serve(socket, async () => {
      const archive = await snapshotDataDir(pglite);
      return { header: { dataDir, bytes: archive.length, sha256: crypto.createHash("sha256").update(archive).digest("hex") }, archive };
    });
  });
  try {
    await listenPrivately(server, socketPath);
  } catch (err) {
    unavailable(`could not open the control socket ${socketPath} (${(err as Error).message})`);
    return async () => {};
  }
  return async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of connections) socket.destroy();
    await closed;
    // We still hold the data folder's lock, so the socket at this path is ours.
    fs.rmSync(socketPath, { force: true });
  };
}

// Bound inside a fresh 0700 folder, made 0600 there, then renamed into place: no other user can connect
// even between bind and chmod, whatever the umask. The rename replaces a socket left by a server that
// crashed (we hold the data folder's lock, so no live server owns one).
async function listenPrivately(server: net.Server, socketPath: string): Promise<void> {
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
    throw new Error(`its path is longer than ${MAX_SOCKET_PATH_BYTES} bytes, the most a Unix socket's can be; use a shorter DATA_DIR`);
  }
  // Next to the socket (same filesystem, so the rename works), and with a name short enough for the limit.
  const privateDir = fs.mkdtempSync(path.join(path.dirname(socketPath), ".rtc-"));
  const boundPath = path.join(privateDir, "s");
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(boundPath, () => {
        server.off("error", reject);
        resolve();
      });
    });
    fs.chmodSync(boundPath, 0o600);
    fs.renameSync(boundPath, socketPath);
  } catch (err) {
    server.close();
    throw err;
  } finally {
    fs.rmSync(privateDir, { recursive: true, force: true });
  }
}

async function serve(socket: net.Socket, backup: () => Promise<{ header: BackupHeader; archive: Buffer }>): Promise<void> {
  socket.on("error", () => {}); // the client went away: nothing to tell anyone
  socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
  const reply = (r: Reply, body?: Buffer) => {
    socket.write(JSON.stringify(r) + "\n");
    if (body) socket.end(body);
    else socket.end();
  };
  try {
    const { line } = await readLine(socket, MAX_REQUEST_BYTES);
    socket.resume(); // discard anything more, and see the client's end, so the connection closes
    const request = JSON.parse(line) as { command?: unknown };
    if (request.command !== "backup") return reply({ ok: false, error: `Unknown command ${JSON.stringify(request.command)}.` });
    socket.setTimeout(0); // a large database takes a while to copy
    const { header, archive } = await backup();
    reply({ ok: true, ...header }, archive);
  } catch (err) {
    if (!socket.destroyed) reply({ ok: false, error: (err as Error).message });
  }
}

/** Reads up to the first newline and pauses the stream; what came after the newline is pushed back onto it. */
function readLine(stream: Readable, maxBytes: number): Promise<{ line: string }> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const cleanup = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", reject);
    };
    const onEnd = () => {
      cleanup();
      reject(new Error("The connection closed before a complete line arrived."));
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const newline = buffered.indexOf(0x0a);
      if (newline === -1) {
        if (buffered.length > maxBytes) {
          cleanup();
          reject(new Error(`No newline in the first ${maxBytes} bytes.`));
        }
        return;
      }
      cleanup();
      stream.pause();
      const rest = buffered.subarray(newline + 1);
      if (rest.length) stream.unshift(rest);
      resolve({ line: buffered.subarray(0, newline).toString("utf8") });
    };
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", reject);
  });
}

/**
 * Asks the server on `dataDir` for a backup. Resolves `undefined` when no server listens there (no socket,
 * or one left behind by a server that stopped); otherwise the header and the archive's bytes as a stream,
 * which the caller must check against the header (a server stopped mid-way sends fewer bytes).
 */
export async function requestBackup(dataDir: string): Promise<{ header: BackupHeader; body: Readable } | undefined> {
  const socketPath = controlSocketPath(dataDir);
  const socket = await new Promise<net.Socket | undefined>((resolve, reject) => {
    const s = net.connect(socketPath);
    s.once("connect", () => {
      s.off("error", onError);
      resolve(s);
    });
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" || err.code === "ECONNREFUSED") resolve(undefined);
      else if (err.code === "EACCES") reject(new Error(`Permission denied on the server's control socket ${socketPath}: run this command as the OS user the server runs as.`));
      else reject(err);
    };
    s.once("error", onError);
  });
  if (!socket) return undefined;
  socket.write(JSON.stringify({ command: "backup" }) + "\n");
  const { line } = await readLine(socket, MAX_REQUEST_BYTES).catch((err: Error) => {
    socket.destroy();
    throw new Error(`The server closed its control channel without answering (${err.message}); is it stopping?`);
  });
  const reply = JSON.parse(line) as Reply;
  if (!reply.ok) {
    socket.destroy();
    throw new Error(`The server could not make the backup: ${reply.error}`);
  }
  const { ok: _ok, ...header } = reply;
  return { header, body: socket }; // paused: the caller's pipeline starts the flow

}
