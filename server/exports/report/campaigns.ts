// Campaign detection: near-identical contributions (an open letter posted by many hands) grouped so the
// report shows them once, with a count. Deterministic and streaming: each text is reduced to its set of
// shingles as it is read, and candidates come from locality-sensitive hashing on MinHash signatures, so
// 100,000 contributions are never compared pairwise.
//
// 1. Normalise: lower-case, letters and digits only, split on whitespace.
// 2. Shingle: every run of SHINGLE_WORDS consecutive words (a text shorter than that is one shingle),
//    each hashed to 32 bits.
// 3. Candidates: a MinHash signature (HASHES fixed hash functions, the smallest value of each over the
//    text's shingles) is cut into BANDS bands of ROWS values; texts sharing a band are candidates.
// 4. Group: a text joins the first candidate group whose representative (its earliest text) has a Jaccard
//    similarity of shingle sets of at least THRESHOLD, computed exactly; otherwise it may start a group.
//    Comparing with the representative, not with any member, keeps groups from chaining. Groups of two or
//    more are reported.
// A band value shared by very many unrelated texts (common boilerplate) says little: such a bucket keeps at
// most BUCKET_GROUPS groups to compare with, which bounds the work per text.
import { STAKEHOLDER_CATEGORIES, type StakeholderCategory } from "../../../shared/categories.ts";
import { BandIndex, grown } from "./band-index.ts";

export const CAMPAIGN_PARAMS = { shingleWords: 5, hashes: 64, bands: 16, rows: 4, threshold: 0.8 } as const;
const BUCKET_GROUPS = 24;
const { shingleWords: SHINGLE_WORDS, hashes: HASHES, bands: BANDS, rows: ROWS, threshold: THRESHOLD } = CAMPAIGN_PARAMS;

/** murmur3's 32-bit finaliser: a cheap, well-mixed integer hash. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the string's UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Fixed seeds: the same text always gets the same signature, on every machine.
const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => fmix32(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)));

export function normaliseWords(text: string): string[] {
  return text.toLowerCase().normalize("NFKC").replace(/[^\p{L}\p{N}\s]+/gu, " ").split(/\s+/).filter(Boolean);
}

export function shingles(words: string[]): string[] {
  if (words.length <= SHINGLE_WORDS) return words.length ? [words.join(" ")] : [];
  const out: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.push(words.slice(i, i + SHINGLE_WORDS).join(" "));
  return out;
}

/** The text's distinct shingle hashes, sorted. */
export function shingleSet(text: string): Uint32Array {
  return Uint32Array.from(new Set(shingles(normaliseWords(text)).map(fnv1a))).sort();
}

export function signature(set: Uint32Array): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const h of set) {
    for (let i = 0; i < HASHES; i++) {
      const v = fmix32(h ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Exact Jaccard similarity of two sorted sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

export interface CampaignItem {
  kind: "post" | "position";
  id: string;
  category: StakeholderCategory;
}

export interface CampaignGroup {
  /** Members in the order they were added (the first is the earliest contribution). */
  members: CampaignItem[];
}

const KINDS = ["post", "position"] as const;

/**
 * The texts' state lives in typed arrays outside the JavaScript heap, not in an object per text: for a
 * report of 100,000 contributions the detector held 87 MiB of small objects on the main thread (items,
 * one Uint32Array per shingle set, sixteen Maps of band keys), and V8 let the heap grow by a multiple of
 * that before collecting. Measured in test/bench (W6's package).
 */
export class CampaignDetector {
  private count = 0;
  private readonly ids: string[] = [];
  private kinds = new Uint8Array(1024);
  private categories = new Uint8Array(1024);
  private parent = new Int32Array(1024);
  /**
   * The shingle sets of the texts that represent a group (or may start one), end to end in one array:
   * text i's is setPool[setStart[i] .. setStart[i] + setLength[i]]; a text that joined a group keeps none
   * (length 0), so memory grows with the number of distinct texts, not with the campaign sizes.
   */
  private setPool = new Uint32Array(1 << 16);
  private setPoolUsed = 0;
  private setStart = new Int32Array(1024);
  private setLength = new Int32Array(1024);
  /**
   * Band keys (a band's values hashed to 32 bits, the band's number mixed in) to one text of each group
   * seen with that key: groups, not members, so buckets stay small. Two bands that hash alike only add a
   * candidate, which the exact Jaccard refuses.
   */
  private readonly bands = new BandIndex();

  add(item: CampaignItem, text: string): void {
    const set = shingleSet(text);
    if (set.length === 0) return;
    const sig = signature(set);
    const index = this.push(item);
    let joined = false;
    for (let b = 0; b < BANDS; b++) {
      let key = b;
      for (let r = b * ROWS; r < (b + 1) * ROWS; r++) key = fmix32(key ^ sig[r]!);
      const bucket = this.bands.get(key);
      for (const other of bucket) {
        if (joined) break;
        const root = this.find(other);
        if (jaccard(set, this.setOf(root)) >= THRESHOLD) {
          this.parent[index] = root;
          joined = true;
        }
      }
      // The bucket points to this text's group (or to the text, which may start one).
      const mine = this.find(index);
      if (bucket.length < BUCKET_GROUPS && !bucket.some((o) => this.find(o) === mine)) this.bands.add(key, index);
    }
    if (!joined) this.keepSet(index, set);
  }

  private push(item: CampaignItem): number {
    const index = this.count++;
    if (index === this.kinds.length) {
      this.kinds = grown(this.kinds);
      this.categories = grown(this.categories);
      this.parent = grown(this.parent);
      this.setStart = grown(this.setStart);
      this.setLength = grown(this.setLength);
    }
    this.ids.push(item.id);
    this.kinds[index] = KINDS.indexOf(item.kind);
    this.categories[index] = STAKEHOLDER_CATEGORIES.indexOf(item.category);
    this.parent[index] = index;
    return index;
  }

  private keepSet(index: number, set: Uint32Array): void {
    while (this.setPoolUsed + set.length > this.setPool.length) this.setPool = grown(this.setPool);
    this.setPool.set(set, this.setPoolUsed);
    this.setStart[index] = this.setPoolUsed;
    this.setLength[index] = set.length;
    this.setPoolUsed += set.length;
  }

  private setOf(index: number): Uint32Array {
    return this.setPool.subarray(this.setStart[index]!, this.setStart[index]! + this.setLength[index]!);
  }

  private find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }

  private item(i: number): CampaignItem {
    return { kind: KINDS[this.kinds[i]!]!, id: this.ids[i]!, category: STAKEHOLDER_CATEGORIES[this.categories[i]!]! };
  }

  /** Groups of two or more, largest first (ties: earliest first). */
  groups(): CampaignGroup[] {
    const sizes = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) sizes[this.find(i)]! += 1;
    const byRoot = new Map<number, CampaignItem[]>();
    for (let i = 0; i < this.count; i++) {
      const root = this.find(i);
      if (sizes[root]! < 2) continue;
      const list = byRoot.get(root);
      if (list) list.push(this.item(i));
      else byRoot.set(root, [this.item(i)]);
    }
    return [...byRoot.entries()].sort(([ra, a], [rb, b]) => b.length - a.length || ra - rb).map(([, members]) => ({ members }));
  }
}
