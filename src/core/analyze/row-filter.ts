/**
 * keptPlaces: the places in a row of class indices whose class is in a
 * bitset. The vendor check's search filters every class row it reads this
 * way against the classes it still needs, and at 15,000 workloads it reads
 * about 1.6 million entries per search and keeps under 1% of them.
 */

/** Entries tested together before any is written: eight bit tests OR-ed, then one well-predicted branch. */
const GROUP = 8;

/**
 * A group with a kept entry costs a second pass over it, so a row that keeps
 * more than one entry in DENSE of those read so far finishes with the plain
 * loop, which costs the same whatever it keeps.
 */
const DENSE = 16;

/**
 * Writes to `at`, in order, the places i < length of `ds` whose value has its
 * bit set in `words`; returns how many there are. `at` must hold `length`
 * entries.
 *
 * Most groups of eight keep nothing, so they are read, tested and skipped
 * without a write. A write per entry with no branch (the plain loop) costs
 * about twice as much on sparse rows; a branch per entry mispredicts on dense
 * ones.
 */
export function keptPlaces(ds: Int32Array, length: number, words: Uint32Array, at: Int32Array): number {
  let n = 0;
  let i = 0;
  for (; i + GROUP <= length; i += GROUP) {
    const d0 = ds[i]!;
    const d1 = ds[i + 1]!;
    const d2 = ds[i + 2]!;
    const d3 = ds[i + 3]!;
    const d4 = ds[i + 4]!;
    const d5 = ds[i + 5]!;
    const d6 = ds[i + 6]!;
    const d7 = ds[i + 7]!;
    const any =
      (words[d0 >>> 5]! >>> (d0 & 31)) |
      (words[d1 >>> 5]! >>> (d1 & 31)) |
      (words[d2 >>> 5]! >>> (d2 & 31)) |
      (words[d3 >>> 5]! >>> (d3 & 31)) |
      (words[d4 >>> 5]! >>> (d4 & 31)) |
      (words[d5 >>> 5]! >>> (d5 & 31)) |
      (words[d6 >>> 5]! >>> (d6 & 31)) |
      (words[d7 >>> 5]! >>> (d7 & 31));
    if ((any & 1) === 0) continue;
    for (let j = i; j < i + GROUP; j++) {
      const d = ds[j]!;
      at[n] = j;
      n += (words[d >>> 5]! >>> (d & 31)) & 1;
    }
    if (n * DENSE > i) {
      i += GROUP;
      break;
    }
  }
  // The rest of a dense row, or the last entries of any row: a write per entry, kept or not, and no branch.
  for (; i < length; i++) {
    const d = ds[i]!;
    at[n] = i;
    n += (words[d >>> 5]! >>> (d & 31)) & 1;
  }
  return n;
}
