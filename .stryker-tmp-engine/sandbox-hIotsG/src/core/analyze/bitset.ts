/** A fixed-size set of small integers (class or range indices) backed by 32-bit words. */
// @ts-nocheck

export class Bitset {
  readonly words: Uint32Array;
  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  static full(size: number): Bitset {
    const b = new Bitset(size);
    b.words.fill(0xffffffff);
    if ((size & 31) !== 0) b.words[b.words.length - 1] = (1 << (size & 31)) - 1;
    return b;
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

  clone(): Bitset {
    const b = new Bitset(this.size);
    b.words.set(this.words);
    return b;
  }

  isEmpty(): boolean {
    return this.words.every((w) => w === 0);
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

  toArray(): number[] {
    const out: number[] = [];
    this.forEach((i) => out.push(i));
    return out;
  }
}
