import { z } from "zod";
import { STAKEHOLDER_CATEGORIES } from "../categories.ts";
import { zId, zQueryInt, zString } from "./common.ts";
import { STANCES } from "./positions.ts";

/** "response": the text of files attached to published formal responses; "text_unit", "amendment": the draft texts. */
export const SEARCH_TYPES = ["consultation", "thread", "post", "position", "text_unit", "amendment", "response"] as const;

export const zSearchQuery = z.object({
  q: zString().trim().min(1, "is required").max(200),
  consultationId: zId.optional(),
  type: z.enum(SEARCH_TYPES).optional(),
  category: z.enum(STAKEHOLDER_CATEGORIES).optional(),
  stance: z.enum(STANCES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: zQueryInt(1, 50).default(20),
  offset: zQueryInt(0, 1000).default(0),
});
