import type { Bitset } from "../../src/core/analyze/bitset";

/**
 * Atom of each range by definition: the signature of the sets holding it, numbered by first appearance; a range
 * in `separate` is an atom of its own. Shared by range-atoms.test.ts and
 * range-atoms-mutants.test.ts.
 */
export function expectedAtoms(size: number, sets: readonly Bitset[], separate?: Bitset): { atomOf: number[]; first: number[] } {
  const bySignature = new Map<string, number>();
  const atomOf: number[] = [];
  const first: number[] = [];
  for (let x = 0; x < size; x++) {
    const sig = separate?.has(x) ? `separate ${x}` : sets.map((s) => (s.has(x) ? "1" : "0")).join("");
    let a = bySignature.get(sig);
    if (a === undefined) {
      bySignature.set(sig, (a = first.length));
      first.push(x);
    }
    atomOf.push(a);
  }
  return { atomOf, first };
}
