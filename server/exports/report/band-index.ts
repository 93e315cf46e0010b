// The campaign detector's band index: 32-bit band keys to the few texts seen with each, in typed arrays.
// A report of 100,000 contributions indexes 1.6 million band keys; as sixteen Maps of numbers and arrays
// that was 45 MiB of small objects on the main thread's heap, which V8 then let grow by a multiple before
// collecting (an export's resident memory is the measure: issue 12's W6). Here a key costs one slot of an
// open-addressing table (key and value, 8 bytes at a load of at most 0.7), held outside the JavaScript
// heap. Nearly every key has one text: the slot holds it. A key with more holds a chain in a second pair
// of arrays.

const EMPTY = 0xffffffff;
const MAX_LOAD = 0.7;

/** fmix32 again (a slot's start): keys are hashes already, but banded ones cluster in their low bits. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export class BandIndex {
  /** Slot keys; EMPTY marks a free slot (a key equal to EMPTY is stored as EMPTY - 1: it only adds a candidate). */
  private keys: Uint32Array;
  /** A text (>= 0), or the head of a chain as -(entry + 1). */
  private values: Int32Array;
  private used = 0;
  private chainText = new Int32Array(1024);
  private chainNext = new Int32Array(1024);
  private chainUsed = 0;

  constructor(capacityPowerOfTwo = 1 << 16) {
    this.keys = new Uint32Array(capacityPowerOfTwo).fill(EMPTY);
    this.values = new Int32Array(capacityPowerOfTwo);
  }

  /** The texts seen with a key, in the order they were added. */
  get(key: number): number[] {
    const slot = this.find(key === EMPTY ? EMPTY - 1 : key);
    if (this.keys[slot] === EMPTY) return [];
    const v = this.values[slot]!;
    if (v >= 0) return [v];
    const out: number[] = [];
    for (let e = -v - 1; e !== -1; e = this.chainNext[e]!) out.push(this.chainText[e]!);
    return out.reverse();
  }

  add(key: number, text: number): void {
    if (key === EMPTY) key = EMPTY - 1;
    let slot = this.find(key);
    if (this.keys[slot] === EMPTY) {
      if ((this.used + 1) / this.keys.length > MAX_LOAD) {
        this.grow();
        slot = this.find(key);
      }
      this.keys[slot] = key;
      this.values[slot] = text;
      this.used++;
      return;
    }
    const v = this.values[slot]!;
    // A chain is kept newest first: adding is one entry, however long it is.
    const next = v >= 0 ? this.entry(v, -1) : -v - 1;
    this.values[slot] = -(this.entry(text, next) + 1);
  }

  private entry(text: number, next: number): number {
    if (this.chainUsed === this.chainText.length) {
      this.chainText = grown(this.chainText);
      this.chainNext = grown(this.chainNext);
    }
    this.chainText[this.chainUsed] = text;
    this.chainNext[this.chainUsed] = next;
    return this.chainUsed++;
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    let slot = mix(key) & mask;
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2).fill(EMPTY);
    this.values = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === EMPTY) continue;
      const slot = this.find(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.values[slot] = values[i]!;
    }
  }
}

/** The same array, twice as long. */
export function grown<T extends Int32Array | Uint32Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
