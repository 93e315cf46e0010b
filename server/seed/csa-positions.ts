// Formal positions in the CSA consultation, one per organisation and question, each with its evidence.
// Evidence from fictional organisations points at example.org; real public documents are cited without a link.
import type { PositionSeed } from "./types.ts";

export const CSA_POSITIONS: PositionSeed[] = [
  {
    key: "childRights-q1",
    question: 1,
    by: "childRights",
    stance: "support_with_amendments",
    summary: "Keep known material, new material and grooming within the scope of detection orders, with stricter conditions for the last two and no gap in protection.",
    argument: `Detection of **known** material protects victims from being revictimised each time their images are shared again. Detection of **new** material and of **grooming** is how children in ongoing abuse are found, and how abuse is prevented before it happens.

We accept, and ask for, stronger safeguards where classifiers are used: human review of every report by the EU Centre, shorter orders, and published error rates.

The temporary derogation that allows voluntary detection today expires. If detection orders take years to be issued, children will be left without the protection they have now.`,
    amendmentText:
      "New article: \"Providers that detect online child sexual abuse on a voluntary basis under Regulation (EU) 2021/1232 may continue to do so, under the same conditions, until a detection order concerning their service takes effect or a period of 24 months after the entry into application of this Regulation has elapsed, whichever is earlier.\"",
    declarationOfInterests: "We run a helpline for children and a hotline for reports of abuse material. We receive no funding from technology companies.",
    fundingSources: "Private foundations (61%), individual donors (31%), EU operating grant (8%).",
    evidence: [
      {
        kind: "data",
        citation: "More than 46 million unique images or videos of child abuse registered in Europol's repository, as cited in the coalition letter of child-advocacy organisations (2022).",
      },
      {
        kind: "lived_experience",
        citation: "Safe Childhood Alliance Europe, listening sessions with 38 adult survivors of online abuse: summary report (2023).",
        url: "https://safechildhood.example.org/reports/listening-sessions-2023",
      },
      {
        kind: "study",
        citation: "Safe Childhood Alliance Europe, patterns of first contact in grooming cases reported to our helpline, 2021–2023.",
        url: "https://safechildhood.example.org/reports/grooming-first-contact",
      },
    ],
  },
  {
    key: "childRights-q3",
    question: 3,
    by: "childRights",
    stance: "support",
    summary: "An independent EU Centre should filter reports, keep the indicator databases and, above all, support victims in having their images removed.",
    argument: `Today victims have to chase each platform themselves to have images of their abuse removed. An EU Centre able to search for known material on their behalf, and to ask for its removal, would change their lives.

Filtering reports centrally also protects users: obvious false positives would be stopped before they reach the police.`,
    evidence: [
      {
        kind: "lived_experience",
        citation: "Safe Childhood Alliance Europe, listening sessions with 38 adult survivors of online abuse: summary report (2023), chapter 4 (removal requests).",
        url: "https://safechildhood.example.org/reports/listening-sessions-2023",
      },
    ],
  },
  {
    key: "digitalRights-q1",
    question: 1,
    by: "privacy",
    stance: "support_with_amendments",
    summary: "Detection orders should be limited to known material in publicly accessible content; private communications should be searched only for suspects, under judicial warrant.",
    argument: `Orders that apply to every user of a communication service are general monitoring. Classifiers for new material and grooming would, at the scale of a large service, send many thousands of innocent private conversations to reviewers every day.

Matching known material in public content is proportionate, and we support making it mandatory where the risk is significant.`,
    amendmentText:
      "In the article on detection orders, replace the scope with: \"A detection order may require the provider to detect the dissemination of known child sexual abuse material in content that is publicly accessible. It shall not apply to interpersonal communications.\"",
    // The conditions for issuing an order and its duration, in the demo draft text.
    cites: ["art_7__para_4__point_a", "art_7__para_9"],
    declarationOfInterests: "We accept no funding from companies whose services fall within the scope of the Regulation.",
    fundingSources: "Individual donors (72%), foundation grants (28%).",
    evidence: [
      {
        kind: "legal_analysis",
        citation: "Court of Justice of the EU, Joined Cases C-293/12 and C-594/12, Digital Rights Ireland (2014), on general and indiscriminate retention of communications data.",
      },
      {
        kind: "legal_analysis",
        citation: "Open Channels Digital Rights Network, detection orders and the prohibition of general monitoring: a legal analysis (2023).",
        url: "https://openchannels.example.org/analysis/detection-orders",
      },
    ],
  },
  {
    key: "digitalRights-q2",
    question: 2,
    by: "privacy",
    stance: "oppose",
    summary: "End-to-end encrypted services must be excluded from detection orders; the Regulation must not require weakening or circumventing encryption.",
    argument: `Client-side scanning puts a matching system on every device, inspecting content before it is encrypted. It defeats the purpose of end-to-end encryption, adds an attack surface, and cannot be audited by the people it scans.

Encryption protects children too: their location, their photos, their conversations with counsellors.`,
    amendmentText:
      "New paragraph: \"Nothing in this Regulation shall be interpreted as prohibiting, weakening or circumventing end-to-end encryption, or as requiring providers to scan content on users' devices.\"",
    // The requirements detection technologies must meet.
    cites: ["art_10__para_3"],
    declarationOfInterests: "We accept no funding from companies whose services fall within the scope of the Regulation.",
    fundingSources: "Individual donors (72%), foundation grants (28%).",
    evidence: [
      {
        kind: "study",
        citation: "H. Abelson et al., \"Bugs in our Pockets: The Risks of Client-Side Scanning\" (2021).",
      },
      {
        kind: "legal_analysis",
        citation: "EDPB-EDPS Joint Opinion 04/2022 on the proposal for a Regulation laying down rules to prevent and combat child sexual abuse (2022).",
      },
    ],
  },
  {
    key: "industry-q4",
    question: 4,
    by: "platform",
    stance: "support_with_amendments",
    summary: "Age assurance yes, identification no: proportionate, privacy-preserving age signals provided once, at the level of the device or the app store.",
    argument: `Age assurance can protect children from contact by unknown adults. But requiring every service to verify every user's age would multiply the collection of identity data and exclude people without documents.

A single age signal from the device or the store, revealing only an age band, would let services apply protective defaults without learning who the user is.`,
    amendmentText:
      "In the article on age verification, add: \"Age verification and age assessment measures shall be proportionate, shall not require the identification of the user, and shall process no more personal data than an indication of the user's age band.\"",
    declarationOfInterests: "Our members provide messaging, social media, video-sharing and app-store services that fall within the scope of the Regulation.",
    fundingSources: "Membership fees of our 41 member companies.",
    evidence: [
      {
        kind: "data",
        citation: "Interlink Online Services Association, survey of members' age-assurance methods and their error rates (2023).",
        url: "https://interlink-association.example.com/publications/age-assurance-survey",
      },
    ],
  },
  {
    key: "authority-q3",
    question: 3,
    by: "official",
    stance: "support",
    summary: "An independent EU Centre with its own data protection officer, supervised by the EDPS, separate from but cooperating with Europol.",
    argument: `The Centre's value lies in its independence: providers, national authorities and victims must be able to trust it. It should be a separate agency, not a unit of a law-enforcement body, with its own data protection officer and supervision by the European Data Protection Supervisor.

Filtering reports at EU level avoids twenty-seven national systems doing the same work, and stops manifestly unfounded reports from reaching the police.`,
    evidence: [
      {
        kind: "other",
        citation: "Impact assessment accompanying the Commission's proposal (2022), section on the options for an EU centre.",
      },
    ],
  },
  {
    key: "research-q2",
    question: 2,
    by: "researcher",
    stance: "neutral",
    summary: "No client-side scanning design evaluated to date meets both the security and the accuracy requirements; the Regulation should not depend on one until it does.",
    argument: `We take no position on the policy choice, which belongs to the co-legislators. On the technical facts: perceptual hashes can be evaded and made to collide; on-device models can be extracted; the contents of indicator lists cannot be verified by users.

We recommend a public, independent evaluation process for any detection technology before it may be used under an order, with published error rates on realistic data.`,
    declarationOfInterests: "Two of our researchers have advised online service providers on security; neither took part in this position.",
    fundingSources: "National research council grants; no funding from industry or from advocacy organisations for this work.",
    evidence: [
      {
        kind: "study",
        citation: "Northbridge Centre for Security and Society, evasion and collision attacks on perceptual hashing: a review (2023).",
        url: "https://security-society.example.org/papers/perceptual-hashing-review",
      },
      {
        kind: "study",
        citation: "H. Abelson et al., \"Bugs in our Pockets: The Risks of Client-Side Scanning\" (2021).",
      },
    ],
  },
];
