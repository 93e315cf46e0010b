// Fills an empty database with the demo: organisations in every category, people in every role, and
// three consultations (open, draft, closed) with threads, replies, positions and endorsements.
// One transaction: if anything fails, nothing is left behind. Refuses to touch a database with users.
import type { PrismaClient, Tx } from "../db/index.ts";
import { hashPassword } from "../accounts/password.ts";
import { emailKey } from "../accounts/service.ts";
import { organisationNameKey } from "../organisations/service.ts";
import { renderDocumentText, renderRichText } from "../content/rich-text.ts";
import type { StakeholderCategory } from "../../shared/categories.ts";
import { DEMO_PASSWORD, ORGANISATIONS, USERS } from "./people.ts";
import { createDemoText } from "./csa-text.ts";
import { checkCitations, writeCitations } from "../positions/citations.ts";
import { CSA_CONSULTATION } from "./csa-consultation.ts";
import { CLOSED_CONSULTATION, DRAFT_CONSULTATION } from "./other-consultations.ts";
import type { ConsultationSeed, OrgKey, PostSeed, UserKey } from "./types.ts";

export const DEMO_CONSULTATIONS: ConsultationSeed[] = [CSA_CONSULTATION, DRAFT_CONSULTATION, CLOSED_CONSULTATION];

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  displayName: string;
  tryThis: string;
}

/** Every demo account, in the order `npm run seed` prints them (and README lists them). */
export const DEMO_LOGINS: DemoLogin[] = USERS.map((u) => ({
  role: u.label,
  email: u.email,
  password: DEMO_PASSWORD,
  displayName: u.displayName,
  tryThis: u.tryThis,
}));

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super("The database already has accounts: the demo data is only added to an empty database. Nothing was changed.");
  }
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface Person {
  id: string;
  category: StakeholderCategory;
  /** The organisation the person represents, if any. */
  represents?: { id: string; category: StakeholderCategory; verified: boolean; name: string };
}

interface Context {
  tx: Tx;
  people: Record<UserKey, Person>;
  orgIds: Record<OrgKey, string>;
  now: Date;
}

export async function seedDemo(prisma: PrismaClient, opts: { now?: Date } = {}): Promise<DemoLogin[]> {
  if ((await prisma.user.count()) > 0) throw new DatabaseNotEmptyError();
  const now = opts.now ?? new Date();
  // argon2 is deliberately slow: hash the shared demo password once for every account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(
    async (tx) => {
      // Checked again inside the transaction: the count above may be stale by now.
      if ((await tx.user.count()) > 0) throw new DatabaseNotEmptyError();
      const ctx = await createPeople(tx, passwordHash, now);
      for (const consultation of DEMO_CONSULTATIONS) await createConsultation(ctx, consultation);
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
  return DEMO_LOGINS;
}

async function createPeople(tx: Tx, passwordHash: string, now: Date): Promise<Context> {
  const userIds = {} as Record<UserKey, string>;
  for (const u of USERS) {
    const user = await tx.user.create({
      data: {
        email: u.email,
        emailKey: emailKey(u.email),
        displayName: u.displayName,
        category: u.category,
        isAdmin: u.isAdmin ?? false,
        passwordHash,
        // The demo's people have confirmed their addresses: they contribute from the first login.
        emailVerifiedAt: new Date(now.getTime() - 120 * DAY),
        createdAt: new Date(now.getTime() - 120 * DAY),
      },
    });
    userIds[u.key] = user.id;
  }

  const orgs = {} as Record<OrgKey, { id: string; category: StakeholderCategory; verified: boolean; name: string }>;
  for (const o of ORGANISATIONS) {
    const org = await tx.organisation.create({
      data: {
        name: o.name,
        nameKey: organisationNameKey(o.name),
        category: o.category,
        country: o.country,
        website: o.website ?? null,
        transparencyRegisterId: o.transparencyRegisterId ?? null,
        verified: o.verified,
        verifiedAt: o.verified ? new Date(now.getTime() - 100 * DAY) : null,
        verifiedById: o.verified ? userIds.admin : null,
        createdAt: new Date(now.getTime() - 110 * DAY),
      },
    });
    orgs[o.key] = { id: org.id, category: org.category, verified: org.verified, name: org.name };
  }

  const people = {} as Record<UserKey, Person>;
  for (const u of USERS) {
    const person: Person = { id: userIds[u.key], category: u.category };
    if (u.organisation) {
      await tx.organisationMembership.create({ data: { userId: person.id, organisationId: orgs[u.organisation.key].id, role: u.organisation.role } });
      if (u.organisation.role === "representative") person.represents = orgs[u.organisation.key];
    }
    people[u.key] = person;
  }
  const orgIds = Object.fromEntries(Object.entries(orgs).map(([key, org]) => [key, org.id])) as Record<OrgKey, string>;
  return { tx, people, orgIds, now };
}

/** The organisation a person speaks for: only a representative of a verified organisation may. */
function speakingFor(person: Person, key: UserKey) {
  if (!person.represents?.verified) throw new Error(`Demo data error: ${key} cannot speak for an organisation`);
  return person.represents;
}

async function createConsultation(ctx: Context, seed: ConsultationSeed): Promise<void> {
  const { tx, people, now } = ctx;
  const opensAt = seed.opensInDays === undefined ? null : new Date(now.getTime() + seed.opensInDays * DAY);
  const closesAt = seed.closesInDays === undefined ? null : new Date(now.getTime() + seed.closesInDays * DAY);
  const start = opensAt ?? now;
  const consultation = await tx.consultation.create({
    data: {
      slug: seed.slug,
      title: seed.title,
      summary: seed.summary,
      backgroundSource: seed.background,
      backgroundHtml: renderDocumentText(seed.background),
      language: "en",
      status: seed.status,
      accessMode: seed.accessMode,
      moderationMode: "post",
      opensAt,
      closesAt,
      createdById: people.organiser.id,
      createdAt: new Date(Math.min(start.getTime(), now.getTime()) - 7 * DAY),
      questions: { create: seed.questions.map((q, i) => ({ ordinal: i + 1, text: q.text, explanation: q.explanation ?? null })) },
    },
    include: { questions: true },
  });
  const questionId = (ordinal: number) => {
    const question = consultation.questions.find((q) => q.ordinal === ordinal);
    if (!question) throw new Error(`Demo data error: ${seed.slug} has no question ${ordinal}`);
    return question.id;
  };

  for (const [key, role] of Object.entries(seed.members)) {
    const userId = people[key as UserKey].id;
    const addedById = key === "organiser" ? people.admin.id : people.organiser.id;
    await tx.consultationMember.create({ data: { consultationId: consultation.id, userId, role: role!, addedById } });
  }
  for (const [key, role] of Object.entries(seed.organisations ?? {})) {
    await tx.consultationOrganisation.create({ data: { consultationId: consultation.id, organisationId: ctx.orgIds[key as OrgKey], role: role! } });
  }

  // One timeline for the consultation: each post comes `after` hours after the previous one.
  let clock = start.getTime() + 2 * HOUR;
  const postIds = new Map<string, string>();
  for (const thread of seed.threads) {
    const author = people[thread.opening.by];
    const created = await tx.thread.create({
      data: {
        consultationId: consultation.id,
        questionId: thread.question ? questionId(thread.question) : null,
        title: thread.title,
        status: thread.status ?? "open",
        pinned: thread.pinned ?? false,
        authorId: author.id,
        createdAt: new Date(clock + (thread.opening.after ?? 0) * HOUR),
      },
    });
    const writePost = async (post: PostSeed, parent: { id: string; depth: number } | null): Promise<void> => {
      clock += (post.after ?? 0) * HOUR;
      const person = people[post.by];
      const org = post.onBehalf ? speakingFor(person, post.by) : null;
      const row = await tx.post.create({
        data: {
          threadId: created.id,
          consultationId: consultation.id,
          parentId: parent?.id ?? null,
          depth: parent ? parent.depth + 1 : 0,
          isOpening: parent === null,
          replyType: parent ? (post.replyType ?? null) : null,
          authorId: person.id,
          onBehalfOfOrganisationId: org?.id ?? null,
          authorCategory: org?.category ?? person.category,
          bodySource: post.body,
          bodyHtml: renderRichText(post.body),
          status: "published",
          createdAt: new Date(clock),
        },
      });
      if (post.key) postIds.set(post.key, row.id);
      for (const reply of post.replies ?? []) await writePost(reply, { id: row.id, depth: row.depth });
    };
    await writePost(thread.opening, null);
  }

  const positionIds = new Map<string, string>();
  for (const [i, p] of seed.positions.entries()) {
    const author = people[p.by];
    const org = speakingFor(author, p.by);
    const at = new Date(start.getTime() + (2 + i) * DAY);
    const position = await tx.position.create({
      data: {
        consultationId: consultation.id,
        questionId: questionId(p.question),
        organisationId: org.id,
        authorId: author.id,
        stance: p.stance,
        summary: p.summary,
        argumentSource: p.argument,
        argumentHtml: renderRichText(p.argument),
        amendmentText: p.amendmentText ?? null,
        declarationOfInterests: p.declarationOfInterests ?? null,
        fundingSources: p.fundingSources ?? null,
        category: org.category,
        status: "published",
        createdAt: at,
        updatedAt: at,
        evidence: { create: p.evidence.map((e, n) => ({ ordinal: n + 1, kind: e.kind, citation: e.citation, url: e.url ?? null })) },
      },
    });
    positionIds.set(p.key, position.id);
  }

  for (const e of seed.endorsements) {
    const postId = e.post === undefined ? null : postIds.get(e.post);
    const positionId = e.position === undefined ? null : positionIds.get(e.position);
    if (postId === undefined || positionId === undefined || (postId === null) === (positionId === null)) {
      throw new Error(`Demo data error: endorsement by ${e.by} names no known post or position`);
    }
    await tx.endorsement.create({ data: { userId: people[e.by].id, postId, positionId, category: people[e.by].category } });
  }

  // The CSA consultation also holds the draft law itself (illustrative wording), argued over article by article.
  if (seed.slug === CSA_CONSULTATION.slug) {
    const { documentId } = await createDemoText(tx, {
      consultationId: consultation.id,
      organiserId: people.organiser.id,
      at: new Date(clock),
      speaker: (key) => {
        const person = people[key];
        const org = person.represents?.verified ? person.represents : null;
        return { id: person.id, category: org?.category ?? person.category, organisationId: org?.id ?? null };
      },
    });
    // Positions that cite units of the text: checked and labelled ("Article 7(4)(a)") as the API does.
    for (const p of seed.positions) {
      if (!p.cites?.length) continue;
      const rows = await checkCitations(tx, consultation.id, p.cites.map((eId) => ({ textId: documentId, eId })));
      await writeCitations(tx, positionIds.get(p.key)!, rows);
    }
  } else if (seed.positions.some((p) => p.cites?.length)) {
    throw new Error(`Demo data error: ${seed.slug} has no draft text for its positions to cite`);
  }
}
