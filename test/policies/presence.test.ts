// contributionPresence (issue 10 item 4) as a matrix: viewer x status x answered, without a database.
import { describe, expect, it } from "vitest";
import { ANONYMOUS, contributionPresence, type ConsultationState, type Viewer } from "../../server/consultations/policy.ts";
import type { PostStatus } from "../../shared/schemas/threads.ts";

const open: ConsultationState = { status: "open", accessMode: "open" };
const restricted: ConsultationState = { status: "open", accessMode: "restricted" };
const author: Viewer = { userId: "author", isAdmin: false, role: null };
const other: Viewer = { userId: "other", isAdmin: false, role: null };
const moderator: Viewer = { userId: "mod", isAdmin: false, role: "moderator" };
const item = (status: PostStatus) => ({ status, authorId: "author" });

describe("contributionPresence", () => {
  const cases: [string, Viewer, PostStatus, boolean, string][] = [
    ["published, anyone", ANONYMOUS, "published", false, "full"],
    ["pending, its author", author, "pending", false, "full"],
    ["pending, someone else", other, "pending", true, "none"],
    ["hidden, its author", author, "hidden", false, "full"],
    ["hidden, someone else", other, "hidden", false, "placeholder"],
    ["hidden, anonymous", ANONYMOUS, "hidden", false, "placeholder"],
    ["hidden, staff", moderator, "hidden", false, "full"],
    ["rejected, its author", author, "rejected", false, "full"],
    ["rejected and unanswered, someone else", other, "rejected", false, "none"],
    ["rejected and answered, someone else", other, "rejected", true, "placeholder"],
    ["withdrawn, someone else, answered", other, "withdrawn", true, "none"],
    ["withdrawn, its author", author, "withdrawn", false, "none"],
    ["withdrawn, staff", moderator, "withdrawn", false, "full"],
  ];
  for (const [label, viewer, status, answered, expected] of cases) {
    it(label, () => expect(contributionPresence(viewer, open, item(status), { hasShownReplies: answered })).toBe(expected));
  }
  it("shows nothing, not even a gap, to someone who may not read the consultation", () => {
    expect(contributionPresence(other, restricted, item("hidden"), { hasShownReplies: true })).toBe("none");
    expect(contributionPresence(author, restricted, item("hidden"), { hasShownReplies: false })).toBe("none");
    // The control: a member reads it.
    expect(contributionPresence({ ...other, role: "participant" }, restricted, item("hidden"), { hasShownReplies: false })).toBe("placeholder");
  });
});
