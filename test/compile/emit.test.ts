/**
 * The fast YAML writer must give the `yaml` library's exact text of an
 * object's canonical copy (canonicalObject) for every object it accepts, and
 * leave to the library what it does not model.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { emitCanonicalYaml } from "../../src/core/render/emit";
import * as path from "node:path";
import { compile } from "../../src/core/compile";
import { canonicalObject } from "../../src/core/render";
import type { ResolvedPolicy } from "../../src/model";
import { generateCluster } from "../../src/bench/generate";
import { REPO_ROOT } from "../support/cli";

const OPTIONS = { version: "1.1", lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, sortMapEntries: false } as const;
const library = (v: unknown): string => stringify(v, OPTIONS);
/** The writer's text for an object whose keys are already in canonical order (sorted, no top-level or metadata keys). */
const emitYaml = (doc: object): string | undefined => emitCanonicalYaml(doc);

// Strings that YAML 1.1 reads as something else, or that need quoting, escaping or a block scalar.
const tricky = fc.constantFrom("yes", "No", "on", "OFF", "y", "n", "~", "null", "", " x", "x ", "a: b", "a #b", "- x", "-", "?", "[x]", "{x}", "*x", "&y", "!t", "|", ">", "%x", "@x", "`x", "'q'", '"q"', "0777", "0x1F", "1e3", "1_000", "190:20:30", "2024-01-31", ".inf", ".NaN", "10.0.0.1", "10.0.0.0/8", "fd00::/8", "x\ny", "tab\there", "ünïcödé", "é: x", "#", "---", "...", "<<", "=");
const key = fc.oneof(fc.stringMatching(/^[a-zA-Z][-a-zA-Z0-9_./]{0,10}$/), tricky, fc.constantFrom("Yes", "NULL", "oN", "Y", "n"));
// The keys canonical order puts first (at the top, and under every `metadata` key), mixed with others.
const canonicalKey = fc.oneof(key, fc.constantFrom("apiVersion", "kind", "metadata", "spec", "name", "namespace", "labels", "status"));
// Identifier-like text takes the writer's own plain path: include the YAML 1.1 words in every case mix.
const word = fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9._/-]{0,8}$/), fc.constantFrom("Yes", "yEs", "NULL", "Null", "oN", "TRUE", "False", "Y", "N", "a.b", "a/b", "a-", "x.", "e1", "E10", "inf", "nan", "NaN", "Inf"));
const scalar = fc.oneof(fc.string({ maxLength: 8 }), tricky, word, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
// Undefined values are skipped as canonicalObject skips them (an item of a list that is undefined is left to the library).
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: "small" }, scalar, fc.constant(undefined), fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(canonicalKey, tie("v"), { maxKeys: 4 })),
})).v;

test("random values: the writer's text is the library's text of the canonical copy, whenever it writes", () => {
  let written = 0;
  fc.assert(
    fc.property(fc.dictionary(canonicalKey, value, { minKeys: 1, maxKeys: 6 }), (doc) => {
      const fast = emitCanonicalYaml(doc);
      const canonical = canonicalObject(doc as never);
      // Undefined only where the library must write: an unmodelled value, or nothing left to write.
      if (fast === undefined) {
        expect(JSON.stringify(canonical) === "{}" || !modelled(canonical)).toBe(true);
        return;
      }
      written++;
      expect(fast).toBe(library(canonical));
    }),
    { numRuns: 2000 },
  );
  // Not vacuous: most documents are written by the fast writer.
  expect(written).toBeGreaterThan(1000);
});

test("keys are written in canonical order: apiVersion, kind, metadata, spec, then sorted; name and namespace first under every metadata key", () => {
  const o = { status: 1, spec: { b: 1, a: { metadata: { z: 1, namespace: "ns2", name: "x" } } }, zeta: [{ metadata: { b: 1, name: "why" } }], metadata: { labels: { b: "1", a: "2" }, namespace: "ns", name: "m" }, kind: "K", apiVersion: "v1", alpha: undefined };
  expect(emitCanonicalYaml(o)).toBe(
    ["apiVersion: v1", "kind: K", "metadata:", "  name: m", "  namespace: ns", "  labels:", '    a: "2"', '    b: "1"', "spec:", "  a:", "    metadata:", "      name: x", "      namespace: ns2", "      z: 1", "  b: 1", "status: 1", "zeta:", "  - metadata:", "      name: why", "      b: 1", ""].join("\n"),
  );
  // Empty collections, also those empty once undefined values are skipped, are written on their key's line or item's dash.
  expect(emitCanonicalYaml({ a: {}, b: [], c: { x: undefined }, d: [{}, [], { y: undefined }] })).toBe("a: {}\nb: []\nc: {}\nd:\n  - {}\n  - []\n  - {}\n");
});

/** Whether every value of a canonical copy is one the writer models (no -0, NaN, infinity, multi-line text, long key, document marker). */
function modelled(v: unknown): boolean {
  if (Array.isArray(v)) return v.every((x) => x !== undefined && modelled(x));
  if (v !== null && typeof v === "object") return Object.entries(v).every(([k, x]) => k.length <= 1024 && modelled(k) && modelled(x));
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v === "string") return !/[\n\r]/.test(v) && !v.startsWith("---") && !v.startsWith("...");
  return true;
}

test("digits in three or more dot-separated runs (addresses, versions) are plain as the library writes them, as key, value and item", () => {
  const dotted = fc.array(fc.stringMatching(/^[0-9]{1,4}$/), { minLength: 3, maxLength: 6 }).map((runs) => runs.join("."));
  fc.assert(
    fc.property(dotted, (v) => {
      for (const doc of [{ [v]: 1 }, { k: v }, { k: [v] }]) expect(emitYaml(doc)).toBe(library(doc));
    }),
    { numRuns: 500 },
  );
  // Two runs are a float in YAML 1.1, quoted by the library: not this path.
  expect(emitYaml({ k: "1.2" })).toBe(library({ k: "1.2" }));
  expect(library({ k: "1.2" })).toBe('k: "1.2"\n');
});

test("multi-line strings, -0 and non-JSON values are left to the library", () => {
  expect(emitYaml({ a: "x\ny" })).toBeUndefined();
  expect(emitYaml({ a: -0 })).toBeUndefined();
  // Other objects are read as maps of their own keys, as canonicalObject reads them: a Date is an empty map.
  expect(emitYaml({ a: new Date(0) })).toBe(library(canonicalObject({ a: new Date(0) } as never)));
  expect(emitYaml({ a: new Date(0) })).toBe("a: {}\n");
  expect(emitYaml({ a: [undefined] })).toBeUndefined();
  expect(emitYaml({ a: Number.NaN })).toBeUndefined();
  // A key too long to be implicit is written as `? key` by the library: a multi-line form, left to it.
  expect(emitYaml({ ["k".repeat(1025)]: 1 })).toBeUndefined();
  expect(emitYaml({ ["k".repeat(1024)]: 1 })).toBe(library({ ["k".repeat(1024)]: 1 }));
});

test("every object of the telecom policy and of a generated cluster is written by the fast writer, exactly as the library writes it", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const policy = (require(path.join(REPO_ROOT, "policies/telecom")) as { default: ResolvedPolicy }).default;
  const { objects } = compile(policy);
  for (const o of [...objects, ...generateCluster({ size: "S", seed: 1 }).objects.slice(0, 600)]) {
    expect(emitCanonicalYaml(o)).toBe(library(canonicalObject(o)));
  }
});
