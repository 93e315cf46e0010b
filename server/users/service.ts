// Public profiles: who someone is and what they said in public. Contributions come only from
// consultations the viewer may read, never from Chatham House ones (that would name their authors),
// and only published ones.
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { errors } from "../http/errors.ts";
import { readableConsultationsWhere } from "../consultations/access.ts";
import { richTextToPlainText } from "../content/rich-text.ts";

export async function getProfile(prisma: PrismaClient, actor: Actor | null, userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, displayName: true, category: true, status: true, createdAt: true, organisations: { where: { organisation: { verified: true } }, select: { role: true, organisation: { select: { id: true, name: true, category: true } } } } },
  });
  if (!user || user.status !== "active") throw errors.notFound("User");
  const posts = await prisma.post.findMany({
    where: {
      authorId: user.id,
      status: "published",
      thread: { posts: { some: { isOpening: true, status: "published" } } },
      consultation: { AND: [readableConsultationsWhere(actor), { accessMode: { not: "chatham_house" } }] },
    },
    orderBy: { seq: "desc" },
    take: 20,
    select: { id: true, threadId: true, consultationId: true, bodyHtml: true, createdAt: true, thread: { select: { title: true } } },
  });
  return {
    id: user.id,
    displayName: user.displayName,
    category: user.category,
    memberSince: user.createdAt.toISOString(),
    organisations: user.organisations.map((m) => ({ ...m.organisation, role: m.role })),
    recentPosts: posts.map((p) => ({
      id: p.id,
      threadId: p.threadId,
      threadTitle: p.thread.title,
      consultationId: p.consultationId,
      excerpt: richTextToPlainText(p.bodyHtml).slice(0, 200),
      createdAt: p.createdAt.toISOString(),
    })),
  };
}
