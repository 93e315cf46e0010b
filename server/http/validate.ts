// Validation at the edge: parse with the shared zod schema or fail with 400 and field paths.
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
