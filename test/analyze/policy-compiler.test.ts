/**
 * The compiler's range set ids, which the engine's range caches key on:
 * rules whose range sets hold the same ranges share an id, any difference
 * gives another, and a rule holding no range gets -1.
 */
import fc from "fast-check";
import { buildCluster, sharedIndexes } from "../../src/core/analyze";
import { Bitset } from "../../src/core/analyze/bitset";
import { HASH_SEED, hashInts, hashStep } from "../../src/core/analyze/int-hash";
import type { CompiledRule } from "../../src/core/analyze/policy-compiler";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

/** Only the range set matters to rangeSetId. */
const ruleWith = (size: number, members: readonly number[]): CompiledRule => {
  const ranges = new Bitset(size);
  for (const x of members) ranges.add(x);
  return { ranges } as unknown as CompiledRule;
};

test("rangeSetId: equal range sets share an id, different ones do not, an empty one is -1", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 90 }).chain((size) => fc.tuple(fc.constant(size), fc.array(fc.uniqueArray(fc.nat({ max: size - 1 }), { maxLength: 6 }), { minLength: 1, maxLength: 12 }))), ([size, sets]) => {
      const policies = sharedIndexes(buildCluster([]).cluster).policies;
      const rules = sets.map((m) => ruleWith(size, m));
      const ids = rules.map((r) => policies.rangeSetId(r));
      const keys = sets.map((m) => [...m].sort((a, b) => a - b).join(","));
      for (let i = 0; i < rules.length; i++) {
        expect(ids[i] === -1).toBe(keys[i] === "");
        for (let j = 0; j < rules.length; j++) if (keys[i] !== "" && keys[j] !== "") expect(ids[i] === ids[j]).toBe(keys[i] === keys[j]);
        // Asked again, a rule keeps its id.
        expect(policies.rangeSetId(rules[i]!)).toBe(ids[i]);
      }
    }),
    { numRuns: 300, seed: SEED },
  );
});

test("rangeSetId: two different sets with the same hash still get different ids", () => {
  // The id's hash (hashInts: FNV-1a over the words, 32-bit) is invertible word by word, so a second word can undo a
  // difference in the first: [1, 0] and [2, x] hash alike for the x computed here.
  const x = (hashStep(HASH_SEED, 2) ^ hashStep(HASH_SEED, 1)) >>> 0;
  const setOf = (words: readonly number[]): CompiledRule => {
    const ranges = new Bitset(64);
    ranges.words.set(words);
    return { ranges } as unknown as CompiledRule;
  };
  expect(hashInts([1, 0])).toBe(hashInts([2, x]));
  const policies = sharedIndexes(buildCluster([]).cluster).policies;
  const a = policies.rangeSetId(setOf([1, 0]));
  const b = policies.rangeSetId(setOf([2, x]));
  expect(a).not.toBe(b);
  expect(policies.rangeSetId(setOf([2, x]))).toBe(b);
});
