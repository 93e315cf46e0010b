// The response rules as a matrix, without a database: role x consultation state x action.
import { describe, expect, it } from "vitest";
import { responsePolicy, type ClosingState } from "../../server/responses/policy.ts";
import type { Viewer } from "../../server/consultations/policy.ts";

const now = new Date("2026-12-01T12:00:00Z");
const viewers: Record<string, Viewer> = {
  anonymous: { userId: null, isAdmin: false, role: null },
  registered: { userId: "u1", isAdmin: false, role: null },
  observer: { userId: "u1", isAdmin: false, role: "observer" },
  participant: { userId: "u1", isAdmin: false, role: "participant" },
  analyst: { userId: "u1", isAdmin: false, role: "analyst" },
  moderator: { userId: "u1", isAdmin: false, role: "moderator" },
  organiser: { userId: "u1", isAdmin: false, role: "organiser" },
  admin: { userId: "u1", isAdmin: true, role: null },
};
const open: ClosingState = { status: "open", accessMode: "open", closesAt: new Date("2026-12-31T00:00:00Z") };
const restricted: ClosingState = { ...open, accessMode: "restricted" };
const passed: ClosingState = { ...open, closesAt: new Date("2026-11-30T00:00:00Z") };
const closed: ClosingState = { ...open, status: "closed" };

describe("responsePolicy", () => {
  it("respond: participants and up while open and before the closing date; observers never", () => {
    const row = (c: ClosingState) => Object.fromEntries(Object.entries(viewers).map(([k, v]) => [k, responsePolicy.respond(v, c, now)]));
    expect(row(open)).toEqual({ anonymous: false, registered: true, observer: false, participant: true, analyst: true, moderator: true, organiser: true, admin: true });
    expect(row(restricted)).toEqual({ anonymous: false, registered: false, observer: false, participant: true, analyst: true, moderator: true, organiser: true, admin: true });
    for (const c of [passed, closed]) expect(Object.values(row(c)).every((x) => x === false)).toBe(true);
  });
  it("editQuestionnaire: organisers and admins", () => {
    expect(Object.entries(viewers).filter(([, v]) => responsePolicy.editQuestionnaire(v, open)).map(([k]) => k)).toEqual(["organiser", "admin"]);
  });
  it("readOwn: the respondent only, while they may read the consultation; readAll: staff", () => {
    const mine = { respondentId: "u1", status: "submitted" as const };
    expect(responsePolicy.readOwn(viewers.participant!, open, mine)).toBe(true);
    expect(responsePolicy.readOwn(viewers.participant!, open, { ...mine, respondentId: "u2" })).toBe(false);
    // Taken in from another channel: nobody's own, not even an anonymous caller's (null === null).
    expect(responsePolicy.readOwn(viewers.anonymous!, open, { ...mine, respondentId: null })).toBe(false);
    expect(responsePolicy.readOwn(viewers.registered!, restricted, mine)).toBe(false);
    expect(responsePolicy.readOwn(viewers.anonymous!, open, mine)).toBe(false);
    expect(Object.entries(viewers).filter(([, v]) => responsePolicy.readAll(v, open)).map(([k]) => k)).toEqual(["moderator", "organiser", "admin"]);
  });
  it("analyse: analysts and the staff above them, where they read; manageCodebook: organisers and admins", () => {
    const who = (p: (v: Viewer) => boolean) => Object.entries(viewers).filter(([, v]) => p(v)).map(([k]) => k);
    expect(who((v) => responsePolicy.analyse(v, open))).toEqual(["analyst", "moderator", "organiser", "admin"]);
    expect(who((v) => responsePolicy.analyse(v, restricted))).toEqual(["analyst", "moderator", "organiser", "admin"]);
    expect(who((v) => responsePolicy.manageCodebook(v, open))).toEqual(["organiser", "admin"]);
  });
});
