/**
 * keptPlaces() filters a class row against a bitset: it tests eight entries
 * at once and skips groups that keep nothing, and switches to a write per
 * entry once a row turns out dense. Whatever the row's length and density,
 * and wherever the kept entries fall, it must list exactly the places a plain
 * filter lists, in order.
 */
import fc from "fast-check";
import { keptPlaces } from "../../src/core/analyze/row-filter";

const SEED = Number(process.env["FC_SEED"] ?? 20261203);

function plainFilter(ds: Int32Array, length: number, words: Uint32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) if ((words[ds[i]! >>> 5]! & (1 << (ds[i]! & 31))) !== 0) out.push(i);
  return out;
}

function run(ds: Int32Array, length: number, words: Uint32Array): number[] {
  // Filled with a value no place has, so a stale write shows up if the count is wrong.
  const at = new Int32Array(length).fill(-7);
  const n = keptPlaces(ds, length, words, at);
  return [...at.subarray(0, n)];
}

function wordsOf(size: number, members: Iterable<number>): Uint32Array {
  const words = new Uint32Array((size + 31) >>> 5);
  for (const m of members) words[m >>> 5]! |= 1 << (m & 31);
  return words;
}

/** A row of distinct classes below `size` (as a class row is), in ascending order or not, and which of them the bitset holds. */
const rowArb = fc
  .record({
    size: fc.integer({ min: 1, max: 300 }),
    // Per mille of the row's classes in the bitset: rows from nothing kept to everything kept.
    density: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 1000 }), fc.constant(1000)),
    sorted: fc.boolean(),
    seed: fc.integer(),
  })
  .chain(({ size, density, sorted, seed }) =>
    fc.shuffledSubarray(
      Array.from({ length: size }, (_, i) => i),
      { minLength: 0, maxLength: size },
    ).map((classes) => {
      let x = seed | 1;
      const next = (): number => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 8) % 1000;
      const ds = Int32Array.from(sorted ? [...classes].sort((a, b) => a - b) : classes);
      const members = classes.filter(() => next() < density);
      // Now and then a class outside the row too: the bitset is the search's whole interest, not the row's.
      if (next() < 300) members.push(next() % size);
      return { ds, words: wordsOf(size, members) };
    }),
  );

test("lists exactly the places a plain filter lists, for rows of any length and density", () => {
  fc.assert(
    fc.property(rowArb, fc.nat(), ({ ds, words }, cut) => {
      expect(run(ds, ds.length, words)).toEqual(plainFilter(ds, ds.length, words));
      // Only the first `length` entries count (rows are read as prefixes of longer buffers too).
      const length = ds.length === 0 ? 0 : cut % (ds.length + 1);
      expect(run(ds, length, words)).toEqual(plainFilter(ds, length, words));
    }),
    { numRuns: 2000, seed: SEED },
  );
});

test("every length around the group of eight, with one kept entry at each place", () => {
  for (let length = 0; length <= 26; length++) {
    const ds = Int32Array.from({ length }, (_, i) => 40 + 3 * i);
    expect(run(ds, length, wordsOf(200, []))).toEqual([]);
    for (let k = 0; k < length; k++) expect(run(ds, length, wordsOf(200, [ds[k]!]))).toEqual([k]);
    expect(run(ds, length, wordsOf(200, ds))).toEqual(Array.from({ length }, (_, i) => i));
  }
});

test("a row that turns dense partway switches loops without losing or repeating a place", () => {
  // Sparse for 64 entries, then every other entry kept: the switch happens inside the dense part.
  const ds = Int32Array.from({ length: 200 }, (_, i) => i);
  const members = [5, ...Array.from({ length: 68 }, (_, i) => 64 + 2 * i)];
  const words = wordsOf(200, members);
  expect(run(ds, ds.length, words)).toEqual(plainFilter(ds, ds.length, words));
  expect(run(ds, ds.length, words)).toHaveLength(members.length);
  // Dense at once, then nothing kept: the plain loop finishes the row.
  const early = wordsOf(200, [0, 1, 2, 3, 4, 5, 6, 7, 150]);
  expect(run(ds, ds.length, early)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 150]);
});
