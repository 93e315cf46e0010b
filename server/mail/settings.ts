// The account's mail settings (the account page's "Email notifications").
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import type { TMailSettingsBody } from "../../shared/schemas/mail.ts";

export async function updateMailSettings(prisma: PrismaClient, actor: Actor, input: TMailSettingsBody): Promise<void> {
  await prisma.user.update({ where: { id: actor.id }, data: { mailReplies: input.replies, mailDecisions: input.decisions } });
}
