// The request log (LOG_REQUESTS): one line per request with method, path, status and time. Never the
// query string (reset and invitation links carry tokens there), headers (cookies, CSRF tokens), bodies
// (passwords, codes, posts) or the client's address: nothing in it is worth stealing or leaks a person.
import type { RequestHandler } from "express";

export function requestLogger(write: (line: string) => void = (line) => console.log(line)): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const path = req.originalUrl.split("?")[0]!.slice(0, 300);
      write(`${req.method} ${path} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  };
}
