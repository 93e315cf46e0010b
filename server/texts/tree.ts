// Between the nested tree importers produce and the flat rows stored (document order, depth, parent eId).
import type { TextUnitKind, TextUnitNode } from "../../shared/schemas/texts.ts";

export interface FlatUnit {
  eId: string;
  parentEId: string | null;
  kind: TextUnitKind;
  ordinal: number;
  depth: number;
  num: string | null;
  heading: string | null;
  text: string;
}

export function flattenTree(units: TextUnitNode[]): FlatUnit[] {
  const out: FlatUnit[] = [];
  const walk = (nodes: TextUnitNode[], parentEId: string | null, depth: number) => {
    for (const n of nodes) {
      out.push({ eId: n.eId, parentEId, kind: n.kind, ordinal: out.length + 1, depth, num: n.num, heading: n.heading, text: n.text });
      walk(n.children, n.eId, depth + 1);
    }
  };
  walk(units, null, 0);
  return out;
}

/** Rows in document order back into the tree; `extra` adds per-unit fields (ids, counts). */
export function buildTree<R extends FlatUnit, X extends object>(rows: R[], extra: (row: R) => X): (TextUnitNode & X)[] {
  const roots: (TextUnitNode & X)[] = [];
  const byEId = new Map<string, TextUnitNode & X>();
  for (const r of [...rows].sort((a, b) => a.ordinal - b.ordinal)) {
    const node = { kind: r.kind, eId: r.eId, num: r.num, heading: r.heading, text: r.text, children: [], ...extra(r) } as TextUnitNode & X;
    byEId.set(r.eId, node);
    const parent = r.parentEId ? byEId.get(r.parentEId) : undefined;
    (parent ? (parent.children as (TextUnitNode & X)[]) : roots).push(node);
  }
  return roots;
}
