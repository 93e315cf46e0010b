// Stored HTML is rendered once, when its source is saved. When the renderer changes what it makes of the
// same source (e.g. backgrounds gained subheadings: they used to be flattened into paragraphs), what was
// stored before would keep the old rendering for ever. So each kind of stored rendering carries a version
// in `settings`; at boot, a version behind the code's re-renders every stored row from its source.
// Safe with several processes booting at once: rendering is deterministic, so both write the same HTML.
import type { PrismaClient } from "../db/index.ts";
import { renderDocumentText } from "./rich-text.ts";

/** Bump when renderDocumentText makes different HTML of the same Markdown. 2: subheadings kept. */
export const DOCUMENT_TEXT_RENDERING = 2;
const VERSION_KEY = "rendering.documentText";
const BATCH = 200;

/** Re-renders consultation backgrounds stored by an older renderer; returns how many changed. */
export async function rerenderStoredDocuments(prisma: PrismaClient): Promise<number> {
  const stored = await prisma.setting.findUnique({ where: { key: VERSION_KEY } });
  if (stored && Number(stored.value) >= DOCUMENT_TEXT_RENDERING) return 0;
  let changed = 0;
  for (let after: string | undefined; ; ) {
    const rows = await prisma.consultation.findMany({
      where: { backgroundSource: { not: "" }, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, backgroundSource: true, backgroundHtml: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const html = renderDocumentText(row.backgroundSource);
      if (html === row.backgroundHtml) continue;
      // Only if the source is still the one rendered: an edit saved meanwhile rendered itself.
      const { count } = await prisma.consultation.updateMany({ where: { id: row.id, backgroundSource: row.backgroundSource }, data: { backgroundHtml: html } });
      changed += count;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  const value = String(DOCUMENT_TEXT_RENDERING);
  await prisma.setting.upsert({ where: { key: VERSION_KEY }, create: { key: VERSION_KEY, value }, update: { value } });
  return changed;
}
