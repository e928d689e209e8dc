/**
 * RangeAtoms found word by word (up to three sets) against the same atoms
 * found range by range (forced by an empty `separate` set) and against a
 * direct definition: ranges are in one atom exactly when the same sets hold
 * them, atoms are numbered by their lowest range.
 */
import fc from "fast-check";
import { Bitset } from "../../src/core/analyze/bitset";
import { Int32Store } from "../../src/core/analyze/int32-store";
import { RangeAtoms } from "../../src/core/analyze/range-atoms";
import { expectedAtoms } from "./range-atoms-reference";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

/** Sizes around word boundaries, and sets given by their members (kept below size). */
const setsArb = fc.integer({ min: 1, max: 100 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    sets: fc.array(fc.uniqueArray(fc.nat({ max: size - 1 }), { maxLength: size }), { maxLength: 3 }),
    keep: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  }),
);

function bitsets(size: number, members: readonly (readonly number[])[]): Bitset[] {
  return members.map((m) => {
    const b = new Bitset(size);
    for (const x of m) b.add(x);
    return b;
  });
}

const scratches = new Map<number, Int32Array>();

test("word-by-word atoms equal range-by-range atoms and the definition", () => {
  fc.assert(
    fc.property(setsArb, ({ size, sets: members, keep }) => {
      const sets = bitsets(size, members);
      const want = expectedAtoms(size, sets);
      const wordwise = RangeAtoms.of(sets, size, new Int32Store(64));
      // The range-by-range path with a scratch kept across runs, as the engine keeps one: it must be left zeroed.
      const scratch = (): Int32Array => scratches.get(size) ?? scratches.set(size, new Int32Array(size)).get(size)!;
      const byRange = RangeAtoms.of(sets, size, new Int32Store(64), new Bitset(size), scratch);
      for (const atoms of [wordwise, byRange]) {
        // The union of kept atoms, asked before and after the per-range table exists.
        const before = atoms.addRangesWhere((a) => keep[a] ?? false, new Bitset(size)).toArray();
        expect([...atoms.first]).toEqual(want.first);
        expect([...atoms.atomOf]).toEqual(want.atomOf);
        const after = atoms.addRangesWhere((a) => keep[a] ?? false, new Bitset(size)).toArray();
        const kept = want.atomOf.flatMap((a, x) => (keep[a] ? [x] : []));
        expect(before).toEqual(kept);
        expect(after).toEqual(kept);
      }
    }),
    { numRuns: 500, seed: SEED },
  );
});

test("ranges in `separate` are atoms of their own", () => {
  const size = 40;
  const [all] = bitsets(size, [Array.from({ length: size }, (_, i) => i)]);
  const separate = bitsets(size, [[3, 35]])[0]!;
  const atoms = RangeAtoms.of([all!], size, new Int32Store(64), separate);
  // The ranges around them, held by the same sets, stay one atom.
  expect([...atoms.first]).toEqual([0, 3, 35]);
  expect([...atoms.atomOf].filter((a) => a === 0)).toHaveLength(size - 2);
  expect(atoms.atomOf[3]).toBe(1);
  expect(atoms.atomOf[35]).toBe(2);
});

test("Bitset.count() is the number of members, across word boundaries and the sign bit", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 200 }).chain((size) => fc.tuple(fc.constant(size), fc.uniqueArray(fc.nat({ max: size - 1 })))), ([size, members]) => {
      const b = new Bitset(size);
      for (const x of members) b.add(x);
      expect(b.count()).toBe(members.length);
    }),
    { numRuns: 300, seed: SEED },
  );
  expect(Bitset.full(64).count()).toBe(64);
});
