// Validation at the edge: parse with the shared zod schema or fail with 400 and field paths.
// Paths name where the field was: "title" (body), "query.limit", "params.id", "headers.idempotency-key".
import type { z } from "zod";
import { fromZodError } from "./errors.ts";

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query ?? {});
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}

/** One path parameter, e.g. parseParam(zId, req.params, "id"). */
export function parseParam<S extends z.ZodType>(schema: S, params: Record<string, unknown>, name: string): z.output<S> {
  const result = schema.safeParse(params[name]);
  if (!result.success) throw fromZodError(result.error, `params.${name}`);
  return result.data;
}

/** One request header (absent is undefined: make the schema optional if it may be left out). */
export function parseHeader<S extends z.ZodType>(schema: S, value: string | undefined, name: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, `headers.${name.toLowerCase()}`);
  return result.data;
}
