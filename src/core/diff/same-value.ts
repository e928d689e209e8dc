/**
 * Whether two parsed objects are one value in one shape, without rendering
 * them. The manifest diff asks it of every object present on both sides
 * before comparing their canonical YAML: an answer of true must mean the
 * same YAML, so it is given only for plain data compared exactly: primitives
 * by Object.is, arrays item by item, plain objects by their own keys (in any
 * order: canonical YAML sorts keys). Anything else answers false (a Buffer, a
 * Date, 0 against -0, a key holding undefined on one side only, a structure
 * deeper than MAX_DEPTH), and the caller then compares the rendered text,
 * which decides.
 */
const MAX_DEPTH = 256;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function sameValue(a: unknown, b: unknown): boolean {
  return same(a, b, 0);
}

function same(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || depth >= MAX_DEPTH) return false;
  const pa: unknown = Object.getPrototypeOf(a);
  if (pa !== Object.getPrototypeOf(b)) return false;
  if (pa === Array.prototype) {
    const xs = a as readonly unknown[];
    const ys = b as readonly unknown[];
    if (xs.length !== ys.length) return false;
    for (let i = 0; i < xs.length; i++) {
      // A hole is not plain data (rendering may treat it apart from undefined).
      if (!(i in xs) || !(i in ys) || !same(xs[i], ys[i], depth + 1)) return false;
    }
    return true;
  }
  if (pa !== Object.prototype && pa !== null) return false;
  const x = a as Readonly<Record<string, unknown>>;
  const y = b as Readonly<Record<string, unknown>>;
  // for-in rather than Object.keys: no key array per object, and the diff compares every object of both sides.
  let keys = 0;
  for (const k in x) {
    if (!hasOwn(x, k)) continue;
    if (!hasOwn(y, k) || !same(x[k], y[k], depth + 1)) return false;
    keys++;
  }
  for (const k in y) if (hasOwn(y, k)) keys--;
  return keys === 0;
}
