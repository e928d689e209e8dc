/**
 * RangeAtoms on the paths `range-atoms.test.ts` does not reach (it gives at most three sets): range by range with
 * four to thirty sets and no `separate` (the engine's non-Istio classes with many distinguishing sets), more than
 * 32 distinct masks (the map that replaces the linear search), and more than 30 sets (masks as texts; at 32 sets
 * and beyond a bit per set would wrap). Each is checked against the definition: ranges are in one atom exactly when
 * the same sets hold them (a range in `separate` is an atom of its own), atoms numbered by their lowest range.
 * Deterministic (a fixed linear congruential generator), well under a second.
 */
import { Bitset } from "../../src/core/analyze/bitset";
import { Int32Store } from "../../src/core/analyze/int32-store";
import { RangeAtoms } from "../../src/core/analyze/range-atoms";
import { expectedAtoms } from "./range-atoms-reference";

/** A fixed pseudo-random sequence in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomSets(rand: () => number, count: number, size: number, density: number): Bitset[] {
  return Array.from({ length: count }, () => {
    const b = new Bitset(size);
    for (let x = 0; x < size; x++) if (rand() < density) b.add(x);
    return b;
  });
}

function check(atoms: RangeAtoms, size: number, sets: readonly Bitset[], separate?: Bitset): void {
  const want = expectedAtoms(size, sets, separate);
  expect([...atoms.first]).toEqual(want.first);
  expect([...atoms.atomOf]).toEqual(want.atomOf);
  // Every other atom kept: the union is exactly their ranges.
  const kept = atoms.addRangesWhere((a) => a % 2 === 0, new Bitset(size)).toArray();
  expect(kept).toEqual(want.atomOf.flatMap((a, x) => (a % 2 === 0 ? [x] : [])));
}

test("four to thirty sets without `separate`: range by range, equal to the definition", () => {
  const rand = lcg(7);
  for (const count of [4, 5, 8, 30])
    for (const size of [1, 31, 32, 33, 100]) {
      const sets = randomSets(rand, count, size, 0.3);
      check(RangeAtoms.of(sets, size, new Int32Store(64)), size, sets);
    }
});

test("more than 32 distinct masks, with a scratch kept (and left zeroed) between calls", () => {
  const rand = lcg(11);
  const size = 300;
  const scratch = new Int32Array(size);
  for (const count of [6, 8, 12]) {
    const sets = randomSets(rand, count, size, 0.5);
    const want = expectedAtoms(size, sets);
    // The map is taken past 32 masks, and its entries must still be found afterwards.
    expect(want.first.length).toBeGreaterThan(40);
    check(RangeAtoms.of(sets, size, new Int32Store(64), undefined, () => scratch), size, sets);
    expect(scratch.every((v) => v === 0)).toBe(true);
    const separate = randomSets(rand, 1, size, 0.1)[0]!;
    check(RangeAtoms.of(sets, size, new Int32Store(64), separate, () => scratch), size, sets, separate);
    expect(scratch.every((v) => v === 0)).toBe(true);
  }
});

test("31 to 40 sets (masks as texts), with and without `separate`", () => {
  const rand = lcg(13);
  for (const count of [31, 32, 33, 34, 40])
    for (const size of [5, 64, 70]) {
      // Few members per set, so that a set past the 32nd bit often tells two ranges apart on its own.
      const sets = randomSets(rand, count, size, 0.05);
      check(RangeAtoms.of(sets, size, new Int32Store(64)), size, sets);
      const separate = new Bitset(size);
      for (let x = 1; x < size; x += 3) separate.add(x);
      check(RangeAtoms.of(sets, size, new Int32Store(64), separate), size, sets, separate);
    }
});

test("sets past the 32nd are told apart from the first ones", () => {
  // Ranges 0 and 1 differ only in set 32 (a bit per set would alias it with set 0, 1 << 32 === 1), range 2 only
  // in set 0.
  const size = 4;
  const sets = Array.from({ length: 34 }, () => new Bitset(size));
  sets[32]!.add(1);
  sets[0]!.add(2);
  sets[33]!.add(3);
  sets[1]!.add(3);
  const atoms = RangeAtoms.of(sets, size, new Int32Store(64));
  expect([...atoms.first]).toEqual([0, 1, 2, 3]);
  expect([...atoms.atomOf]).toEqual([0, 1, 2, 3]);
});

test("past 30 sets, with every range held by some set, no atom starts past the last range", () => {
  // Ranges beyond size are in no set: reading one would make an atom of the empty mask that no range has.
  const size = 3;
  const sets = Array.from({ length: 31 }, (_, i) => {
    const b = new Bitset(size);
    b.add(i % size);
    return b;
  });
  const atoms = RangeAtoms.of(sets, size, new Int32Store(64));
  expect([...atoms.first]).toEqual([0, 1, 2]);
  expect([...atoms.atomOf]).toEqual([0, 1, 2]);
});
