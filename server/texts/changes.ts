// "This text changed since": for threads and amendments written against an older version, how the unit
// they are about reads now. One query for all of them (never one per anchor).
import type { Tx } from "../db/index.ts";
import type { DiffPart } from "../../shared/schemas/texts.ts";
import { wordDiff } from "./diff.ts";

export interface ChangedSince {
  /** The version the anchor was made on, and the current one. */
  sinceVersion: number;
  currentVersion: number;
  /** The unit no longer exists in the current version. */
  removed: boolean;
  diff: DiffPart[];
}

export async function changesSince(db: Tx, documentId: string, currentVersion: number, anchors: { eId: string; versionNumber: number }[]): Promise<Map<string, ChangedSince | null>> {
  const key = (eId: string, v: number) => `${v}:${eId}`;
  const out = new Map<string, ChangedSince | null>();
  const older = anchors.filter((a) => a.versionNumber < currentVersion);
  if (older.length === 0) return out;
  const numbers = [...new Set([...older.map((a) => a.versionNumber), currentVersion])];
  const rows = await db.textUnit.findMany({
    where: { documentId, eId: { in: [...new Set(older.map((a) => a.eId))] }, version: { number: { in: numbers } } },
    select: { eId: true, text: true, heading: true, num: true, version: { select: { number: true } } },
  });
  const byKey = new Map(rows.map((r) => [key(r.eId, r.version.number), r]));
  for (const a of older) {
    const then = byKey.get(key(a.eId, a.versionNumber));
    const now = byKey.get(key(a.eId, currentVersion));
    const base = { sinceVersion: a.versionNumber, currentVersion };
    if (!now) out.set(key(a.eId, a.versionNumber), { ...base, removed: true, diff: [] });
    else if (then && (then.text !== now.text || then.heading !== now.heading || then.num !== now.num)) out.set(key(a.eId, a.versionNumber), { ...base, removed: false, diff: wordDiff(then.text, now.text) });
  }
  return out;
}

export const changeKey = (a: { eId: string; versionNumber: number }) => `${a.versionNumber}:${a.eId}`;
