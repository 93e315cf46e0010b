// Rows read as JSON by plain statements (`to_jsonb(t)`), turned into the shapes Prisma's client returns:
// camelCase keys, and Date values for timestamps. Hot paths use this instead of the query builder, whose
// per-query compilation dominates their CPU (test/bench, W1 and W2); test/http/rows.test.ts checks the
// result against Prisma's own for every table it is used on.

const SNAKE = /_([a-z0-9])/g;
/** A PostgreSQL `timestamp(3)` as to_jsonb writes it: without a zone, in UTC (Prisma's convention). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

function value(key: string, v: unknown): unknown {
  if (typeof v === "string" && key.endsWith("At") && TIMESTAMP.test(v)) return new Date(`${v}Z`);
  return v;
}

/**
 * A row of `to_jsonb(table)` (as an object, or its JSON text) in Prisma's shape, with only the model's
 * fields (`Prisma.<Model>ScalarFieldEnum`): columns Prisma does not map, such as search vectors, stay out.
 */
export function prismaRow<T>(json: unknown, fields: Record<string, string>): T {
  const obj = (typeof json === "string" ? JSON.parse(json) : json) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = k.replace(SNAKE, (_, c: string) => c.toUpperCase());
    if (key in fields) out[key] = value(key, v);
  }
  return out as T;
}

/** A JSON column that a driver may hand over parsed (pg) or as text (some adapters). */
export function jsonValue<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}
