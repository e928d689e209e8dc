/**
 * Keys made of small integers (rule-set ids, range-set words), hashed to
 * find their bucket and then compared in full: the hash only narrows the
 * search, equality is always exact. FNV-1a over 32-bit values.
 */

export const HASH_SEED = 0x811c9dc5;

/** The hash after one more value. */
export const hashStep = (h: number, x: number): number => Math.imul(h ^ x, 16777619);

/** The hash of `values[from..to)`, continuing from `h`. */
export function hashInts(values: ArrayLike<number>, h: number = HASH_SEED, from = 0, to: number = values.length): number {
  for (let i = from; i < to; i++) h = hashStep(h, values[i]!);
  return h;
}

/** Equal length and equal entries (the exact test behind a hashed key). */
export function sameElements(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
