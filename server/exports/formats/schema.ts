// The published JSON Schema of the contributions export, generated from the zod schema that names its
// fields (shared/schemas/exports.ts), so the two cannot drift apart.
import { z } from "zod";
import { zContributionsExport } from "../../../shared/schemas/exports.ts";

let cached: string | undefined;

export function contributionsJsonSchema(): string {
  cached ??= `${JSON.stringify({ ...z.toJSONSchema(zContributionsExport, { target: "draft-2020-12" }), $id: "roundtable.contributions/1" }, null, 2)}\n`;
  return cached;
}
