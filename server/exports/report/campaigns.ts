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
// most BUCKET_GROUPS groups to compare with, which bounds the work per text. Only representatives keep
// their shingle sets, so memory grows with the number of distinct texts, not with the campaign sizes.
import type { StakeholderCategory } from "../../../shared/categories.ts";

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

export class CampaignDetector {
  private readonly items: CampaignItem[] = [];
  /** Shingle sets of the texts that represent a group (or may start one); null once a text joined a group. */
  private readonly sets: (Uint32Array | null)[] = [];
  private readonly parent: number[] = [];
  /**
   * Per band, per band key: one text of each group seen with that key (groups, not members: buckets stay
   * small). A key is the band's values hashed to 32 bits, and a bucket of one text is that text's index:
   * 16 band entries per text were most of an export's memory as strings and arrays (100,000 posts: about
   * 300 MB). Two different bands that hash alike only add a candidate, which the exact Jaccard refuses.
   */
  private readonly buckets = Array.from({ length: BANDS }, () => new Map<number, number | number[]>());

  add(item: CampaignItem, text: string): void {
    const set = shingleSet(text);
    if (set.length === 0) return;
    const sig = signature(set);
    const index = this.items.length;
    this.items.push(item);
    this.parent.push(index);
    this.sets.push(set);
    let joined = false;
    for (let b = 0; b < BANDS; b++) {
      let key = b;
      for (let r = b * ROWS; r < (b + 1) * ROWS; r++) key = fmix32(key ^ sig[r]!);
      const band = this.buckets[b]!;
      const found = band.get(key);
      const bucket = found === undefined ? [] : typeof found === "number" ? [found] : found;
      for (const other of bucket) {
        if (joined) break;
        const root = this.find(other);
        if (jaccard(set, this.sets[root]!) >= THRESHOLD) {
          this.parent[index] = root;
          joined = true;
        }
      }
      // The bucket points to this text's group (or to the text, which may start one).
      const mine = this.find(index);
      if (bucket.length < BUCKET_GROUPS && !bucket.some((o) => this.find(o) === mine)) {
        if (found === undefined) band.set(key, index);
        else if (typeof found === "number") band.set(key, [found, index]);
        else found.push(index);
      }
    }
    if (joined) this.sets[index] = null;
  }

  private find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }

  /** Groups of two or more, largest first (ties: earliest first). */
  groups(): CampaignGroup[] {
    const byRoot = new Map<number, CampaignItem[]>();
    for (let i = 0; i < this.items.length; i++) {
      const root = this.find(i);
      const list = byRoot.get(root);
      if (list) list.push(this.items[i]!);
      else byRoot.set(root, [this.items[i]!]);
    }
    return [...byRoot.entries()]
      .filter(([, members]) => members.length >= 2)
      .sort(([ra, a], [rb, b]) => b.length - a.length || ra - rb)
      .map(([, members]) => ({ members }));
  }
}
