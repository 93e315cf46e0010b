import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { zCursor, zId, zPlainText, zQueryInt, zString } from "./common.ts";
import { zRichText } from "./threads.ts";

export const REASON_CODES = ["off_topic", "personal_attack", "harassment", "misinformation", "personal_data", "spam", "duplicate", "illegal_content", "other"] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export const REASON_LABELS: Record<ReasonCode, string> = {
  off_topic: "Off-topic",
  personal_attack: "Personal attack",
  harassment: "Harassment",
  misinformation: "Misinformation",
  personal_data: "Personal data",
  spam: "Spam",
  duplicate: "Duplicate",
  illegal_content: "Illegal content",
  other: "Other",
};

/** "dismiss_flags": the flags were reviewed and are unfounded; the item stays as it is (an optional note says why). */
export const CONTENT_ACTIONS = ["approve", "reject", "hide", "restore", "edit", "move", "dismiss_flags"] as const;
export type ContentAction = (typeof CONTENT_ACTIONS)[number];
/** Actions that remove or restrict: they need a reason code and a statement of reasons. */
export const RESTRICTING_ACTIONS = ["reject", "hide", "edit", "lock", "slow_mode", "mute", "suspend", "remove_position"] as const;

const zStatement = zPlainText(LIMITS.plainTextMax);

export const zContentDecisionBody = z
  .object({
    action: z.enum(CONTENT_ACTIONS),
    reasonCode: z.enum(REASON_CODES).optional(),
    /** The statement of reasons the author sees. */
    statement: zStatement.optional(),
    /** For "edit": the new body (the original is kept as a revision). */
    body: zRichText.optional(),
    /** For "move": the destination thread and, optionally, the new parent post. */
    threadId: zId.optional(),
    parentId: zId.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((RESTRICTING_ACTIONS as readonly string[]).includes(b.action)) {
      if (!b.reasonCode) ctx.addIssue({ code: "custom", path: ["reasonCode"], message: "is required for this action" });
      if (!b.statement) ctx.addIssue({ code: "custom", path: ["statement"], message: "is required: the author is told why" });
    }
    if (b.action === "edit" && !b.body) ctx.addIssue({ code: "custom", path: ["body"], message: "is required for an edit" });
    if (b.action === "move" && !b.threadId) ctx.addIssue({ code: "custom", path: ["threadId"], message: "is required for a move" });
  });
export type TContentDecisionBody = z.infer<typeof zContentDecisionBody>;

export const zThreadDecisionBody = z
  .object({
    action: z.enum(["lock", "unlock", "pin", "unpin", "slow_mode"]),
    /** For slow_mode: seconds between one user's posts (0 turns it off). */
    seconds: z.number().int().min(0).max(24 * 3600).optional(),
    reasonCode: z.enum(REASON_CODES).optional(),
    statement: zStatement.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.action === "slow_mode" && b.seconds === undefined) ctx.addIssue({ code: "custom", path: ["seconds"], message: "is required for slow mode" });
    const restricting = b.action === "lock" || (b.action === "slow_mode" && (b.seconds ?? 0) > 0);
    if (restricting && !b.reasonCode) ctx.addIssue({ code: "custom", path: ["reasonCode"], message: "is required for this action" });
    if (restricting && !b.statement) ctx.addIssue({ code: "custom", path: ["statement"], message: "is required for this action" });
  });
export type TThreadDecisionBody = z.infer<typeof zThreadDecisionBody>;

export const zMuteBody = z
  .object({
    userId: zId,
    minutes: z.number().int().min(1).max(60 * 24 * 90),
    reasonCode: z.enum(REASON_CODES),
    statement: zStatement.pipe(z.string().min(1, "is required")),
  })
  .strict();
export type TMuteBody = z.infer<typeof zMuteBody>;

export const zFlagBody = z
  .object({
    reason: z.enum(REASON_CODES),
    note: zPlainText(2_000).optional(),
  })
  .strict();
export type TFlagBody = z.infer<typeof zFlagBody>;

export const zAppealBody = z.object({ message: zPlainText(LIMITS.plainTextMax).pipe(z.string().min(1, "is required")) }).strict();

export const zAppealDecisionBody = z
  .object({
    outcome: z.enum(["upheld", "overturned"]),
    statement: zStatement.pipe(z.string().min(1, "is required")),
  })
  .strict();

export const zAuditQuery = z.object({
  action: zString().max(40).optional(),
  actorId: zId.optional(),
  targetId: zId.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: zCursor.optional(),
  limit: zQueryInt(1, LIMITS.pageSizeMax).default(50),
});

/** GET /consultations/:id/moderation/log: the audit filter, as JSON pages or the whole filtered log as CSV. */
export const zAuditLogQuery = zAuditQuery.extend({ format: z.enum(["json", "csv"]).default("json") });

export const QUARANTINE_KINDS = ["posts", "positions", "amendments"] as const;

/** POST /notifications/read: the ids to mark read, or none for all of them. */
export const zMarkNotificationsReadBody = z.object({ ids: z.array(zId).max(500).optional() }).strict();
