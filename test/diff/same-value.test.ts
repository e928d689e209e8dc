/**
 * The manifest diff skips rendering an object present on both sides when
 * sameValue says the two are one value. A true answer where the canonical
 * YAML differs would hide a changed object from an auditor, so: sameValue
 * true must imply equal yamlDocument text, on values built to be nearly
 * equal (reordered keys, -0, NaN, numbers against strings, holes, Buffers,
 * undefined), and diffManifests must report exactly what comparing every
 * pair's rendered text reports.
 */
import fc from "fast-check";
import { diffManifests } from "../../src/core/diff/manifests";
import { sameValue } from "../../src/core/diff/same-value";
import type { KubeObject } from "../../src/core/k8s/object";
import { yamlDocument } from "../../src/core/render";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

const leaf = fc.oneof(
  fc.constantFrom<unknown>(0, -0, 1, "1", "0", NaN, Infinity, true, "true", null, "", "a", "yes", undefined, 1.5, "1.5", 10, "010"),
  fc.integer({ min: -3, max: 3 }),
  fc.string({ maxLength: 3 }),
);

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("a", "b", "c", "name", "spec"), tie("value"), { maxKeys: 3 }),
    fc.constant(Buffer.from("hi")),
  ),
}));

/** A copy that may differ in form only (key order, a hole for an undefined item), in a key added or dropped, or in leaves. */
function variant(v: unknown, choices: readonly number[], at = { i: 0 }): unknown {
  const pick = () => choices[at.i++ % choices.length]!;
  if (Array.isArray(v)) {
    const out = v.map((x) => variant(x, choices, at));
    if (pick() === 1 && out.length > 0 && out[0] === undefined) {
      const holey: unknown[] = [];
      holey.length = out.length;
      for (let i = 1; i < out.length; i++) holey[i] = out[i];
      return holey;
    }
    return out;
  }
  if (Buffer.isBuffer(v)) return pick() === 2 ? Buffer.from(v) : v;
  if (typeof v === "object" && v !== null) {
    const entries = Object.entries(v).map(([k, x]) => [k, variant(x, choices, at)] as const);
    const form = pick();
    if (form === 3) entries.reverse();
    if (form === 7) entries.push(["z", 1]);
    if (form === 8) entries.shift();
    return Object.fromEntries(entries);
  }
  switch (pick()) {
    case 4:
      return typeof v === "number" ? String(v) : v;
    case 5:
      return Object.is(v, 0) ? -0 : v;
    case 6:
      return v === undefined ? null : v;
    default:
      return v;
  }
}

const object = (spec: unknown, name = "x"): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "ns" }, spec }) as unknown as KubeObject;

test("sameValue true implies the same canonical YAML, on nearly equal values", () => {
  let same = 0;
  let different = 0;
  fc.assert(
    fc.property(value, fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 12 }), (v, choices) => {
      const a = object(v);
      const b = object(variant(v, choices));
      if (sameValue(a, b)) {
        same++;
        expect(yamlDocument(b)).toBe(yamlDocument(a));
      } else different++;
      // Always true of a value and itself, and symmetric.
      expect(sameValue(a, a)).toBe(true);
      expect(sameValue(b, a)).toBe(sameValue(a, b));
    }),
    { numRuns: 2000, seed: SEED },
  );
  // Both answers occur, so neither branch is vacuous.
  expect(same).toBeGreaterThan(100);
  expect(different).toBeGreaterThan(100);
});

test("diffManifests reports what comparing every pair's rendered text reports", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(value, fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 6 }), fc.boolean()), { maxLength: 8 }), (items) => {
      const base = items.map(([v], i) => object(v, `o${i}`));
      // Head: each object in a variant, a few dropped and one added.
      const head = items.flatMap(([v, choices, keep], i) => (keep || i % 2 === 0 ? [object(variant(v, choices), `o${i}`)] : []));
      head.push(object({ added: true }, "new"));
      const d = diffManifests(base, head);
      const changed = head
        .filter((h) => {
          const b = base.find((x) => x.metadata.name === h.metadata.name);
          return b !== undefined && yamlDocument(b) !== yamlDocument(h);
        })
        .map((h) => h.metadata.name)
        .sort();
      expect(d.objects.filter((o) => o.change === "changed").map((o) => o.name)).toEqual(changed);
      expect(d.added).toBe(1);
      expect(d.removed).toBe(base.length - (head.length - 1));
    }),
    { numRuns: 500, seed: SEED + 1 },
  );
});

test("what sameValue refuses: another -0, a Buffer, a hole, a prototype, depth", () => {
  expect(sameValue({ a: 0 }, { a: -0 })).toBe(false);
  expect(sameValue({ a: NaN }, { a: NaN })).toBe(true);
  expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  expect(sameValue({ a: 1 }, { a: "1" })).toBe(false);
  expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  expect(sameValue(Buffer.from("a"), Buffer.from("a"))).toBe(false);
  const holey: unknown[] = [];
  holey.length = 1;
  expect(sameValue(holey, [undefined])).toBe(false);
  expect(sameValue(Object.create(null) as object, {})).toBe(false);
  let deep: unknown = 1;
  let deep2: unknown = 1;
  for (let i = 0; i < 300; i++) {
    deep = [deep];
    deep2 = [deep2];
  }
  expect(sameValue(deep, deep2)).toBe(false);
  expect(sameValue([[[1]]], [[[1]]])).toBe(true);
});
