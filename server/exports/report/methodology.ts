// The methodology note printed at the top of every summary report: how each figure is computed, what
// is left out and why. Kept next to the code that computes the figures, with the same parameters.
import { CAMPAIGN_PARAMS } from "./campaigns.ts";

export const TOP_ARGUMENTS = 5;

export function methodologyNote(facts: { authorsWithheld: boolean }): string[] {
  const p = CAMPAIGN_PARAMS;
  return [
    "Scope. This report is generated from the consultation's record and contains only what any reader of the consultation may see: published contributions. " +
      "Contributions that are pending review, hidden or rejected by a moderator, withdrawn by their authors, or reported as illegal content (quarantined) are never included, " +
      "nor are replies in a thread whose opening post is not published. They are excluded because they are not part of the public record; the moderation figures below account for moderators' decisions.",
    facts.authorsWithheld
      ? "Chatham House rule. This consultation was held under the Chatham House rule: contributions are attributed to a stakeholder category only. No names, organisations or countries are given, and figures by country are omitted because they could identify an organisation."
      : "Attribution. Contributions are attributed as published: the author's display name and, where they spoke for an organisation, its name. E-mail addresses are never published.",
    "Contributors are the distinct people who wrote at least one published post or position; a person counts once in the total and once in each stakeholder category they spoke in " +
      "(their own category, or their organisation's when they spoke for it). Organisations are the distinct organisations with a published position or a post written on their behalf, " +
      "by the organisation's category and country. Posts and positions are counted by the category their author spoke in when writing. Endorsements are counted by the endorser's category.",
    "Participation over time counts published posts and positions by the week (Monday to Sunday, UTC) in which they were first written.",
    "Stance distribution. For each question, every published organisation position counts once, in the stance it states and in the category of the organisation when the position was published. " +
      "Each cell of the table is the number of position lines listed under it, whose ids are given in the Positions column.",
    `Arguments for and against. Arguments for a question are its published positions stating "support" or "support with amendments" and the replies typed "supports" in the question's threads; ` +
      `arguments against are positions stating "oppose" and replies typed "contests". A typed reply supports or contests the post it answers, which in a question's thread is usually the proposal under discussion. ` +
      `The ${TOP_ARGUMENTS} most endorsed of each side are shown (ties: earlier first), with endorsements by the endorser's category; a group of near-identical contributions appears once, as its most endorsed member.`,
    `Campaign detection. Near-identical contributions are grouped: each text is lower-cased, reduced to letters and digits, and cut into overlapping ${p.shingleWords}-word shingles. ` +
      `Locality-sensitive hashing on MinHash signatures (${p.hashes} fixed hash functions, ${p.bands} bands of ${p.rows}) finds the texts worth comparing, and their similarity is the exact Jaccard similarity of their shingle sets. ` +
      `A text joins a group when its similarity to the group's representative (its earliest text) is at least ${p.threshold}, so every member resembles the representative and groups cannot drift through chains of partial resemblances. ` +
      "Each group of two or more is shown once, represented by its earliest contribution, with its size and every member's id. " +
      "Grouped contributions still count individually in the participation figures. The procedure is deterministic: the same record always gives the same groups.",
    "Moderation figures are the consultation's transparency report: confirmed moderation decisions by action, reason and author category, automated and human, appeals by outcome, and the median time from queue to decision.",
    "Response matrix. For each question the organisers record an outcome (accepted, partly accepted, not accepted, out of scope) and their reasons; questions without a recorded outcome are marked as pending.",
    "Traceability. Every position line, argument and campaign group links to the contributions it rests on (permalinks and ids). Aggregate figures rest on the contributions listed, with their ids, in the consultation's public contributions export. " +
      "A published version of this report is an immutable snapshot identified by the SHA-256 hash of its data.",
  ];
}
