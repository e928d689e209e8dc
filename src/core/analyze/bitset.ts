/** A fixed-size set of small integers (class or range indices) backed by 32-bit words. */
export class Bitset {
  readonly words: Uint32Array;
  /** `words` (zeroed, (size + 31) >>> 5 long) lets a BitsetSlab hand out views of one shared buffer. */
  constructor(
    readonly size: number,
    words?: Uint32Array,
  ) {
    this.words = words ?? new Uint32Array(wordsFor(size));
  }

  static full(size: number): Bitset {
    return new Bitset(size).fill();
  }

  /** Makes every index below size a member (the last word masked to size); returns this. */
  fill(): Bitset {
    this.words.fill(0xffffffff);
    if ((this.size & 31) !== 0) this.words[this.words.length - 1] = (1 << (this.size & 31)) - 1;
    return this;
  }

  add(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }

  has(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  /** In-place union; returns this. */
  or(o: Bitset): Bitset {
    for (let w = 0; w < this.words.length; w++) this.words[w]! |= o.words[w]!;
    return this;
  }

  /** In-place intersection; returns this. */
  and(o: Bitset): Bitset {
    for (let w = 0; w < this.words.length; w++) this.words[w]! &= o.words[w]!;
    return this;
  }

  /** In-place difference; returns this. */
  andNot(o: Bitset): Bitset {
    for (let w = 0; w < this.words.length; w++) this.words[w]! &= ~o.words[w]!;
    return this;
  }

  /** The number of members. */
  count(): number {
    let n = 0;
    for (let w = 0; w < this.words.length; w++) {
      // Population count of one word (SWAR).
      let v = this.words[w]!;
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
  }

  clone(): Bitset {
    const b = new Bitset(this.size);
    b.words.set(this.words);
    return b;
  }

  isEmpty(): boolean {
    for (let w = 0; w < this.words.length; w++) if (this.words[w] !== 0) return false;
    return true;
  }

  /** Calls fn for every member in increasing order. */
  forEach(fn: (i: number) => void): void {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w]!;
      while (word !== 0) {
        const low = word & -word;
        fn((w << 5) + (31 - Math.clz32(low)));
        word ^= low;
      }
    }
  }

  /**
   * Writes the members in increasing order into `out` (grown when too short)
   * and returns it with their count: a plain loop over the result costs less
   * than a closure called per member where many sets are walked.
   */
  members(out: Int32Array): { readonly list: Int32Array; readonly count: number } {
    let list = out;
    let n = 0;
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w]!;
      while (word !== 0) {
        const low = word & -word;
        if (n === list.length) {
          const grown = new Int32Array(Math.max(16, list.length * 2));
          grown.set(list);
          list = grown;
        }
        list[n++] = (w << 5) + (31 - Math.clz32(low));
        word ^= low;
      }
    }
    return { list, count: n };
  }

  toArray(): number[] {
    const out: number[] = [];
    this.forEach((i) => out.push(i));
    return out;
  }
}

const wordsFor = (size: number): number => (size + 31) >>> 5;

/**
 * The largest buffer the slabs and Int32Store grow to (256 MiB). V8 collects
 * the whole heap each time off-heap memory grows by about 64 MiB, so a large
 * analysis that takes its memory in fixed small buffers paid for a full
 * collection per 64 MiB: at XL, compiling the policies (about 870 MiB of sets)
 * and one analysis's rows (several GiB) caused 62 of them. Buffers that
 * double, up to this cap, cross that threshold a few times instead. Pages of a buffer never written are
 * never committed, so the unused tail of the last buffer costs no memory.
 */
export const MAX_BUFFER_BYTES = 256 * 1024 * 1024;

/**
 * Zeroed bitsets of one size carved from shared buffers. The engine needs a
 * few bitsets per class and per rule; allocating each as its own typed array
 * costs an off-heap buffer apiece, and at thousands of classes that
 * allocation and the garbage collection it causes outweighed the bit work.
 * Sets taken from a slab live as long as any set of the same buffer. Buffers
 * double in size as the slab fills them (see MAX_BUFFER_BYTES).
 */
export class BitsetSlab {
  private buffer = new Uint32Array(0);
  private used = 0;
  private readonly stride: number;
  /** Sets the next buffer holds: `perBuffer` first, then twice the last, up to MAX_BUFFER_BYTES. */
  private nextSets: number;
  constructor(
    readonly size: number,
    perBuffer = 256,
  ) {
    this.stride = wordsFor(size);
    this.nextSets = perBuffer;
  }

  take(): Bitset {
    if (this.used + this.stride > this.buffer.length) {
      this.buffer = new Uint32Array(this.stride * this.nextSets);
      this.used = 0;
      this.nextSets = Math.max(this.nextSets, Math.min(this.nextSets * 2, Math.floor(MAX_BUFFER_BYTES / 4 / Math.max(1, this.stride))));
    }
    // A view constructed directly: subarray() looks up a species constructor and was twice as slow here.
    const words = new Uint32Array(this.buffer.buffer, this.used * 4, this.stride);
    this.used += this.stride;
    return new Bitset(this.size, words);
  }
}
