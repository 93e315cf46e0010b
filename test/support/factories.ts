// Real rows with sensible defaults, made through the same services the app uses.
import crypto from "node:crypto";
import type { PrismaClient } from "../../server/db/index.ts";
import { registerUser } from "../../server/accounts/service.ts";
import { organisationNameKey } from "../../server/organisations/service.ts";
import type { StakeholderCategory, OrganisationRole } from "../../shared/categories.ts";
import type { TestClient } from "./client.ts";

export const DEFAULT_PASSWORD = "correct horse battery staple";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${crypto.randomBytes(5).toString("hex")}@example.org`;
}

export async function createUser(
  prisma: PrismaClient,
  opts: { email?: string; password?: string; displayName?: string; isAdmin?: boolean; category?: StakeholderCategory; verified?: boolean; language?: string } = {},
) {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? DEFAULT_PASSWORD;
  const user = await registerUser(prisma, {
    email,
    password,
    displayName: opts.displayName ?? email.split("@")[0]!,
    category: opts.category,
    isAdmin: opts.isAdmin,
    // Verified unless a test asks otherwise: the address is taken as proven, as for the demo's people.
    verified: opts.verified ?? true,
    language: opts.language ?? null,
  });
  return { ...user, password };
}

export async function createOrganisation(
  prisma: PrismaClient,
  opts: { name?: string; category?: Exclude<StakeholderCategory, "individual">; verified?: boolean; country?: string } = {},
) {
  const name = opts.name ?? `Org ${crypto.randomBytes(4).toString("hex")}`;
  return prisma.organisation.create({
    data: {
      name,
      nameKey: organisationNameKey(name),
      category: opts.category ?? "civil_society",
      country: opts.country ?? "BE",
      verified: opts.verified ?? false,
      verifiedAt: opts.verified ? new Date() : null,
    },
  });
}

export async function addToOrganisation(prisma: PrismaClient, userId: string, organisationId: string, role: OrganisationRole = "member") {
  return prisma.organisationMembership.create({ data: { userId, organisationId, role } });
}

/** Logs the client in through the real endpoint. */
export async function logIn(client: TestClient, user: { email: string; password: string }) {
  const res = await client.post("/api/auth/login", { email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  await client.csrf(); // the new session has a new token
  return res.body.user;
}

type ConsultationOpts = {
  createdById: string;
  status?: "draft" | "open" | "closed" | "summary_published" | "archived";
  accessMode?: "open" | "transparent" | "restricted" | "chatham_house";
  moderationMode?: "pre" | "post" | "newcomers";
  newcomerThreshold?: number;
  questions?: string[];
  title?: string;
};

/** A consultation with questions; its creator is its organiser. */
export async function createConsultation(prisma: PrismaClient, opts: ConsultationOpts) {
  const suffix = crypto.randomBytes(4).toString("hex");
  return prisma.consultation.create({
    data: {
      slug: `consultation-${suffix}`,
      title: opts.title ?? `Consultation ${suffix}`,
      summary: "A consultation for tests.",
      status: opts.status ?? "open",
      accessMode: opts.accessMode ?? "open",
      moderationMode: opts.moderationMode ?? "post",
      newcomerThreshold: opts.newcomerThreshold ?? 3,
      createdById: opts.createdById,
      questions: { create: (opts.questions ?? ["Question one?", "Question two?"]).map((text, i) => ({ ordinal: i + 1, text })) },
      members: { create: { userId: opts.createdById, role: "organiser" } },
    },
    include: { questions: { orderBy: { ordinal: "asc" } } },
  });
}

export async function addMember(prisma: PrismaClient, consultationId: string, userId: string, role: "organiser" | "moderator" | "analyst" | "participant" | "observer") {
  return prisma.consultationMember.upsert({
    where: { consultationId_userId: { consultationId, userId } },
    create: { consultationId, userId, role },
    update: { role },
  });
}
