// What happened to an author's content, as the author is shown it (issue 10 item 4).
import { z } from "zod";
import { POST_STATUSES } from "./threads.ts";
import { REASON_CODES } from "./moderation.ts";

/** In "My decisions": the author's own post a decision was about. */
export const zAffectedContribution = z.object({
  /** Sanitised HTML; null when the post was reported as illegal (never redistributed, not even to its author). */
  bodyHtml: z.string().nullable(),
  quarantined: z.boolean(),
  status: z.enum(POST_STATUSES),
});
export type TAffectedContribution = z.infer<typeof zAffectedContribution>;

/**
 * On a hidden or rejected post in the thread page, for its author and staff: the decision that took it
 * down, its statement of reasons, and whether (and how) it is appealed. The appeal is lodged on the
 * "My decisions" page, at #decision-<decisionId>.
 */
export const zPostModeration = z.object({
  decisionId: z.string(),
  action: z.enum(["hide", "reject"]),
  reasonCode: z.enum(REASON_CODES).nullable(),
  statement: z.string().nullable(),
  decidedAt: z.string(),
  /** The viewer may appeal it now (its author, once). */
  appealable: z.boolean(),
  appealStatus: z.enum(["open", "upheld", "overturned"]).nullable(),
});
export type TPostModeration = z.infer<typeof zPostModeration>;

/**
 * What everyone else finds in a hidden post's place (and in a rejected one's, when a reply answers it):
 * its position in the thread and the reason code, never its text, author, category or id. anchorId is
 * the id that replies the viewer sees already name as their parentId, so they hang under the gap; it is
 * null when no such reply exists, and then the gap reveals nothing more.
 */
export const zRemovedContribution = z
  .object({
    kind: z.literal("removed"),
    seq: z.number().int(),
    parentId: z.string().nullable(),
    depth: z.number().int(),
    displayDepth: z.number().int(),
    anchorId: z.string().nullable(),
    reasonCode: z.enum(REASON_CODES).nullable(),
  })
  .strict();
export type TRemovedContribution = z.infer<typeof zRemovedContribution>;
