// The consultation policy as a matrix: viewer x access mode x lifecycle state x action, compared with an
// expectation table written out by hand below (so changing a rule means changing this table too).
import { describe, expect, it } from "vitest";
import { consultationPolicy, canSeeContribution, holdsForReview, type Viewer } from "../../server/consultations/policy.ts";
import type { AccessMode, ConsultationStatus } from "../../shared/schemas/consultations.ts";
import { ACCESS_MODES, CONSULTATION_STATUSES } from "../../shared/schemas/consultations.ts";

export const VIEWERS: Record<string, Viewer> = {
  admin: { userId: "u-admin", isAdmin: true, role: null },
  organiser: { userId: "u-org", isAdmin: false, role: "organiser" },
  moderator: { userId: "u-mod", isAdmin: false, role: "moderator" },
  participant: { userId: "u-part", isAdmin: false, role: "participant" },
  observer: { userId: "u-obs", isAdmin: false, role: "observer" },
  registered: { userId: "u-reg", isAdmin: false, role: null },
  anonymous: { userId: null, isAdmin: false, role: null },
};

// Letters: R read, T start thread, P reply, Q reply asking a question, S take a stance (position,
// endorsement), E edit the consultation, M moderate, A see authors. For an OPEN consultation:
const WHEN_OPEN: Record<AccessMode, Record<string, string>> = {
  open: { admin: "RTPQSEMA", organiser: "RTPQSEMA", moderator: "RTPQSMA", participant: "RTPQSA", observer: "RQA", registered: "RTPQSA", anonymous: "RA" },
  transparent: { admin: "RTPQSEMA", organiser: "RTPQSEMA", moderator: "RTPQSMA", participant: "RTPQSA", observer: "RQA", registered: "RA", anonymous: "RA" },
  restricted: { admin: "RTPQSEMA", organiser: "RTPQSEMA", moderator: "RTPQSMA", participant: "RTPQSA", observer: "RQA", registered: "", anonymous: "" },
  chatham_house: { admin: "RTPQSEMA", organiser: "RTPQSEMA", moderator: "RTPQSMA", participant: "RTPQS", observer: "RQ", registered: "", anonymous: "" },
};

/** Other states: drafts are read (and edited, moderated) by organisers and admins only; nothing is written unless open. */
function expected(viewer: string, mode: AccessMode, status: ConsultationStatus): string {
  const open = WHEN_OPEN[mode][viewer]!;
  if (status === "open") return open;
  if (status === "draft") return ["admin", "organiser"].includes(viewer) ? "REMA" : "";
  return open.replace(/[TPQS]/g, "");
}

function actual(viewer: Viewer, mode: AccessMode, status: ConsultationStatus): string {
  const c = { accessMode: mode, status };
  const thread = { status: "open" as const };
  const can: Record<string, boolean> = {
    R: consultationPolicy.read(viewer, c),
    T: consultationPolicy.startThread(viewer, c),
    P: consultationPolicy.reply(viewer, c, thread, "supports"),
    Q: consultationPolicy.reply(viewer, c, thread, "question"),
    S: consultationPolicy.takeStance(viewer, c),
    E: consultationPolicy.edit(viewer, c),
    M: consultationPolicy.moderate(viewer, c),
    // Seeing authors only means something to someone who can read.
    A: consultationPolicy.read(viewer, c) && consultationPolicy.seeAuthors(viewer, c),
  };
  return "RTPQSEMA".split("").filter((l) => can[l]).join("");
}

describe("consultation policy matrix", () => {
  for (const mode of ACCESS_MODES) {
    for (const status of CONSULTATION_STATUSES) {
      it(`${mode} / ${status}`, () => {
        const got = Object.fromEntries(Object.entries(VIEWERS).map(([name, v]) => [name, actual(v, mode, status)]));
        const want = Object.fromEntries(Object.keys(VIEWERS).map((name) => [name, expected(name, mode, status).split("").sort().join("")]));
        const sorted = Object.fromEntries(Object.entries(got).map(([k, v]) => [k, v.split("").sort().join("")]));
        expect(sorted).toEqual(want);
      });
    }
  }

  it("locked threads take replies from staff only; archived threads from nobody", () => {
    const c = { accessMode: "open" as const, status: "open" as const };
    expect(consultationPolicy.reply(VIEWERS.participant!, c, { status: "locked" })).toBe(false);
    expect(consultationPolicy.reply(VIEWERS.moderator!, c, { status: "locked" })).toBe(true);
    expect(consultationPolicy.reply(VIEWERS.admin!, c, { status: "archived" })).toBe(false);
  });
});

describe("contribution visibility matrix", () => {
  const STATUSES = ["published", "pending", "rejected", "hidden", "withdrawn"] as const;
  // Who sees a contribution by "u-part" in an open consultation, by its status.
  const SEES: Record<(typeof STATUSES)[number], string[]> = {
    published: ["admin", "organiser", "moderator", "participant", "observer", "registered", "anonymous"],
    pending: ["admin", "organiser", "moderator", "participant"],
    rejected: ["admin", "organiser", "moderator"],
    hidden: ["admin", "organiser", "moderator"],
    withdrawn: ["admin", "organiser", "moderator"],
  };
  for (const status of STATUSES) {
    it(status, () => {
      const c = { accessMode: "open" as const, status: "open" as const };
      const seen = Object.entries(VIEWERS).filter(([, v]) => canSeeContribution(v, c, { status, authorId: "u-part" })).map(([n]) => n);
      expect(seen.sort()).toEqual([...SEES[status]].sort());
    });
  }
  it("nobody outside a restricted consultation sees even its published contributions", () => {
    const c = { accessMode: "restricted" as const, status: "open" as const };
    expect(canSeeContribution(VIEWERS.registered!, c, { status: "published", authorId: "u-part" })).toBe(false);
    expect(canSeeContribution(VIEWERS.anonymous!, c, { status: "published", authorId: "u-part" })).toBe(false);
  });
});

describe("moderation modes", () => {
  const c = (moderationMode: "pre" | "post" | "newcomers") => ({ accessMode: "open" as const, status: "open" as const, moderationMode, newcomerThreshold: 2 });
  it("holds every participant contribution in pre-moderation, none in post-moderation", () => {
    expect(holdsForReview(VIEWERS.participant!, c("pre"), 10)).toBe(true);
    expect(holdsForReview(VIEWERS.participant!, c("post"), 0)).toBe(false);
  });
  it("holds a newcomer's first N contributions", () => {
    expect(holdsForReview(VIEWERS.participant!, c("newcomers"), 0)).toBe(true);
    expect(holdsForReview(VIEWERS.participant!, c("newcomers"), 1)).toBe(true);
    expect(holdsForReview(VIEWERS.participant!, c("newcomers"), 2)).toBe(false);
  });
  it("never holds staff", () => {
    for (const staff of ["admin", "organiser", "moderator"]) expect(holdsForReview(VIEWERS[staff]!, c("pre"), 0)).toBe(false);
  });
});
