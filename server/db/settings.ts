import crypto from "node:crypto";
import type { PrismaClient } from "./index.ts";

/**
 * The session secret when SESSION_SECRET is not set: generated once and kept in the database, so that
 * sessions survive restarts and every process sharing the database signs cookies alike.
 */
export async function getOrCreateSessionSecret(prisma: PrismaClient): Promise<string> {
  const candidate = crypto.randomBytes(48).toString("base64url");
  // createMany with skipDuplicates is an INSERT .. ON CONFLICT DO NOTHING: safe when processes race.
  await prisma.setting.createMany({ data: [{ key: "session_secret", value: candidate }], skipDuplicates: true });
  const row = await prisma.setting.findUniqueOrThrow({ where: { key: "session_secret" } });
  return row.value;
}
