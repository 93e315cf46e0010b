// HTTP for load generation: one keep-alive agent with plenty of sockets, so the generator never queues
// requests itself (an open-loop generator must send on schedule, whatever the server does).
import http from "node:http";

export const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export interface Timed {
  status: number;
  ms: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<Timed> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(url, { method: opts.method ?? "GET", headers: opts.headers, agent, timeout: opts.timeoutMs ?? 30_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body, headers: res.headers }));
    });
    // Status 0: no answer (connection error or timeout).
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, ms: performance.now() - started, body: "", headers: {} }));
    if (opts.body) req.end(opts.body);
    else req.end();
  });
}
