// The demo draft text: structured like the Commission's proposal COM(2022) 209 (real article numbers and
// headings), with wording WRITTEN FOR THE DEMO and labelled illustrative: it is not the official text.
// Comments and competing amendments on Articles 7 and 10 come from the demo organisations.
import type { Tx } from "../db/index.ts";
import type { StakeholderCategory } from "../db/generated/client.ts";
import { renderRichText } from "../content/rich-text.ts";
import { importMarkdown } from "../texts/import/markdown.ts";
import { flattenTree } from "../texts/tree.ts";
import type { UserKey } from "./types.ts";

export const DEMO_TEXT_TITLE = "Proposal for a Regulation laying down rules to prevent and combat child sexual abuse (illustrative demo text modelled on COM(2022) 209, not the official wording)";

export const DEMO_TEXT_MARKDOWN = `Illustrative text written for the Roundtable demo. Article numbers and headings follow COM(2022) 209; the wording does not.

## Recitals

(1) Online services are increasingly misused to share material depicting the sexual abuse of children and to solicit children, and voluntary action by providers has proved insufficient.

(2) Measures to detect such abuse interfere with the confidentiality of communications and the protection of personal data, and must therefore be targeted, proportionate and subject to safeguards.

# CHAPTER I — General provisions

### Article 1 — Subject matter and scope

1. This Regulation lays down uniform rules to prevent and combat the misuse of relevant information society services for online child sexual abuse in the internal market.

2. It applies to providers of relevant information society services offering such services in the Union.

### Article 2 — Definitions

For the purposes of this Regulation, the following definitions apply:

(a) 'hosting service' means an information society service consisting of the storage of information provided by a recipient of the service;

(b) 'interpersonal communications service' means a service enabling direct interpersonal and interactive exchange of information between a finite number of persons.

# CHAPTER II — Obligations of providers of relevant information society services to prevent and combat online child sexual abuse

## SECTION 1 — Risk assessment and mitigation obligations

### Article 3 — Risk assessment

1. Providers shall identify, analyse and assess the risk of use of the service for the purpose of online child sexual abuse.

### Article 4 — Risk mitigation

1. Providers shall take reasonable mitigation measures, tailored to the risk identified, to minimise that risk.

## SECTION 2 — Detection obligations

### Article 7 — Issuance of detection orders

1. The Coordinating Authority of establishment may request the competent judicial or independent administrative authority to issue a detection order requiring a provider to take the measures specified in Article 10.

4. The Coordinating Authority shall request the issuance of a detection order only where it considers that:

(a) there is evidence of a significant risk of the service being used for the purpose of online child sexual abuse;

(b) the reasons for issuing the detection order outweigh negative consequences for the rights and legitimate interests of all parties affected.

9. The competent authority shall specify the period during which the detection order applies, which shall not exceed 24 months.

### Article 8 — Additional rules regarding detection orders

1. Detection orders shall be issued using a template and shall state the reasons for issuing them.

### Article 9 — Redress, information, reporting and modification of detection orders

1. Providers that have received a detection order, as well as users affected by it, shall have a right to effective redress.

### Article 10 — Technologies and safeguards

1. Providers that have received a detection order shall execute it by installing and operating technologies to detect the dissemination of known or new child sexual abuse material or the solicitation of children.

3. The technologies shall be:

(a) effective in detecting the dissemination of known or new child sexual abuse material or the solicitation of children;

(b) not able to extract any other information from the relevant communications than the information strictly necessary to detect;

(c) the least intrusive in terms of the impact on the users' rights to private and family life, including the confidentiality of communication.

4. The provider shall ensure regular human oversight as necessary to ensure that the technologies operate in a sufficiently reliable manner.

# CHAPTER IV — EU Centre to prevent and combat child sexual abuse

### Article 40 — Establishment and scope of action of the EU Centre

1. A European Union Agency to prevent and combat child sexual abuse, the EU Centre on Child Sexual Abuse, is established.
`;

interface Speaker {
  id: string;
  category: StakeholderCategory;
  organisationId: string | null;
}

interface DemoComment {
  eId: string;
  by: UserKey;
  title: string;
  body: string;
  span?: [number, number];
}

const COMMENTS: DemoComment[] = [
  { eId: "art_7__para_4__point_a", by: "privacy", title: "'Significant risk' is not a legal threshold", body: "Almost every messaging service carries *some* risk. Without a definition, this point would allow detection orders against any large service.", span: [4, 7] },
  { eId: "art_7__para_4__point_a", by: "childRights", title: "Risk assessments already show where abuse happens", body: "The services where grooming happens are known from the risk assessments of Article 3. The threshold should follow that evidence, not be raised until nothing qualifies." },
  { eId: "art_10__para_3__point_c", by: "researcher", title: "Least intrusive compared with what?", body: "Point (c) needs a benchmark: the least intrusive of the technologies that meet point (a), or of all possible measures? Our analysis of client-side scanning suggests the answer decides whether encrypted services are in scope." },
  { eId: "art_10__para_4", by: "platform", title: "Human oversight at scale", body: "Regular human oversight is right, but the text should say whose: the provider's moderators, or the EU Centre's reviewers before a report is forwarded." },
];

interface DemoAmendment {
  eId: string;
  by: UserKey;
  kind: "replace" | "delete" | "insert_after";
  span?: [number, number];
  proposedText: string;
  justification: string;
  endorsedBy: UserKey[];
}

const AMENDMENTS: DemoAmendment[] = [
  { eId: "art_7__para_4__point_a", by: "privacy", kind: "replace", span: [4, 7], proposedText: "objective evidence of a specific and substantial risk", justification: "A detection order is the most intrusive measure in the Regulation: it should require **specific** evidence about the service, as the EDPB-EDPS opinion recommends.", endorsedBy: ["researcher", "citizen"] },
  { eId: "art_7__para_4__point_a", by: "childRights", kind: "replace", span: [4, 7], proposedText: "a significant risk, as shown by the provider's risk assessment or by reports received by the EU Centre,", justification: "Keeps the threshold reachable while tying it to evidence that already exists under Article 3 and the EU Centre's reports.", endorsedBy: ["member"] },
  { eId: "art_10__para_3__point_c", by: "platform", kind: "replace", span: [0, 3], proposedText: "the least intrusive available technology that meets point (a)", justification: "Providers need to know against which alternatives intrusiveness is measured.", endorsedBy: ["official"] },
  { eId: "art_10__para_3", by: "privacy", kind: "insert_after", proposedText: "3a. Nothing in this Regulation shall be interpreted as requiring providers to weaken or circumvent end-to-end encryption.", justification: "Legal certainty for encrypted services; without it, point (b) cannot be met by any known technology on encrypted content.", endorsedBy: ["researcher"] },
];

/** The demo text as version 1 of a document of the consultation, with anchored comments and amendments. */
export async function createDemoText(tx: Tx, args: { consultationId: string; organiserId: string; at: Date; speaker: (key: UserKey) => Speaker }) {
  const { units, warnings } = importMarkdown(DEMO_TEXT_MARKDOWN);
  if (warnings.length !== 1) throw new Error(`Demo data error: the demo text imports with warnings: ${warnings.join("; ")}`);
  const flat = flattenTree(units);
  const document = await tx.textDocument.create({ data: { consultationId: args.consultationId, title: DEMO_TEXT_TITLE, ordinal: 1, createdById: args.organiserId, createdAt: args.at } });
  const version = await tx.textVersion.create({ data: { documentId: document.id, number: 1, note: "Illustrative demo text", sourceFormat: "markdown", publishedById: args.organiserId, publishedAt: args.at } });
  await tx.textUnit.createMany({ data: flat.map((u) => ({ ...u, versionId: version.id, documentId: document.id, consultationId: args.consultationId })) });
  const textOf = new Map(flat.map((u) => [u.eId, u.text]));
  const words = (eId: string, span?: [number, number]) => {
    const text = textOf.get(eId);
    if (text === undefined) throw new Error(`Demo data error: no unit ${eId}`);
    return span ? text.split(/\s+/).filter(Boolean).slice(span[0], span[1]).join(" ") : text;
  };
  let clock = args.at.getTime();
  for (const c of COMMENTS) {
    clock += 3600_000;
    const s = args.speaker(c.by);
    const thread = await tx.thread.create({ data: { consultationId: args.consultationId, title: c.title, authorId: s.id, createdAt: new Date(clock) } });
    await tx.post.create({
      data: { threadId: thread.id, consultationId: args.consultationId, isOpening: true, authorId: s.id, onBehalfOfOrganisationId: s.organisationId, authorCategory: s.category, bodySource: c.body, bodyHtml: renderRichText(c.body), status: "published", createdAt: new Date(clock) },
    });
    await tx.threadAnchor.create({ data: { threadId: thread.id, consultationId: args.consultationId, documentId: document.id, eId: c.eId, versionNumber: 1, spanStart: c.span?.[0] ?? null, spanEnd: c.span?.[1] ?? null, quote: c.span ? words(c.eId, c.span) : null } });
  }
  for (const a of AMENDMENTS) {
    clock += 3600_000;
    const s = args.speaker(a.by);
    const amendment = await tx.amendment.create({
      data: {
        consultationId: args.consultationId, documentId: document.id, eId: a.eId, versionNumber: 1, kind: a.kind,
        spanStart: a.span?.[0] ?? null, spanEnd: a.span?.[1] ?? null, quote: a.kind === "insert_after" ? "" : words(a.eId, a.span),
        proposedText: a.proposedText, justificationSource: a.justification, justificationHtml: renderRichText(a.justification),
        authorId: s.id, organisationId: s.organisationId, category: s.category, status: "published", createdAt: new Date(clock),
      },
    });
    for (const key of a.endorsedBy) {
      const e = args.speaker(key);
      await tx.amendmentEndorsement.create({ data: { amendmentId: amendment.id, userId: e.id, category: e.category } });
    }
  }
  return { documentId: document.id };
}
