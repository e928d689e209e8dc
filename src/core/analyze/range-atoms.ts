/**
 * External ranges partitioned by a class's rules: ranges that the same
 * rules hold (a range set per distinguishing rule) get the same verdict, so
 * one verdict per atom is exact.
 *
 * Most classes have one or two distinguishing range sets (a partner block,
 * the internet minus private space), which split thousands of ranges into
 * two or three atoms. Such atoms are found word by word from the sets
 * themselves, and the atom of each single range is written out only when a
 * caller lists ranges one by one: counting the ranges a class reaches needs
 * no per-range table.
 */
import { Bitset } from "./bitset";
import type { Int32Store } from "./int32-store";

/** Up to this many distinguishing sets (2^3 masks), atoms are found word by word; beyond, range by range. */
const WORDWISE_SETS = 3;

export class RangeAtoms {
  private atomTable: Int32Array | undefined;

  private constructor(
    private readonly size: number,
    private readonly store: Int32Store,
    /** Each atom's lowest range: it stands for its atom, whose ranges all get the same verdict. Ascending. */
    readonly first: Int32Array,
    /** Word by word: the distinguishing sets, and each atom's mask of the sets holding its ranges. */
    private readonly sets: readonly Bitset[],
    private readonly masks: readonly number[],
    atomOf: Int32Array | undefined,
  ) {
    this.atomTable = atomOf;
  }

  /**
   * The atoms of ranges held by the same sets. With `separate`, every range
   * in it is an atom of its own (Istio's IP conditions tell them apart).
   */
  static of(sets: readonly Bitset[], size: number, store: Int32Store, separate?: Bitset, scratch?: () => Int32Array): RangeAtoms {
    if (separate === undefined && sets.length <= WORDWISE_SETS) return RangeAtoms.wordwise(sets, size, store);
    const atomOf = store.alloc(size);
    const first: number[] = [];
    // `scratch`: `size` zeroes the caller keeps between calls (left zeroed), since into a meshed class every distinct
    // rule list takes this path.
    atomsByMask(sets, scratch ? scratch() : new Int32Array(size), separate, atomOf, first);
    return new RangeAtoms(size, store, store.copy(first), [], [], atomOf);
  }

  /** One atom per mask that some range has, in order of its lowest range. */
  private static wordwise(sets: readonly Bitset[], size: number, store: Int32Store): RangeAtoms {
    const found: { readonly mask: number; readonly first: number }[] = [];
    for (let mask = 0; mask < 1 << sets.length; mask++) {
      const x = firstWithMask(sets, size, mask);
      if (x >= 0) found.push({ mask, first: x });
    }
    found.sort((a, b) => a.first - b.first);
    return new RangeAtoms(
      size,
      store,
      store.copy(found.map((f) => f.first)),
      sets,
      found.map((f) => f.mask),
      undefined,
    );
  }

  /** The atom of each range. */
  get atomOf(): Int32Array {
    if (this.atomTable === undefined) {
      const table = this.store.alloc(this.size);
      const words = Math.ceil(this.size / 32);
      for (let a = 0; a < this.masks.length; a++) {
        const mask = this.masks[a]!;
        for (let w = 0; w < words; w++) {
          let word = wordWithMask(this.sets, this.size, mask, w);
          while (word !== 0) {
            const low = word & -word;
            table[(w << 5) + (31 - Math.clz32(low))] = a;
            word ^= low;
          }
        }
      }
      this.atomTable = table;
    }
    return this.atomTable;
  }

  /** Adds to `into` the ranges of every atom `keep` accepts; returns `into`. */
  addRangesWhere(keep: (atom: number) => boolean, into: Bitset): Bitset {
    if (this.atomTable !== undefined) {
      const table = this.atomTable;
      for (let x = 0; x < table.length; x++) if (keep(table[x]!)) into.add(x);
      return into;
    }
    const kept = this.masks.filter((_, a) => keep(a));
    if (kept.length === 0) return into;
    const words = into.words;
    for (let w = 0; w < words.length; w++) {
      let word = 0;
      for (const mask of kept) word |= wordWithMask(this.sets, this.size, mask, w);
      words[w]! |= word;
    }
    return into;
  }
}

/** Word w of the ranges held by exactly the sets in `mask` (bit i: sets[i]). */
function wordWithMask(sets: readonly Bitset[], size: number, mask: number, w: number): number {
  // Ranges beyond size are in no set, so they never fall into the mask 0 atom.
  let word = (w + 1) * 32 <= size ? -1 : (1 << (size & 31)) - 1;
  for (let i = 0; i < sets.length; i++) {
    const s = sets[i]!.words[w]!;
    word &= (mask >>> i) & 1 ? s : ~s;
  }
  return word;
}

/** The lowest range held by exactly the sets in `mask`, or -1. */
function firstWithMask(sets: readonly Bitset[], size: number, mask: number): number {
  const words = Math.ceil(size / 32);
  for (let w = 0; w < words; w++) {
    const word = wordWithMask(sets, size, mask, w);
    if (word !== 0) return (w << 5) + (31 - Math.clz32(word & -word));
  }
  return -1;
}

/**
 * Atoms range by range, for up to 30 distinguishing sets: each range's mask
 * of the sets holding it (in `masks`, zero before, cleared after), then one atom per distinct mask in order of first
 * range (a range in `separate` is an atom of its own). Atoms are few, so
 * masks are found by a linear search over a short list, and neighbouring
 * ranges mostly share their mask. Past 30 sets, masks are texts.
 */
function atomsByMask(sets: readonly Bitset[], masks: Int32Array, separate: Bitset | undefined, atomOf: Int32Array, first: number[]): void {
  if (sets.length > 30) {
    const byKey = new Map<string, number>();
    for (let x = 0; x < atomOf.length; x++) {
      let k = "";
      for (const s of sets) k += s.has(x) ? "1" : "0";
      if (separate?.has(x)) k = `i${x}`;
      let a = byKey.get(k);
      if (a === undefined) {
        byKey.set(k, (a = first.length));
        first.push(x);
      }
      atomOf[x] = a;
    }
    return;
  }
  for (let i = 0; i < sets.length; i++) {
    const bit = 1 << i;
    sets[i]!.forEach((x) => (masks[x]! |= bit));
  }
  // The atom of each mask seen: parallel lists searched linearly, a map past 32 masks.
  const maskKeys: number[] = [];
  const maskAtoms: number[] = [];
  let byMask: Map<number, number> | undefined;
  let lastMask = 0;
  let lastAtom = -1;
  for (let x = 0; x < atomOf.length; x++) {
    const k = masks[x]!;
    masks[x] = 0;
    let a: number;
    if (separate !== undefined && separate.has(x)) {
      a = first.length;
      first.push(x);
      atomOf[x] = a;
      lastAtom = -1;
      continue;
    }
    if (lastAtom >= 0 && k === lastMask) a = lastAtom;
    else if (byMask !== undefined) a = byMask.get(k) ?? -1;
    else {
      const j = maskKeys.indexOf(k);
      a = j < 0 ? -1 : maskAtoms[j]!;
    }
    if (a < 0) {
      a = first.length;
      first.push(x);
      maskKeys.push(k);
      maskAtoms.push(a);
      if (byMask !== undefined) byMask.set(k, a);
      else if (maskKeys.length > 32) byMask = new Map(maskKeys.map((m, j) => [m, maskAtoms[j]!]));
    }
    lastMask = k;
    lastAtom = a;
    atomOf[x] = a;
  }
}
