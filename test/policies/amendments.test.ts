// Who is offered the Flag action on an amendment, as a matrix: viewer x status x authorship, written out
// by hand. The service also checks that the flagger can see it (test/moderation/amendment-flags.test.ts).
import { describe, expect, it } from "vitest";
import { amendmentPolicy } from "../../server/amendments/policy.ts";
import type { Viewer } from "../../server/consultations/policy.ts";

const VIEWERS: Record<string, Viewer> = {
  admin: { userId: "u-admin", isAdmin: true, role: null },
  organiser: { userId: "u-org", isAdmin: false, role: "organiser" },
  moderator: { userId: "u-mod", isAdmin: false, role: "moderator" },
  participant: { userId: "u-part", isAdmin: false, role: "participant" },
  observer: { userId: "u-obs", isAdmin: false, role: "observer" },
  registered: { userId: "u-reg", isAdmin: false, role: null },
  anonymous: { userId: null, isAdmin: false, role: null },
};

const STATUSES = ["published", "pending", "hidden", "rejected", "withdrawn"] as const;
// Everyone signed in may flag someone else's published amendment; nobody flags their own or anything else.
const EXPECTED: Record<string, boolean> = { admin: true, organiser: true, moderator: true, participant: true, observer: true, registered: true, anonymous: false };

describe("amendmentPolicy.flag", () => {
  for (const [name, viewer] of Object.entries(VIEWERS)) {
    it(name, () => {
      for (const status of STATUSES) {
        expect(amendmentPolicy.flag(viewer, { status, authorId: "someone-else" }), `${name}, ${status}`).toBe(status === "published" && EXPECTED[name]);
        if (viewer.userId) expect(amendmentPolicy.flag(viewer, { status, authorId: viewer.userId }), `${name}, own, ${status}`).toBe(false);
      }
    });
  }
});
