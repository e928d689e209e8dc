/**
 * The flow diff of two manifest versions (compared on what the analyzer
 * allows) against a plain reference: every (from, to) name pair of each side
 * flattened to its display text, then compared key by key. The fast path
 * skips rows with equal text and compares sets only inside differing rows;
 * it must report exactly the reference's additions, changes and removals.
 */
import fc from "fast-check";
import type { ManifestDoc } from "../../src/core/analyze";
import { diffSides, manifestSide, summarizeSide, type DiffSide } from "../../src/core/diff";
import { comparePairs } from "../../src/core/diff/flows";
import { clusterArb } from "../support/arbitraries";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

function side(objects: unknown[], label: string): DiffSide | undefined {
  const docs: ManifestDoc[] = objects.map((object, index) => ({ file: `${label}.yaml`, index, object }));
  return manifestSide(docs, { label }).side;
}

/** Each (from, to) pair of a side's rows as `from -> to` with its display text: the reference's input. */
function flattened(rows: ReadonlyMap<string, ReadonlyMap<string, { toDisplayString(): string }>>) {
  const out = new Map<string, { from: string; to: string; text: string }>();
  for (const [from, row] of rows) for (const [to, conns] of row) out.set(`${from} -> ${to}`, { from, to, text: conns.toDisplayString() });
  return out;
}

test("analyzer-basis flow changes equal a key-by-key comparison of both sides' pairs and groups", () => {
  let changes = 0;
  fc.assert(
    fc.property(clusterArb, clusterArb, (a, b) => {
      // Two versions of one cluster: b's policies over a's objects, so most pairs exist on both sides.
      const base = side(a, "base");
      const head = side([...a.filter((o) => (o as { kind?: string }).kind !== "NetworkPolicy"), ...b.filter((o) => (o as { kind?: string }).kind === "NetworkPolicy")], "head");
      fc.pre(base !== undefined && head !== undefined);
      const d = diffSides(base!, head!, { today: "2026-12-01" });
      expect(d.flows.basis).toBe("analyzer");
      const before = summarizeSide(base!).rows();
      const after = summarizeSide(head!).rows();
      expect(d.flows.pairs).toEqual(comparePairs(flattened(before.pairs.rows), flattened(after.pairs.rows)));
      expect(d.flows.groups).toEqual(comparePairs(flattened(before.groups.rows), flattened(after.groups.rows)));
      changes += d.flows.pairs.length;
    }),
    { numRuns: 60, seed: SEED },
  );
  // The versions do differ (else both sides of the comparison would be empty lists).
  expect(changes).toBeGreaterThan(0);
});
