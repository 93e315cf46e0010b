import { describe, expect, it } from "vitest";
import { BandIndex } from "../../server/exports/report/band-index.ts";
import { CampaignDetector } from "../../server/exports/report/campaigns.ts";
import { STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";

/** A fixed pseudo-random sequence: the same texts on every run. */
function random(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe("BandIndex", () => {
  it("gives each key's texts in the order they were added, past several growths, the all-ones key included", () => {
    const index = new BandIndex(8);
    const expected = new Map<number, number[]>();
    const next = random(3);
    for (let text = 0; text < 20_000; text++) {
      const key = text % 7 === 0 ? 0xffffffff : Math.floor(next() * 5000) >>> 0;
      index.add(key, text);
      expected.set(key, [...(expected.get(key) ?? []), text]);
    }
    for (const [key, texts] of expected) expect(index.get(key)).toEqual(texts);
    expect(index.get(123_456_789)).toEqual([]);
  });
});

describe("CampaignDetector", () => {
  it("groups each letter's near-copies, keeps unrelated texts out, largest group first, past its first capacity", () => {
    const next = random(11);
    const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}`);
    const word = () => vocabulary[Math.floor(next() * vocabulary.length)]!;
    const letters = [300, 250, 200].map((length) => Array.from({ length }, word));
    const copies = [900, 600, 300];
    const detector = new CampaignDetector();
    const expected: string[][] = [[], [], []];
    let n = 0;
    for (let round = 0; round < 900; round++) {
      for (const [i, letter] of letters.entries()) {
        if (round >= copies[i]!) continue;
        // One word changed: two copies still share about nine tenths of their shingles.
        const copy = [...letter];
        copy[Math.floor(next() * copy.length)] = word();
        const id = `c${n++}`;
        expected[i]!.push(id);
        detector.add({ kind: i === 2 ? "position" : "post", id, category: STAKEHOLDER_CATEGORIES[n % 7]! }, copy.join(" "));
      }
      detector.add({ kind: "post", id: `u${n++}`, category: "individual" }, Array.from({ length: 30 }, word).join(" "));
    }
    const groups = detector.groups();
    expect(groups.map((g) => g.members.map((m) => m.id))).toEqual(expected);
    expect(groups[2]!.members.every((m) => m.kind === "position")).toBe(true);
    expect(groups[0]!.members[0]!.category).toBe(STAKEHOLDER_CATEGORIES[1]);
  });
});
