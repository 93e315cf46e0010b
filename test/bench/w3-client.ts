// One W3 client process: opens SOCKETS signed-in Socket.IO connections (cookies from COOKIES_FILE, one per
// socket in turn), joins THREAD_ID on each (or, against the bare ceiling, is put in its room by the server),
// and records when each post:created arrives. Prints "ready" once every socket has joined, then on stdin
// "report" prints {postId: [arrival epoch ms...]} as JSON and exits.
import fs from "node:fs";
import readline from "node:readline";
import { io, type Socket } from "socket.io-client";

const url = process.env.URL!;
const count = Number(process.env.SOCKETS);
const threadId = process.env.THREAD_ID!;
const bare = process.env.BARE === "1";
const cookies = JSON.parse(fs.readFileSync(process.env.COOKIES_FILE!, "utf8")) as string[];
const offset = Number(process.env.OFFSET ?? 0);
const arrivals: Record<string, number[]> = {};
const sockets: Socket[] = [];

async function open(i: number) {
  const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie: cookies[(offset + i) % cookies.length]! }, reconnection: false, forceNew: true });
  sockets.push(socket);
  socket.on("post:created", (e: { post: { id: string } }) => {
    (arrivals[e.post.id] ??= []).push(Date.now());
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  if (bare) return;
  await new Promise<void>((resolve, reject) =>
    socket.emit("thread:join", { threadId }, (ack: { ok: boolean; error?: unknown }) => (ack?.ok === false ? reject(new Error(JSON.stringify(ack))) : resolve())),
  );
}

// A few at a time: a thousand handshakes at once would measure the handshake, not the fan-out.
for (let i = 0; i < count; i += 20) await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, j) => open(i + j)));
console.log("ready");
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line.trim() === "report") {
    process.stdout.write(JSON.stringify(arrivals) + "\n", () => {
      for (const s of sockets) s.close();
      process.exit(0);
    });
  }
}
