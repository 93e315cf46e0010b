// W0's fan-out ceiling: a bare Socket.IO server; every connection joins one room, and POST /broadcast
// emits the body (a post:created payload) to it once, as the dispatcher would. Prints its port.
import http from "node:http";
import { Server } from "socket.io";

const server = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/broadcast") return void res.writeHead(404).end();
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    io.to("thread").emit("post:created", JSON.parse(body));
    res.writeHead(204).end();
  });
});
const io = new Server(server, { transports: ["websocket"] });
io.on("connection", (socket) => void socket.join("thread"));
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
process.on("SIGTERM", () => process.exit(0));
