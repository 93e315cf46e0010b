// The admin console's organisations: pending verification first (then refused, then verified), each with
// its register number and how many members and representatives it has. Admins only (the routes are
// 404 to everyone else).
import { z } from "zod";
import type { PrismaClient } from "../db/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { accountPolicy } from "../accounts/policy.ts";
import { errors } from "../http/errors.ts";
import { cursorKeys, decodeCursor, encodeCursor } from "../http/cursor.ts";
import { presentOrganisation } from "../organisations/present.ts";
import { LIMITS } from "../../shared/limits.ts";
import type { TAdminOrganisationsQuery } from "../../shared/schemas/organisations.ts";

const STATE_ORDER = ["pending", "refused", "verified"] as const;
const whereState = (state: (typeof STATE_ORDER)[number]) =>
  state === "verified" ? { verified: true } : state === "refused" ? { verified: false, verificationRefusedAt: { not: null } } : { verified: false, verificationRefusedAt: null };

export async function listOrganisationsForAdmin(prisma: PrismaClient, actor: Actor, query: TAdminOrganisationsQuery) {
  if (!accountPolicy.list(actor)) throw errors.forbidden();
  // Keyset over (state rank, name): a cursor names the state and the last name seen in it.
  const after = query.cursor ? decodeCursor(query.cursor, { state: z.enum(STATE_ORDER), nameKey: cursorKeys.text(LIMITS.cursorMax) }) : null;
  const states = query.state ? [query.state] : [...STATE_ORDER];
  const startAt = after ? Math.max(0, states.indexOf(after.state)) : 0;
  const found: { state: (typeof STATE_ORDER)[number]; row: Awaited<ReturnType<typeof readState>>[number] }[] = [];
  for (let i = startAt; i < states.length && found.length <= query.limit; i++) {
    const rows = await readState(prisma, states[i]!, query.q, after && i === startAt ? after.nameKey : null, query.limit + 1 - found.length);
    found.push(...rows.map((row) => ({ state: states[i]!, row })));
  }
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ row }) => ({ ...presentOrganisation(row), members: row.members.length, representatives: row.members.filter((m) => m.role === "representative").length })),
    nextCursor: found.length > query.limit && last ? encodeCursor({ state: last.state, nameKey: last.row.nameKey }) : null,
  };
}

function readState(prisma: PrismaClient, state: (typeof STATE_ORDER)[number], q: string | undefined, afterName: string | null, take: number) {
  return prisma.organisation.findMany({
    where: {
      AND: [whereState(state), q ? { nameKey: { contains: q.toLowerCase() } } : {}, afterName !== null ? { nameKey: { gt: afterName } } : {}],
    },
    orderBy: { nameKey: "asc" },
    take,
    include: { members: { select: { role: true } } },
  });
}
