// The demo's main consultation: the Commission's 2022 proposal for a Regulation to prevent and combat
// child sexual abuse online (COM(2022) 209). The debate is real; every participant is fictional.
import { OPEN_LETTER_SUBTITLE, OPEN_LETTER_TITLE, quoteOpenLetter } from "./open-letter.ts";
import type { ConsultationSeed } from "./types.ts";
import { CSA_POSITIONS } from "./csa-positions.ts";
import { CSA_THREADS } from "./csa-threads.ts";

const BACKGROUND = `In May 2022 the European Commission proposed a Regulation laying down rules to prevent and combat child sexual abuse online (COM(2022) 209). It would replace the temporary derogation from the ePrivacy Directive (Regulation (EU) 2021/1232) under which providers may today detect abuse voluntarily, and it would:

- oblige providers of hosting and interpersonal communication services to **assess and mitigate the risk** that their services are used for child sexual abuse;
- let national authorities ask a court or an independent administrative authority for a **detection order**: a time-limited obligation, as a last resort, for a provider to detect known or new child sexual abuse material, or the solicitation of children ("grooming"), on a given service;
- require **age verification or age assessment** in some cases, notably from app stores and from communication services at risk of grooming;
- create an **EU Centre on Child Sexual Abuse**, an independent agency that would keep the databases of indicators used for detection, check reports before they reach law enforcement, and help victims get material about them removed;
- add **removal and blocking orders**, reporting obligations, and complaint and **redress** procedures.

The most contested question is how detection orders would apply to **end-to-end encrypted** services: whether content can be scanned on the user's device before it is encrypted ("client-side scanning") without weakening the confidentiality and security of everyone's communications.

## The coalition letter of child-advocacy organisations

Before the proposal was published, a coalition of child-advocacy organisations wrote to the EU institutions (*${OPEN_LETTER_TITLE}*, ${OPEN_LETTER_SUBTITLE.toLowerCase()}):

${quoteOpenLetter([0, 1, 2, 6, 7])}

## The objections

Privacy and digital-rights organisations, many security researchers and several online service providers answer that detection orders on private communications amount to general monitoring of people who are suspected of nothing; that detecting new material and grooming is error-prone at the scale of billions of messages; and that no known technique can scan end-to-end encrypted communications without weakening their security for everyone. The European Data Protection Board and the European Data Protection Supervisor raised similar concerns in their joint opinion on the proposal.

## How to take part

Answer the questions below in the threads, with arguments and evidence. Representatives of verified organisations can publish one **position** per question on their organisation's behalf, with declarations of interest and funding. The consultation is post-moderated: contributions appear at once, and moderators may hide those that break the ground rules, with a reason.

*This is demo data. The letter above is quoted from a real document; the organisations and people taking part here are fictional.*`;

export const CSA_CONSULTATION: ConsultationSeed = {
  slug: "csa-regulation",
  title: "The EU regulation to prevent and combat child sexual abuse online",
  summary:
    "Detection orders, end-to-end encryption, the EU Centre, age verification and safeguards: how should the EU protect children from sexual abuse online while respecting everyone's right to private communications?",
  background: BACKGROUND,
  status: "open",
  accessMode: "open",
  opensInDays: -12,
  closesInDays: 30,
  questions: [
    {
      text: "What should detection orders cover: known child sexual abuse material only, or also new material and the solicitation of children?",
      explanation:
        "Known material is matched against hashes of images already confirmed as abuse; new material and grooming can only be found with classifiers that estimate likelihood. Consider accuracy, human review, and the conditions and duration of orders.",
    },
    {
      text: "How should the Regulation apply to end-to-end encrypted services? Is client-side scanning compatible with the confidentiality and security of communications?",
      explanation:
        "The proposal is technology-neutral and does not exempt encrypted services. Consider security risks, alternatives (metadata, user reports, safety by design) and what an explicit safeguard for encryption would mean.",
    },
    {
      text: "What should the EU Centre do, and how should it be governed and held to account?",
      explanation:
        "The Centre would keep indicator databases, filter reports before they reach national law enforcement and Europol, support victims and research. Consider its independence, data protection supervision and relationship with Europol.",
    },
    {
      text: "Should app stores and communication services verify or assess the age of their users, and how can this be done while preserving privacy and anonymity?",
    },
    {
      text: "Which safeguards, transparency duties and redress mechanisms are needed, for users and for victims?",
      explanation:
        "For example: information to users, complaints against orders and wrongful reports, oversight of error rates, and the right of victims to know about and have material about them removed.",
    },
  ],
  members: {
    organiser: "organiser",
    moderator: "moderator",
    childRights: "participant",
    privacy: "participant",
    platform: "participant",
    official: "participant",
    researcher: "participant",
    member: "participant",
    citizen: "participant",
    developer: "participant",
    observer: "observer",
    analyst: "analyst",
  },
  threads: CSA_THREADS,
  positions: CSA_POSITIONS,
  endorsements: [
    { by: "citizen", position: "childRights-q1" },
    { by: "member", position: "childRights-q1" },
    { by: "platform", position: "digitalRights-q2" },
    { by: "developer", position: "digitalRights-q2" },
    { by: "member", post: "detection-opening" },
    { by: "privacy", post: "survivor" },
    { by: "childRights", post: "survivor" },
    { by: "researcher", post: "official-testing" },
    { by: "citizen", post: "researcher-css" },
  ],
};
