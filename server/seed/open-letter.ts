// A real document, quoted in the demo consultation's background: the open letter that a coalition of
// child-advocacy organisations sent to the EU institutions ahead of the Commission's 2022 proposal.
// Kept here verbatim (the seed reads nothing outside server/ at run time). Paragraphs in order.

export const OPEN_LETTER_TITLE = "Fighting Online Child Sexual Exploitation and Abuse: Europe needs to seize the moment";
export const OPEN_LETTER_SUBTITLE = "Open Letter on Behalf of Child Advocacy Organizations to the EU";

export const OPEN_LETTER_PARAGRAPHS = [
  "In the shadow of the covid-19 pandemic, another pandemic has also been rampant. With more interactions shifting to the digital world, child sexual abuse material (known as CSAM) online has grown exponentially. Last year alone, the number of child sexual exploitation and online abuse reports has exploded, reaching the highest level ever recorded.",
  "Today, more than 46 million unique images or videos of child abuse are registered in Europol's repository. Europe is now the world's largest host of websites containing CSAM which demands immediate action from EU member states.",
  "Behind the numbers are real children suffering. Whenever CSAM is created, the child depicted in it is violated in their personal safety, dignity, and privacy. Each time the material goes viral, the child is revictimized. Some children are even recognized in real life from their abuse images. This status-quo deeply contradicts the values of human dignity and the protection of fundamental rights upon which Europe is grounded.",
  "The sad truth is that today on every online platform with an upload button, CSAM can be found and spread. Every messaging service is prone to be misused by perpetrators for the purpose of grooming children and young people. And while perpetrators have proved very inventive in terms of utilizing these technologies, the potential of technology to rein in this crime has yet to be fully exploited.",
  "The European Commission's initiative to enact a long-term regulation to fight child sexual abuse comes at a time of urgency. We, a broad alliance of child advocacy organizations, welcome this initiative, as well as the Trio presidencies' - France, the Czech Republic, and Sweden - commitment to step up efforts at the EU level to better protect children, in particular against sexual abuse.",
  "As with the GDPR, the EU is once more in the position to establish a new global standard for child protection and privacy, thereby helping build a safer digital ecosystem for every child irrespective of where they happen to live.",
  "We firmly believe that to tackle the CSAM pandemic, governments need not only to chase after perpetrators, but also to make digital environments a safer place for children where their rights are being secured and respected. One key element to this is to authorize highly precise CSAM detection technology which can be deployed together within a framework which provides legal certainty. Another element is to look for new and innovative preventive measures. To ensure that CSAM continues to be detected and reported quickly and reliably, the EU should seize this opportunity to establish a legal framework that allows for technological innovation in the long-term. It is an essential way to prevent harm and protect children.",
  "We call upon the European Commission, the Council and the European Parliament to put the rights of children at the heart of its upcoming legislation. Safety by design and privacy by default are conditions which every online platform should fulfill to foster an online environment that is safe for kids. We stand ready to support this undertaking by making available our broad expertise to all stakeholders and engage in a constructive, open dialogue.",
] as const;

/**
 * The letter's paragraphs at these positions (0-based, ascending) as one Markdown block quote;
 * "[…]" marks where paragraphs were left out.
 */
export function quoteOpenLetter(indexes: number[]): string {
  return indexes
    .map((index, n) => {
      const paragraph = OPEN_LETTER_PARAGRAPHS[index];
      if (paragraph === undefined) throw new Error(`The open letter has no paragraph ${index}`);
      const previous = indexes[n - 1];
      const gap = previous !== undefined && index !== previous + 1 ? ">\n> […]\n>\n" : previous !== undefined ? ">\n" : "";
      return `${gap}> ${paragraph}\n`;
    })
    .join("")
    .trimEnd();
}
