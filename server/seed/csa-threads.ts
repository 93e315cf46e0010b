// Threads of the CSA consultation: the arguments each side really makes, put respectfully.
import type { ThreadSeed } from "./types.ts";

export const CSA_THREADS: ThreadSeed[] = [
  {
    title: "Welcome: how this consultation works",
    pinned: true,
    opening: {
      by: "organiser",
      body: `Welcome, and thank you for taking part.

This consultation brings together people who disagree strongly, about a subject where the stakes are high on every side. A few ground rules:

1. **Argue with positions, not with people.** Assume good faith: everyone here wants children to be safe and communications to be secure.
2. **Say whose view you are giving.** Post on behalf of your organisation only if you are its representative; otherwise you speak for yourself.
3. **Cite evidence** where you can, and say where it comes from.
4. **Keep survivors in mind.** Do not describe abuse in detail, and never post or link to abuse material.

Moderation is *after* publication: your posts appear at once, and moderators may hide a post that breaks these rules, always with a reason. The organisers will publish a summary of the arguments, by stakeholder category, when the consultation closes.`,
      replies: [
        {
          by: "citizen",
          replyType: "question",
          after: 20,
          body: "Can individuals publish positions too, or only organisations? I would like my view to be on the record, not only in a thread.",
          replies: [
            {
              by: "organiser",
              replyType: "clarifies",
              after: 3,
              body: "Formal positions are reserved for verified organisations, so that readers can see who stands behind them and who funds them. Your posts *are* on the record: they are shown under the category \"Individual\", and the summary reports individuals' contributions as a group of their own, not as a footnote.",
            },
          ],
        },
      ],
    },
  },
  {
    title: "Detection orders: known material, new material and grooming",
    question: 1,
    opening: {
      key: "detection-opening",
      by: "childRights",
      onBehalf: true,
      after: 6,
      body: `Safe Childhood Alliance Europe supports detection orders covering all three kinds of abuse: known material, new material and the solicitation of children.

- **Known material** is matched against hashes of images that have already been confirmed as abuse. The technique has been used for more than a decade, and the rate of wrong matches is very low.
- **New material** matters because it often means a child is being abused *now* and can still be found and protected.
- **Grooming** is where prevention is possible: it is the stage before the abuse.

As the coalition letter says, every time material is shared again, the child depicted is revictimised. Voluntary detection has been patchy and legally uncertain; a regulation should make it predictable.

We accept stricter conditions for new material and grooming: shorter orders, human review of every hit by the EU Centre before anything reaches the police, and orders only for services where a significant risk has been shown.`,
      replies: [
        {
          by: "privacy",
          onBehalf: true,
          replyType: "contests",
          after: 5,
          body: `We share the goal, and we do not dispute the harm. But a detection order does not target suspects: it applies to *every* user of a service. Scanning the private messages of millions of people who are suspected of nothing is general monitoring, which the Court of Justice has repeatedly found incompatible with the rights to private life and data protection (Articles 7 and 8 of the Charter).

The accuracy problem is also one of scale. Classifiers for new material and for grooming estimate likelihood; applied to billions of messages a day, even a small error rate means very large numbers of private conversations, family photos and consensual images between adults sent to reviewers.

We would support targeted measures: orders limited to known material in publicly accessible content, and investigation of suspects' communications under judicial warrant, as today.`,
          replies: [
            {
              by: "childRights",
              onBehalf: true,
              replyType: "contests",
              after: 4,
              body: "Targeting only known suspects misses most victims: a child being groomed is usually found *because* detection runs where offenders contact children, not because an investigation was already open. The proposal already limits orders to services with a significant risk, for a limited time, after the provider's own mitigation has failed. We would welcome stricter safeguards, but not a scope that leaves grooming out.",
            },
            {
              key: "researcher-numbers",
              by: "researcher",
              onBehalf: true,
              replyType: "clarifies",
              after: 9,
              body: `Some numbers may help both sides. Accuracy figures for classifiers are usually measured on test sets where abuse is common. In real traffic it is rare, so what matters is the **false-positive rate**: at one wrong flag per thousand messages, a service carrying a billion messages a day would flag about a million innocent messages *every day*. Even at one in a million, that is a thousand a day on one service.

Hash matching of known material is in a different class; its error rate is far lower, though perceptual hashes can be evaded by small edits.

Whatever the scope, we recommend that the Regulation require independent testing of every detection technology on realistic data *before* it can be used under an order, and publication of the measured error rates.`,
              replies: [
                {
                  key: "official-testing",
                  by: "official",
                  onBehalf: true,
                  replyType: "clarifies",
                  after: 7,
                  body: "The proposal foresees that the EU Centre makes detection technologies available to providers, and that the Centre and, in some cases, the data protection authority give their views before an order is requested. It does not set a testing standard. Views on what that standard should be (who tests, on what data, which error rates are acceptable for each kind of abuse) would be very useful to the co-legislators.",
                },
              ],
            },
          ],
        },
        {
          key: "survivor",
          by: "citizen",
          replyType: "supports",
          after: 11,
          body: "I was abused as a child, and pictures of it still circulate. Each time I am told they have been found and removed, I feel relief and dread at the same time. I want companies to look for them. I also want my own messages, and my conversations with my therapist, to stay private. I don't believe these are opposites, and I ask everyone here to work for both.",
        },
        {
          by: "member",
          replyType: "question",
          after: 14,
          body: "A practical question from a parent: how would I know whether the messaging app my daughter uses is under a detection order? Would orders be public?",
          replies: [
            {
              by: "official",
              onBehalf: true,
              replyType: "clarifies",
              after: 6,
              body: "Under the proposal, a provider executing a detection order must tell its users that it uses detection technology, what it does, and how they can complain. The order itself is not necessarily published, but providers and the EU Centre would have to report on orders and their results. Whether more transparency is needed is exactly the kind of point Question 5 asks about.",
            },
          ],
        },
      ],
    },
  },
  {
    title: "End-to-end encryption and client-side scanning",
    question: 2,
    opening: {
      by: "privacy",
      onBehalf: true,
      after: 8,
      body: `End-to-end encryption protects journalists and their sources, doctors and patients, people escaping abusive households, and children themselves. Its promise is simple: only the sender and the recipients can read a message.

A detection order on an end-to-end encrypted service can only be carried out in two ways: by weakening the encryption, or by scanning content on the device before it is encrypted ("client-side scanning"). Either way, the promise no longer holds. Security researchers warn that client-side scanning adds an attack surface on billions of devices, and that a scanning system built for one purpose can be extended to others by a future law or a hostile actor.

Open Channels asks for two things: that end-to-end encrypted services be excluded from detection orders, and that the Regulation state that nothing in it may be read as requiring a provider to weaken or circumvent encryption.`,
      replies: [
        {
          by: "platform",
          onBehalf: true,
          replyType: "supports",
          after: 5,
          body: `Our members run messaging services used by hundreds of millions of people in Europe. We cannot promise that messages are confidential and inspect them at the same time.

What we can do, and already do: detect abuse on unencrypted surfaces (profile pictures, group names, public content); let users report a conversation, which sends the reported messages to us; use behavioural signals, such as an adult account contacting many unconnected minors, to interrupt grooming; and make protective settings the default for minors' accounts. We ask that the Regulation give full credit to such mitigation measures, so that detection orders remain a true last resort.`,
          replies: [
            {
              by: "childRights",
              onBehalf: true,
              replyType: "contests",
              after: 6,
              body: "These measures are valuable, and we want them everywhere. But children who are being groomed rarely report it, and behavioural signals catch only part of what happens. If encryption becomes the default on the largest services without any detection, a large share of the reports that today lead to children being identified will disappear. We are not asking anyone to break encryption; we are asking that no service be allowed to design itself out of responsibility. The coalition letter calls for *safety by design and privacy by default* together, not one instead of the other.",
            },
          ],
        },
        {
          key: "researcher-css",
          by: "researcher",
          onBehalf: true,
          replyType: "clarifies",
          after: 10,
          body: `To clarify the terms: client-side scanning does not break the cipher. It runs a matching system on the device, against a list of indicators, before the message is encrypted. What it changes is *who can learn about content*: a third party's system now inspects it.

What the research literature shows so far:

1. Perceptual hashes can be evaded by small changes to an image, and researchers have produced deliberate collisions (innocent images that match a target hash) against a deployed system.
2. Models and indicator lists shipped to devices can be extracted and studied, which helps evasion.
3. Users and auditors cannot see what the list contains, so extending it to other content would be hard to detect.

Designs that reduce some risks have been proposed, but we know of none that has been evaluated at scale and meets both the security and the accuracy requirements. We recommend that the Regulation not require a technology whose safety has not been demonstrated, and that it fund independent research instead.`,
        },
        {
          by: "official",
          onBehalf: true,
          replyType: "clarifies",
          after: 9,
          body: "A point of fact: the proposal is technology-neutral. It does not prescribe client-side scanning or any other technique, and it requires that technologies used under an order be the least intrusive available and state of the art. The question the co-legislators must answer is what happens when no technology meets those conditions for a given service. We would value concrete criteria from participants: when should a technology be judged safe enough to be used on an encrypted service, and who should decide?",
        },
      ],
    },
  },
  {
    title: "Age checks in app stores: what would they mean for small developers?",
    question: 4,
    status: "locked",
    opening: {
      by: "developer",
      after: 12,
      body: `I run a five-person studio that makes a language-learning app with a chat feature. If app stores must keep children away from apps with a risk of grooming, I expect them to age-gate whole categories of apps, including ours, because that is the cheapest way to comply.

Age verification with identity documents excludes people who have none, and creates large stores of identity data. Age estimation from a face is less accurate for some groups of people.

I would support a privacy-preserving age *signal* from the operating system or the store (for example "under 13", "13–17", "adult") that apps can rely on without collecting any data themselves.`,
      replies: [
        {
          by: "childRights",
          onBehalf: true,
          replyType: "supports",
          after: 5,
          body: "We agree that age assurance must preserve privacy, and a signal provided once by the store or the device is a promising design. It must also be reliable enough for a service to be held to it: today's self-declared ages are bypassed in seconds by any child who wants to.",
        },
        {
          by: "privacy",
          onBehalf: true,
          replyType: "clarifies",
          after: 4,
          body: "Whatever the design, identification must never become a condition for using a communication service. Anonymous use protects whistleblowers, people in abusive households and young people exploring their identity. An age signal that reveals nothing else could meet that test; identity checks would not.",
        },
        {
          by: "moderator",
          replyType: "clarifies",
          after: 8,
          body: "Thank you all. This thread is **locked** while the organisers prepare an interim summary of Question 4; it will reopen afterwards. Organisations can still publish their positions on Question 4 in the meantime.",
        },
      ],
    },
  },
];
