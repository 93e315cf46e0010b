// The codebook of a consultation: hierarchical codes with definitions, kept by its organisers and read by
// its analysts. A code cannot become its own ancestor, and a code that is applied or has narrower codes
// is not deleted (the codings would lose their meaning): it is edited instead.
import type { PrismaClient, Tx } from "../../db/index.ts";
import type { Actor } from "../../accounts/actor.ts";
import { errors } from "../../http/errors.ts";
import { loadReadableConsultation, viewerFor } from "../../consultations/access.ts";
import { inTransaction } from "../../events/record.ts";
import type { TCodeBody, TCodePatchBody } from "../../../shared/schemas/responses.ts";
import { responsePolicy } from "../policy.ts";

export interface CodeRow {
  id: string;
  parentId: string | null;
  label: string;
  definition: string;
  position: number;
}

export interface CodeNode extends CodeRow {
  /** "Safety > Encryption": the labels from the root down, as reports and exports name a code. */
  path: string;
  children: CodeNode[];
}

/** The codes as a forest, ordered by position then label; each with its path. */
export function buildCodeTree(rows: CodeRow[]): CodeNode[] {
  const nodes = new Map<string, CodeNode>(rows.map((r) => [r.id, { ...r, path: r.label, children: [] }]));
  const roots: CodeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (list: CodeNode[], prefix: string) => {
    list.sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));
    for (const n of list) {
      n.path = prefix ? `${prefix} > ${n.label}` : n.label;
      order(n.children, n.path);
    }
  };
  order(roots, "");
  return roots;
}

/** Depth-first: the order codes are listed in flat tables. */
export function flattenCodeTree(roots: CodeNode[]): CodeNode[] {
  return roots.flatMap((n) => [n, ...flattenCodeTree(n.children)]);
}

export const CODE_SELECT = { id: true, parentId: true, label: true, definition: true, position: true } as const;

export async function loadCodes(db: Tx, consultationId: string): Promise<CodeRow[]> {
  return db.responseCode.findMany({ where: { consultationId }, select: CODE_SELECT });
}

export async function getCodebook(prisma: PrismaClient, actor: Actor, idOrSlug: string) {
  const { consultation, viewer } = await loadReadableConsultation(prisma, actor, idOrSlug);
  if (!responsePolicy.analyse(viewer, consultation)) throw errors.notFound("Consultation"); // the answer for one that does not exist
  return { codes: buildCodeTree(await loadCodes(prisma, consultation.id)), abilities: { edit: responsePolicy.manageCodebook(viewer, consultation) } };
}

async function checkParent(tx: Tx, consultationId: string, codeId: string | null, parentId: string | null | undefined) {
  if (!parentId) return;
  const codes = await loadCodes(tx, consultationId);
  const byId = new Map(codes.map((c) => [c.id, c]));
  if (!byId.has(parentId)) throw errors.invalidInput("The request is invalid: parentId is not a code of this codebook", [{ path: "parentId", message: "is not a code of this codebook" }]);
  // Walking up from the new parent must never reach the code itself.
  for (let at: string | null = parentId, steps = 0; at; at = byId.get(at)?.parentId ?? null, steps++) {
    if (at === codeId || steps > codes.length) throw errors.invalidInput("The request is invalid: parentId would make the code its own ancestor", [{ path: "parentId", message: "would make the code its own ancestor" }]);
  }
}

async function loadManageable(tx: Tx, actor: Actor, codeId: string) {
  const code = await tx.responseCode.findUnique({ where: { id: codeId }, include: { } });
  if (!code) throw errors.notFound("Code");
  const consultation = await tx.consultation.findUniqueOrThrow({ where: { id: code.consultationId } });
  const viewer = await viewerFor(tx, actor, code.consultationId);
  if (!responsePolicy.manageCodebook(viewer, consultation)) throw errors.notFound("Code");
  return code;
}

export async function createCode(prisma: PrismaClient, actor: Actor, idOrSlug: string, input: TCodeBody) {
  return inTransaction(prisma, async (tx) => {
    const { consultation, viewer } = await loadReadableConsultation(tx, actor, idOrSlug);
    if (!responsePolicy.manageCodebook(viewer, consultation)) throw errors.forbidden("Only the consultation's organisers keep its codebook.");
    await checkParent(tx, consultation.id, null, input.parentId);
    return tx.responseCode.create({ data: { consultationId: consultation.id, label: input.label, definition: input.definition, parentId: input.parentId ?? null, position: input.position ?? 0 }, select: CODE_SELECT });
  });
}

export async function updateCode(prisma: PrismaClient, actor: Actor, codeId: string, input: TCodePatchBody) {
  return inTransaction(prisma, async (tx) => {
    const code = await loadManageable(tx, actor, codeId);
    if (input.parentId !== undefined) await checkParent(tx, code.consultationId, code.id, input.parentId);
    return tx.responseCode.update({
      where: { id: codeId },
      data: { label: input.label, definition: input.definition, position: input.position, ...(input.parentId !== undefined ? { parentId: input.parentId } : {}) },
      select: CODE_SELECT,
    });
  });
}

export async function deleteCode(prisma: PrismaClient, actor: Actor, codeId: string) {
  await inTransaction(prisma, async (tx) => {
    const code = await loadManageable(tx, actor, codeId);
    const [children, applied] = await Promise.all([tx.responseCode.count({ where: { parentId: codeId } }), tx.responseCodeApplication.count({ where: { codeId } })]);
    if (children > 0) throw errors.conflict("This code has narrower codes: move or delete them first.");
    if (applied > 0) throw errors.conflict(`This code is applied in ${applied} coding${applied === 1 ? "" : "s"}: edit its definition instead of deleting it.`);
    await tx.responseCode.delete({ where: { id: code.id } });
  });
}
