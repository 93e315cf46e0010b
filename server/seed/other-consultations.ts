// Two smaller consultations, so that the demo shows every state a reader can meet: a draft that only
// organisers and admins see, and a closed Chatham House discussion (views reported, speakers not).
import type { ConsultationSeed } from "./types.ts";

export const DRAFT_CONSULTATION: ConsultationSeed = {
  slug: "safety-by-design-guidance",
  title: "Safety by design for services used by children: draft guidance",
  summary: "Which design choices should guidance recommend to services that children use: default settings, contact controls, reporting tools?",
  background: `The organisers are preparing a consultation on voluntary guidance for online services used by children. It is a **draft**: only organisers and administrators can see it until it is opened.

Questions still to be agreed with the advisory group.`,
  status: "draft",
  accessMode: "open",
  opensInDays: 21,
  closesInDays: 60,
  questions: [
    { text: "Which settings should be on by default for accounts of users under 16?" },
    { text: "How should reporting tools be designed so that children actually use them?" },
  ],
  members: { organiser: "organiser", moderator: "moderator" },
  threads: [],
  positions: [],
  endorsements: [],
};

export const CLOSED_CONSULTATION: ConsultationSeed = {
  slug: "interim-derogation-lessons",
  title: "Lessons from voluntary detection under the interim derogation",
  summary: "A closed, Chatham House discussion among invited organisations on what the interim period of voluntary detection has shown.",
  background: `Since 2021, Regulation (EU) 2021/1232 has allowed providers of communication services to detect child sexual abuse voluntarily, by way of derogation from the ePrivacy Directive. This invited discussion asked what that period has shown about accuracy, transparency and legal certainty.

It was held under the **Chatham House rule**: participants may use what was said, but not reveal who said it or whom they represent.`,
  status: "closed",
  accessMode: "chatham_house",
  opensInDays: -90,
  closesInDays: -30,
  questions: [
    { text: "What has voluntary detection under the interim derogation achieved, and at what cost?" },
    { text: "What should the transparency reports required by the interim Regulation contain that they do not today?" },
  ],
  members: { organiser: "organiser", moderator: "moderator", observer: "observer" },
  organisations: { childRights: "participant", digitalRights: "participant", industry: "participant", research: "participant" },
  threads: [
    {
      title: "What did the interim period show?",
      question: 1,
      opening: {
        by: "organiser",
        after: 2,
        body: "To open the discussion: what did voluntary detection achieve in your experience, what did it cost, and what surprised you? Remember that this discussion is under the Chatham House rule.",
        replies: [
          {
            by: "platform",
            replyType: "clarifies",
            after: 30,
            body: "In our experience, matching known material produced very few disputed reports. Classifiers for new material needed far more human review than expected, and review teams carry a heavy psychological load that is rarely counted as a cost.",
          },
          {
            by: "childRights",
            replyType: "supports",
            after: 18,
            body: "The months of legal uncertainty before the derogation was adopted showed what is at stake: some providers stopped detecting, and the number of reports from services in the EU fell markedly. Predictability matters as much as scope.",
            replies: [
              {
                by: "researcher",
                replyType: "clarifies",
                after: 26,
                body: "The transparency reports published so far are hard to compare: providers count reports, accounts and items differently, and few give error rates. Without comparable numbers, neither side of this debate can show what works.",
              },
            ],
          },
          {
            by: "privacy",
            replyType: "contests",
            after: 40,
            body: "A fall in the number of reports is not by itself a fall in protection: what matters is how many reports led to a child being safeguarded, which nobody publishes. We would ask that future reporting follow cases through to their outcome.",
          },
        ],
      },
    },
  ],
  positions: [],
  endorsements: [],
};
