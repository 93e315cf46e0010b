// "The text you discussed changed": after a new version, everyone who started or replied in a thread
// anchored to a changed or removed unit, or proposed an amendment to one, is told once, with the units
// concerned as printed ("Article 7(4)"). Never the organiser who published; never someone who may no
// longer read the consultation (membership ended, account closed): the payload names the text.
import type { Tx } from "../db/index.ts";
import type { EventTx } from "../events/record.ts";
import { findRoles } from "../consultations/access.ts";
import type { Consultation } from "../db/generated/client.ts";
import { notify } from "../notifications/service.ts";
import { citation, type CitableRow } from "./cite.ts";
import { textPolicy } from "./policy.ts";

/** Units named per notification (the rest are counted): a mail and a bell entry stay readable. */
export const UNITS_NAMED = 50;

export interface ChangedText {
  consultation: Consultation;
  documentId: string;
  title: string;
  version: number;
  actorId: string;
  eIds: string[];
  /** Rows of the new version, then of the old (removed units are cited as they were printed). */
  rows: { next: CitableRow[]; previous: CitableRow[] };
}

/** Who wrote about which of the units: thread starters, repliers (not withdrawn or refused) and amendment authors. */
async function authorsByUnit(tx: Tx, documentId: string, eIds: string[]) {
  const [threads, posts, amendments] = await Promise.all([
    tx.threadAnchor.findMany({ where: { documentId, eId: { in: eIds } }, select: { eId: true, thread: { select: { authorId: true } } } }),
    tx.post.findMany({
      where: { thread: { anchor: { documentId, eId: { in: eIds } } }, status: { in: ["published", "pending"] } },
      distinct: ["authorId", "threadId"],
      select: { authorId: true, thread: { select: { anchor: { select: { eId: true } } } } },
    }),
    tx.amendment.findMany({ where: { documentId, eId: { in: eIds }, status: { in: ["published", "pending"] } }, select: { eId: true, authorId: true } }),
  ]);
  const pairs = [
    ...threads.map((t) => ({ authorId: t.thread.authorId, eId: t.eId })),
    ...posts.map((p) => ({ authorId: p.authorId, eId: p.thread.anchor!.eId })),
    ...amendments,
  ];
  const unitsByAuthor = new Map<string, Set<string>>();
  for (const { authorId, eId } of pairs) unitsByAuthor.set(authorId, (unitsByAuthor.get(authorId) ?? new Set()).add(eId));
  return unitsByAuthor;
}

/** The people among `userIds` who may still read the consultation (same policy as every read). */
async function stillReaders(tx: Tx, c: Consultation, userIds: string[]) {
  const [users, roles] = await Promise.all([
    tx.user.findMany({ where: { id: { in: userIds }, status: "active" }, select: { id: true, isAdmin: true } }),
    findRoles(tx, userIds, c.id),
  ]);
  const readers = new Set<string>();
  for (const u of users) if (textPolicy.read({ userId: u.id, isAdmin: u.isAdmin, role: roles.get(u.id) ?? null }, c)) readers.add(u.id);
  return readers;
}

export async function notifyAboutChangedUnits(tx: EventTx, v: ChangedText) {
  if (!v.eIds.length) return;
  const unitsByAuthor = await authorsByUnit(tx, v.documentId, v.eIds);
  unitsByAuthor.delete(v.actorId);
  if (!unitsByAuthor.size) return;
  const readers = await stillReaders(tx, v.consultation, [...unitsByAuthor.keys()]);
  const byEId = new Map<string, CitableRow>([...v.rows.previous, ...v.rows.next].map((r) => [r.eId, r]));
  const order = new Map(v.eIds.map((eId, i) => [eId, i]));
  for (const [userId, eIds] of unitsByAuthor) {
    if (!readers.has(userId)) continue;
    const sorted = [...eIds].sort((a, b) => order.get(a)! - order.get(b)!);
    const units = sorted.slice(0, UNITS_NAMED).map((eId) => ({ eId, label: byEId.has(eId) ? citation(byEId.get(eId)!, byEId) : eId }));
    await notify(tx, userId, "text_changed", {
      consultationId: v.consultation.id,
      documentId: v.documentId,
      title: v.title,
      version: v.version,
      eIds: units.map((u) => u.eId),
      units,
      more: Math.max(0, sorted.length - UNITS_NAMED),
    });
  }
}
