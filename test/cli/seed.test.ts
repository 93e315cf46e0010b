// The demo seed: seedDemo on a fresh database, then the real `npm run seed` CLI in a child process.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../../server/accounts/service.ts";
import type { Database, PrismaClient } from "../../server/db/index.ts";
import { DEMO_LOGINS, DatabaseNotEmptyError, seedDemo } from "../../server/seed/demo.ts";
import { OPEN_LETTER_PARAGRAPHS } from "../../server/seed/open-letter.ts";
import { TRANSPARENCY_REGISTER_PATTERN } from "../../shared/schemas/organisations.ts";
import { STAKEHOLDER_CATEGORIES, CONSULTATION_ROLES } from "../../shared/categories.ts";
import { LIMITS } from "../../shared/limits.ts";
import { openTestDatabase } from "../support/db.ts";
import { createOrganisation } from "../support/factories.ts";
import { createCliTarget, ROOT, runCli } from "./support.ts";

async function counts(prisma: PrismaClient) {
  return {
    users: await prisma.user.count(),
    organisations: await prisma.organisation.count(),
    consultations: await prisma.consultation.count(),
    threads: await prisma.thread.count(),
    posts: await prisma.post.count(),
    positions: await prisma.position.count(),
    endorsements: await prisma.endorsement.count(),
  };
}

describe("seedDemo", () => {
  let db: Database & { drop(): Promise<void> };
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.prisma;
  });
  afterAll(async () => {
    await db.drop();
  });

  it("leaves nothing behind when it fails half-way (one transaction)", async () => {
    // No user exists, so the seed starts; its organisation of the same name then violates a unique key.
    const clash = await createOrganisation(prisma, { name: "Safe Childhood Alliance Europe" });
    await expect(seedDemo(prisma)).rejects.toThrow();
    expect(await prisma.user.count()).toBe(0);
    expect(await prisma.organisation.count()).toBe(1);
    await prisma.organisation.delete({ where: { id: clash.id } });
  });

  it("fills an empty database and returns the demo logins", async () => {
    const logins = await seedDemo(prisma);
    expect(logins).toEqual(DEMO_LOGINS);
    expect(await counts(prisma)).toMatchObject({ users: logins.length, consultations: 3 });
  });

  it("creates organisations in every category, mostly verified, with plausible details", async () => {
    const orgs = await prisma.organisation.findMany();
    const categories = new Set(orgs.map((o) => o.category));
    for (const category of STAKEHOLDER_CATEGORIES.filter((c) => c !== "individual")) expect(categories).toContain(category);
    expect(categories).not.toContain("individual");
    expect(orgs.filter((o) => !o.verified)).toHaveLength(1);
    for (const org of orgs) {
      expect(org.country).toMatch(/^[A-Z]{2}$/);
      expect(org.website).toMatch(/^https:\/\/[a-z0-9.-]+\.example\.(org|com)$/);
      if (org.transparencyRegisterId) expect(org.transparencyRegisterId).toMatch(TRANSPARENCY_REGISTER_PATTERN);
      expect(org.verified).toBe(org.verifiedAt !== null);
    }
    expect(orgs.filter((o) => o.transparencyRegisterId).length).toBeGreaterThanOrEqual(2);
  });

  it("gives every role to someone who can log in with the printed password", async () => {
    for (const login of DEMO_LOGINS) {
      expect(await authenticate(prisma, login.email, login.password), login.email).not.toBeNull();
    }
    expect(DEMO_LOGINS[0]!.password.length).toBeGreaterThanOrEqual(LIMITS.passwordMin);
    expect(await prisma.user.count({ where: { isAdmin: true } })).toBe(1);
    const csa = await prisma.consultation.findUniqueOrThrow({ where: { slug: "csa-regulation" }, include: { members: true } });
    expect(csa).toMatchObject({ status: "open", accessMode: "open", moderationMode: "post", language: "en" });
    expect(new Set(csa.members.map((m) => m.role))).toEqual(new Set(CONSULTATION_ROLES));
    expect(await prisma.user.count({ where: { category: "individual", isAdmin: false, consultationRoles: { some: { role: "participant" } } } })).toBeGreaterThan(0);
    const memberships = await prisma.organisationMembership.findMany({ include: { organisation: true } });
    expect(memberships.some((m) => m.role === "member")).toBe(true);
    const representedCategories = new Set(memberships.filter((m) => m.role === "representative" && m.organisation.verified).map((m) => m.organisation.category));
    expect(representedCategories.size).toBeGreaterThanOrEqual(4);
  });

  it("shows a draft and a closed Chatham House consultation as well", async () => {
    const others = await prisma.consultation.findMany({ where: { slug: { not: "csa-regulation" } }, include: { _count: { select: { posts: true } } } });
    expect(others.map((c) => c.status).sort()).toEqual(["closed", "draft"]);
    const closed = others.find((c) => c.status === "closed")!;
    expect(closed.accessMode).toBe("chatham_house");
    expect(closed._count.posts).toBeGreaterThanOrEqual(2);
  });

  it("quotes the coalition letter in the background, rendered as HTML", async () => {
    const csa = await prisma.consultation.findUniqueOrThrow({ where: { slug: "csa-regulation" }, include: { questions: { orderBy: { ordinal: "asc" } } } });
    expect(csa.backgroundSource).toContain(OPEN_LETTER_PARAGRAPHS[2]);
    expect(csa.backgroundHtml).toContain("Behind the numbers are real children suffering.");
    expect(csa.questions.map((q) => q.ordinal)).toEqual([1, 2, 3, 4, 5]);
  });

  it("writes threads with consistent replies: depth, categories, organisations", async () => {
    const csa = await prisma.consultation.findUniqueOrThrow({ where: { slug: "csa-regulation" } });
    // The discussion threads; the draft text's anchored comments are threads too (test/texts/demo.test.ts).
    const anchored = new Set((await prisma.threadAnchor.findMany({ select: { threadId: true } })).map((a) => a.threadId));
    const threads = (await prisma.thread.findMany({ where: { consultationId: csa.id }, include: { posts: { orderBy: { seq: "asc" } } } })).filter((t) => !anchored.has(t.id));
    expect(threads.length).toBeGreaterThanOrEqual(2);
    expect(threads.length).toBeLessThanOrEqual(4);
    expect(threads.filter((t) => t.pinned)).toHaveLength(1);
    expect(threads.filter((t) => t.status === "locked")).toHaveLength(1);
    expect(threads.filter((t) => t.questionId).length).toBeGreaterThanOrEqual(2);

    const posts = await prisma.post.findMany({ include: { author: { include: { organisations: true } }, onBehalfOf: true, thread: true } });
    const byId = new Map(posts.map((p) => [p.id, p]));
    for (const thread of threads) {
      expect(thread.posts.filter((p) => p.isOpening)).toHaveLength(1);
      expect(thread.posts[0]!.isOpening).toBe(true);
    }
    expect(posts.some((p) => p.depth >= 2)).toBe(true);
    expect(new Set(posts.map((p) => p.replyType).filter(Boolean))).toEqual(new Set(["supports", "contests", "clarifies", "question"]));
    for (const post of posts) {
      expect(post.status).toBe("published");
      expect(post.bodyHtml).not.toMatch(/<script/i);
      expect(post.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(post.consultationId).toBe(post.thread.consultationId);
      if (post.parentId) expect(post.depth).toBe(byId.get(post.parentId)!.depth + 1);
      else expect(post.depth).toBe(0);
      if (post.onBehalfOf) {
        expect(post.onBehalfOf.verified).toBe(true);
        expect(post.author.organisations.find((m) => m.organisationId === post.onBehalfOf!.id)?.role).toBe("representative");
        expect(post.authorCategory).toBe(post.onBehalfOf.category);
      } else {
        expect(post.authorCategory).toBe(post.author.category);
      }
    }
    expect(posts.filter((p) => p.onBehalfOfOrganisationId).length).toBeGreaterThanOrEqual(5);
  });

  it("publishes positions with evidence in the organisation's category, and endorsements", async () => {
    const positions = await prisma.position.findMany({ include: { organisation: true, evidence: true } });
    expect(positions.length).toBeGreaterThanOrEqual(4);
    expect(new Set(positions.map((p) => p.stance))).toEqual(new Set(["support", "support_with_amendments", "oppose", "neutral"]));
    for (const p of positions) {
      expect(p.category).toBe(p.organisation.category);
      expect(p.organisation.verified).toBe(true);
      expect(p.status).toBe("published");
      expect(p.evidence.length).toBeGreaterThan(0);
      expect(p.argumentHtml).not.toMatch(/<script/i);
      if (p.stance === "support_with_amendments") expect(p.amendmentText).toBeTruthy();
    }
    expect(positions.some((p) => p.declarationOfInterests && p.fundingSources)).toBe(true);

    const endorsements = await prisma.endorsement.findMany({ include: { user: true } });
    expect(endorsements.some((e) => e.postId)).toBe(true);
    expect(endorsements.some((e) => e.positionId)).toBe(true);
    for (const e of endorsements) expect(e.category).toBe(e.user.category);
  });

  it("has two positions that cite units of the demo draft text, labelled as printed", async () => {
    const citing = await prisma.position.findMany({ where: { citations: { some: {} } }, include: { citations: { orderBy: { ordinal: "asc" }, include: { document: true } }, consultation: true } });
    expect(citing).toHaveLength(2);
    for (const p of citing) {
      expect(p.consultation.slug).toBe("csa-regulation");
      for (const c of p.citations) {
        expect(c.document.consultationId).toBe(p.consultationId);
        const unit = await prisma.textUnit.findFirst({ where: { documentId: c.documentId, eId: c.eId } });
        expect(unit, c.eId).not.toBeNull();
      }
    }
    expect(citing.flatMap((p) => p.citations.map((c) => [c.eId, c.label])).sort()).toEqual([
      ["art_10__para_3", "Article 10(3)"],
      ["art_7__para_4__point_a", "Article 7(4)(a)"],
      ["art_7__para_9", "Article 7(9)"],
    ]);
  });

  it("refuses a second run on the now non-empty database and changes nothing", async () => {
    const before = await counts(prisma);
    await expect(seedDemo(prisma)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await counts(prisma)).toEqual(before);
  });
});

describe("npm run seed (the CLI)", () => {
  it("seeds an empty database and prints every login, then refuses a second time (exit 1)", async () => {
    const target = await createCliTarget();
    try {
      const first = await runCli("seed.ts", [], target);
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      for (const login of DEMO_LOGINS) expect(first.stdout).toContain(login.email);
      expect(first.stdout).toContain(DEMO_LOGINS[0]!.password);

      const before = await target.withDb(counts);
      expect(before.users).toBe(DEMO_LOGINS.length);
      const second = await runCli("seed.ts", [], target);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/already has accounts.*Nothing was changed/);
      expect(await target.withDb(counts)).toEqual(before);
    } finally {
      await target.cleanup();
    }
  }, 180_000); // two CLI processes, each starting tsx and PGlite: close to a minute on a busy machine

  it("is documented in README with the same logins", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.split(/^## /m).find((s) => s.startsWith("Demo data"));
    expect(section).toBeDefined();
    expect(section).toContain("npm run seed");
    for (const login of DEMO_LOGINS) expect(section).toContain(login.email);
    expect(section).toContain(DEMO_LOGINS[0]!.password);
  });
});
