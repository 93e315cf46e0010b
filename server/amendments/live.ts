// Amendments in real time: the same visibility rule as REST, for the two neutral views of a consultation
// room (public and staff). Read at delivery time, so a replay shows the amendment as it now stands.
import type { PrismaClient } from "../db/index.ts";
import type { Viewer } from "../consultations/policy.ts";
import { rooms } from "../realtime/rooms.ts";
import type { Delivery } from "../realtime/audience.ts";
import { AMENDMENT_INCLUDE, tallyAmendmentEndorsements } from "./service.ts";
import { presentAmendment } from "./present.ts";

const PUBLIC: Viewer = { userId: null, isAdmin: false, role: "observer" };
const STAFF: Viewer = { userId: null, isAdmin: false, role: "moderator" };

export async function amendmentDeliveries(prisma: PrismaClient, amendmentId: string): Promise<Delivery[]> {
  const a = await prisma.amendment.findUnique({ where: { id: amendmentId }, include: AMENDMENT_INCLUDE });
  if (!a) return [];
  const [c, tallies, organisation] = await Promise.all([
    prisma.consultation.findUniqueOrThrow({ where: { id: a.consultationId } }),
    tallyAmendmentEndorsements(prisma, [a.id]),
    a.organisationId ? prisma.organisation.findUnique({ where: { id: a.organisationId }, select: { id: true, name: true } }) : null,
  ]);
  const live = (viewer: Viewer) => {
    const { abilities: _a, viewerEndorsed: _v, ...rest } = presentAmendment({ ...a, organisation }, viewer, c, { endorsements: tallies.get(a.id) });
    return rest;
  };
  const isPublic = a.status === "published" && !a.quarantined;
  return [
    isPublic
      ? { room: rooms.consultation(c.id, "public"), name: "amendment:changed", payload: { amendment: live(PUBLIC) } }
      : { room: rooms.consultation(c.id, "public"), name: "amendment:changed", payload: { amendmentId: a.id, removed: true } },
    { room: rooms.consultation(c.id, "staff"), name: "amendment:changed", payload: { amendment: live(STAFF) } },
    // Held for review: it waits in the moderation queue, which moderators follow live.
    ...(a.status === "pending" ? [{ room: rooms.queue(c.id), name: "queue:added" as const, payload: { kind: "amendment" as const, id: a.id, status: a.status } }] : []),
  ];
}
