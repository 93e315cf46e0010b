// What a notification says: who, what, where and an excerpt, read now (not frozen in the row), so a
// renamed thread or an edited reply shows as it is. Only for replies the recipient may still read (the
// list already drops the others), and never an author's name in a Chatham House consultation.
import type { Tx } from "../db/index.ts";
import { richTextToPlainText } from "../content/rich-text.ts";

const EXCERPT_MAX = 160;

export interface ReplyContext {
  actor: { id: string; displayName: string } | null;
  threadTitle: string | null;
  consultationTitle: string | null;
  excerpt: string | null;
}

function excerptOf(html: string): string {
  const text = richTextToPlainText(html).replace(/\s+/g, " ").trim();
  return text.length > EXCERPT_MAX ? `${text.slice(0, EXCERPT_MAX - 1).trimEnd()}…` : text;
}

/** The context of each reply notification, by post id. */
export async function replyContexts(prisma: Tx, postIds: string[]): Promise<Map<string, ReplyContext>> {
  if (postIds.length === 0) return new Map();
  const posts = await prisma.post.findMany({
    where: { id: { in: postIds }, status: "published", quarantined: false },
    select: {
      id: true,
      bodyHtml: true,
      author: { select: { id: true, displayName: true } },
      thread: { select: { title: true } },
      consultation: { select: { title: true, accessMode: true } },
    },
  });
  return new Map(
    posts.map((p) => [
      p.id,
      {
        actor: p.consultation.accessMode === "chatham_house" ? null : p.author,
        threadTitle: p.thread.title,
        consultationTitle: p.consultation.title,
        excerpt: excerptOf(p.bodyHtml),
      },
    ]),
  );
}
