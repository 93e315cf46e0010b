// The shape of the demo data: plain values that demo.ts turns into rows. People and organisations are
// referred to by key, so the content files read like a script and cannot point at a missing row.
import type { ConsultationRole, OrganisationRole, StakeholderCategory } from "../../shared/categories.ts";
import type { AccessMode, ConsultationStatus, EvidenceKind, ReplyType, Stance, ThreadStatus } from "../db/generated/enums.ts";

export type OrgKey = "childRights" | "parents" | "digitalRights" | "industry" | "smallApps" | "authority" | "research";

export type UserKey =
  | "admin"
  | "organiser"
  | "moderator"
  | "childRights"
  | "privacy"
  | "platform"
  | "official"
  | "researcher"
  | "member"
  | "citizen"
  | "observer"
  | "analyst"
  | "developer";

export interface OrganisationSeed {
  key: OrgKey;
  name: string;
  category: Exclude<StakeholderCategory, "individual">;
  country: string;
  website?: string;
  transparencyRegisterId?: string;
  verified: boolean;
}

export interface UserSeed {
  key: UserKey;
  email: string;
  displayName: string;
  category: StakeholderCategory;
  isAdmin?: boolean;
  organisation?: { key: OrgKey; role: OrganisationRole };
  /** How the login is presented: the role to try it for, and what to try. */
  label: string;
  tryThis: string;
}

export interface PostSeed {
  /** Names the post for endorsements. */
  key?: string;
  by: UserKey;
  /** Written on behalf of the author's organisation (the author must be its representative). */
  onBehalf?: boolean;
  replyType?: ReplyType;
  /** Hours after the previous post in the consultation's timeline. */
  after?: number;
  body: string;
  replies?: PostSeed[];
}

export interface ThreadSeed {
  title: string;
  /** Ordinal of the question the thread discusses. */
  question?: number;
  pinned?: boolean;
  status?: ThreadStatus;
  opening: Omit<PostSeed, "replyType">;
}

export interface EvidenceSeed {
  kind: EvidenceKind;
  citation: string;
  url?: string;
}

export interface PositionSeed {
  key: string;
  question: number;
  by: UserKey;
  stance: Stance;
  summary: string;
  argument: string;
  amendmentText?: string;
  declarationOfInterests?: string;
  fundingSources?: string;
  evidence: EvidenceSeed[];
  /** Units of the consultation's demo draft text the position concerns, by eId (position_citations). */
  cites?: string[];
}

export interface EndorsementSeed {
  by: UserKey;
  post?: string;
  position?: string;
}

export interface ConsultationSeed {
  slug: string;
  title: string;
  summary: string;
  background: string;
  status: ConsultationStatus;
  accessMode: AccessMode;
  /** Days from now (negative: in the past). */
  opensInDays?: number;
  closesInDays?: number;
  questions: { text: string; explanation?: string }[];
  members: Partial<Record<UserKey, ConsultationRole>>;
  /** Organisations invited as a whole: every member takes this role. */
  organisations?: Partial<Record<OrgKey, ConsultationRole>>;
  threads: ThreadSeed[];
  positions: PositionSeed[];
  endorsements: EndorsementSeed[];
}
