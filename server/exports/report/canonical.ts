// The content hash of a summary report: SHA-256 of its data as canonical JSON (object keys sorted at
// every level, no whitespace). Key order does not matter, so the hash of a published version can be
// recomputed from the snapshot the database returns (PostgreSQL's jsonb reorders keys).
import crypto from "node:crypto";

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function contentHash(data: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(data)).digest("hex");
}
